#!/usr/bin/env bash
# Builds the benchmark inputs from the real logs in ../shared/data/ais/real-logs
# (bench/data/ is not committed):
#   real-mixed.nmea  every real log as captured (AIS with $PGHP wrappers, tag
#                    blocks, USCG fields, GPS sentences), repeated to >= 1.5 M lines
#   real-ais.nmea    only the lines that carry AIS sentences (and their $PGHP
#                    time wrappers), repeated to >= 1.5 M lines
#   real-ais-x4.nmea the same, four times longer (memory must stay flat)
set -euo pipefail
cd "$(dirname "$0")"
logs=../../shared/data/ais/real-logs
[ -d "$logs" ] || { echo "make-inputs: $logs not found" >&2; exit 1; }
mkdir -p data
one=$(mktemp)
for f in "$logs"/amsa-code-risky/*.txt "$logs"/dma-ais-AisLib/stream_example.txt "$logs"/SignalK-signalk-server/*.log; do
  cat "$f"; [ -n "$(tail -c1 "$f")" ] && echo
done > "$one"
grep -E 'VD[MO],|^\$PGHP,' "$one" > "$one.ais" || true
repeat() {  # repeat FILE to at least N lines into OUT
  local src=$1 n=$2 out=$3 lines reps
  lines=$(wc -l < "$src")
  reps=$(( (n + lines - 1) / lines ))
  : > "$out"
  for _ in $(seq "$reps"); do cat "$src"; done > "$out"
}
repeat "$one" 1500000 data/real-mixed.nmea
repeat "$one.ais" 1500000 data/real-ais.nmea
repeat "$one.ais" 6000000 data/real-ais-x4.nmea
rm -f "$one" "$one.ais"
wc -l data/*.nmea
