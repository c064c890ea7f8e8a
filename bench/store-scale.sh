#!/bin/sh
# The store at scale (docs/store.md §7): 100 million synthetic positions
# (10,000 vessels x 10,000 positions over 2023, generated straight into the
# store API, not through AIS decoding) into a scratch SQLite file, then one
# calendar month of a random vessel's track, 5,000 times: mean / p50 / p99.
# Also bytes per position (file size / positions) and the build time.
# The file (about 2 GB) is deleted afterwards.
#
#   bench/store-scale.sh [BUILD_DIR] [SCRATCH_PARENT]
#   TIDEWATCH_STORE_VESSELS=1000 bench/store-scale.sh   # a smaller run
set -eu
build=${1:-build}
parent=${2:-/tmp}
nice cmake --build "$build" --target tidewatch_bench -j2 >/dev/null
scratch=$(mktemp -d "$parent/tidewatch-store-scale-XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; scratch $scratch"
TIDEWATCH_STORE_SCALE_DIR=$scratch nice "$build/bench/tidewatch_bench" \
  --benchmark_filter=StoreScaleTrackMonth --benchmark_counters_tabular=true
ls -l "$scratch"
