#!/usr/bin/env bash
# Whole-program benchmark of `tidewatch decode` against gpsd's gpsdecode 3.22
# (Debian gpsd-clients), side by side on the same machine and input, single
# thread.  Needs bench/make-inputs.sh first and a Release build in build/.
#   bench/decode-vs-gpsdecode.sh [runs]     (default 5 runs per command)
# Prints a Markdown report; raw hyperfine JSON goes to bench/results/.
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-5}
tw=../build/tidewatch
mkdir -p results
for f in data/real-ais.nmea data/real-mixed.nmea data/real-ais-x4.nmea; do
  [ -f "$f" ] || { echo "missing $f: run bench/make-inputs.sh" >&2; exit 1; }
done
lines() { wc -l < "$1"; }
mean() { /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" "$@"; }

echo "# tidewatch decode vs gpsdecode"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB;"
echo "tidewatch $($tw --version), gpsdecode $(dpkg-query -W -f='${Version}' gpsd-clients); $runs runs each, mean wall time (hyperfine)."
echo
echo "| input | lines | command | seconds | lines/s | speed-up vs gpsdecode |"
echo "|---|---|---|---|---|---|"
for input in data/real-ais.nmea data/real-mixed.nmea; do
  n=$(lines "$input")
  name=$(basename "$input" .nmea)
  hyperfine --warmup 1 --shell=bash --runs "$runs" --export-json "results/$name.json" \
    "gpsdecode -u -j < $input > /dev/null" \
    "$tw decode -q -f json-unscaled $input -o /dev/null" \
    "gpsdecode -j < $input > /dev/null" \
    "$tw decode -q -f json $input -o /dev/null" \
    "$tw decode -q --stats $input > /dev/null" >/dev/null 2>&1
  g_u=$(mean "results/$name.json" 0); t_u=$(mean "results/$name.json" 1)
  g_s=$(mean "results/$name.json" 2); t_s=$(mean "results/$name.json" 3)
  t_c=$(mean "results/$name.json" 4)
  /usr/bin/python3 - "$name" "$n" "$g_u" "$t_u" "$g_s" "$t_s" "$t_c" <<'PY'
import sys
name, n = sys.argv[1], int(sys.argv[2])
g_u, t_u, g_s, t_s, t_c = map(float, sys.argv[3:])
rows = [("gpsdecode -u -j", g_u, ""), ("tidewatch decode -f json-unscaled", t_u, f"{g_u/t_u:.1f}x"),
        ("gpsdecode -j", g_s, ""), ("tidewatch decode -f json", t_s, f"{g_s/t_s:.1f}x"),
        ("tidewatch decode --stats (no output)", t_c, f"{g_u/t_c:.1f}x vs -u -j")]
for cmd, t, r in rows:
    print(f"| {name} | {n:,} | `{cmd}` | {t:.3f} | {n/t/1e6:.2f} M | {r} |")
PY
done
echo
echo "Peak memory (maximum resident set, /usr/bin/time), input x1 vs x4:"
echo
echo "| command | real-ais (x1) | real-ais-x4 |"
echo "|---|---|---|"
for cmd in "decode -q --stats" "decode -q -f json-unscaled -o /dev/null"; do
  m1=$(/usr/bin/time -f '%M' $tw $cmd data/real-ais.nmea 2>&1 >/dev/null | tail -1)
  m4=$(/usr/bin/time -f '%M' $tw $cmd data/real-ais-x4.nmea 2>&1 >/dev/null | tail -1)
  echo "| \`tidewatch $cmd\` | ${m1} KiB | ${m4} KiB |"
done
g1=$( { /usr/bin/time -f '%M' gpsdecode -u -j < data/real-ais.nmea > /dev/null; } 2>&1 | tail -1)
echo "| \`gpsdecode -u -j\` | ${g1} KiB | |"
