#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time (FUZZ_SECONDS, default 60)
# from the committed seeds plus, when present, the real AIS data in
# ../shared/data/ais.  Fails on the first crash; the crashing input is kept
# in BUILD/fuzz-artifacts/.
# Usage: fuzz/run.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
seconds=${FUZZ_SECONDS:-60}
work="$build/fuzz-work"
mkdir -p "$work/corpus-decode" "$work/corpus-message" "$work/corpus-inputs" "$build/fuzz-artifacts"
cp fuzz/seeds/inputs/* "$work/corpus-inputs/" 2>/dev/null || true
cp fuzz/seeds/decode/* "$work/corpus-decode/" 2>/dev/null || true
if [ -d ../shared/data/ais ]; then
  # one seed per real file, cut to 4 KiB (the fuzzer mutates from there)
  find ../shared/data/ais -type f \( -name '*.nmea' -o -name '*.txt' -o -name '*.log' -o -name '*.aivdm' -o -name '*.ais' \) \
    -size -2M | while read -r f; do
      head -c 4096 "$f" > "$work/corpus-decode/$(echo "$f" | tr '/' '_')"
    done
fi
# message seeds: a few payload bit strings of every length class
printf '\x00\x14\x5a\x00' > "$work/corpus-message/short"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
for target in fuzz_decode fuzz_message fuzz_inputs; do
  corpus="$work/corpus-${target#fuzz_}"
  echo "== $target for ${seconds}s"
  set +e
  dict=fuzz/nmea.dict
  [ "$target" = fuzz_inputs ] && dict=fuzz/inputs.dict
  "$build/fuzz/$target" "$corpus" -dict="$dict" -max_total_time="$seconds" \
    -max_len=8192 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/" 2>&1 | tail -n 12
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target failed (status $status); inputs in $build/fuzz-artifacts/" >&2
    exit "$status"
  fi
done
