#!/usr/bin/env bash
# Builds and runs every test (as root on a fresh Debian 12 machine it first
# installs the packages):
#   1. Release build with g++: unit, data and command-line tests (ctest).
#   2. clang build with AddressSanitizer + UndefinedBehaviorSanitizer: the same
#      tests again, then the libFuzzer targets for a bounded time each.
# Environment: FUZZ_SECONDS (default 60 per target), SKIP_SANITIZERS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
JOBS=$(nproc)

echo "== Release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build
log=$(mktemp)
trap 'rm -f "$log"' EXIT
ctest --test-dir build --output-on-failure -j "$JOBS" | tee -a "$log"

if [ "${SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== ASan+UBSan build (clang), tests and fuzzing"
  # Unity batches (docs/testing.md): the clean sanitizer build is most of the CI time;
  # the Release build above stays per file and checks each file's own includes.
  CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTIDEWATCH_SANITIZE=ON -DTIDEWATCH_FUZZ=ON -DTIDEWATCH_BENCH=OFF -DTIDEWATCH_UNITY=ON >/dev/null
  ninja -C build-asan
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$JOBS" | tee -a "$log"
  FUZZ_SECONDS=${FUZZ_SECONDS:-60} fuzz/run.sh build-asan
fi
# One closing line for both test runs (the fuzzers stop the script on a crash).
total=0
for n in $(sed -n 's/.*tests passed, 0 tests failed out of \([0-9]*\).*/\1/p' "$log"); do
  total=$((total + n))
done
echo "== all tests passed"
echo "$total passed, 0 failed"
