#!/usr/bin/env bash
# End-to-end benchmark of `tidewatch analyze` (issue 4): simulated traffic in
# the open North Pacific at constant density (20 vessels per 10,000 km2, one
# position report per 30 s per vessel, 17 h, no scripted scenarios), for
# 5,000 vessels (over 10 million messages) and for twice as many vessels on
# twice the area.  Reports messages/s and peak RSS (GNU time), the time ratio
# of the doubling, and, side by side on the same input, Debian's gpsdecode
# only decoding it (the peer: no open tool runs the whole analysis).
#   bench/analyze-scale.sh [vessels]        (default 5000)
# Needs a Release build in build/.  Inputs go to bench/data/scale-*/ (~0.7 GB each).
set -euo pipefail
cd "$(dirname "$0")"
tw=../build/tidewatch
base=${1:-5000}
mkdir -p data results
echo "# tidewatch analyze at scale"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; tidewatch $($tw --version)."
echo
echo "| vessels | messages | analyze s | messages/s | peak RSS MiB | events |"
echo "|---|---|---|---|---|---|"
declare -A secs
for n in "$base" $((base * 2)); do
  d=data/scale-$n
  if [ ! -f "$d/ais.nmea" ]; then
    $tw simulate --out "$d" --seed 7 --region north_pacific --vessels "$n" --density 20 \
      --hours 17 --interval 30 --scenarios none -q
  fi
  msgs=$(wc -l < "$d/ais.nmea")
  /usr/bin/time -f "%e %M" -o results/scale-$n.time $tw analyze "$d/ais.nmea" --out "results/scale-$n" -q
  read -r s kb < results/scale-$n.time
  secs[$n]=$s
  ev=$(wc -l < "results/scale-$n/events.jsonl")
  echo "| $n | $msgs | $s | $(/usr/bin/python3 -c "print(round($msgs/$s))") | $((kb / 1024)) | $ev |"
done
echo
echo "Doubling the vessels at constant density: $(/usr/bin/python3 -c "print(round(${secs[$((base * 2))]}/${secs[$base]}, 2))")x the time (acceptance: at most 2.5x)."
if command -v gpsdecode > /dev/null; then
  /usr/bin/time -f "%e" -o results/scale-gpsdecode.time gpsdecode -u -j < "data/scale-$base/ais.nmea" > /dev/null
  g=$(cat results/scale-gpsdecode.time)
  echo "Peer, same input ($base vessels): gpsdecode -u -j only decoding it takes $g s;" \
    "tidewatch's whole analysis takes $(/usr/bin/python3 -c "print(round(${secs[$base]}/$g, 2))")x that."
fi
