#!/usr/bin/env bash
# Set-up on a fresh Debian 12 machine (as root): installs the packages, builds
# tidewatch and runs the main job on the bundled sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
mkdir -p out
echo
echo "== tidewatch decode data/samples/dma-2010-06-11.nmea -> out/sample-decoded.jsonl"
build/tidewatch decode data/samples/dma-2010-06-11.nmea --output out/sample-decoded.jsonl \
  --rejects out/sample-rejects.jsonl
head -n 3 out/sample-decoded.jsonl
echo "(full output: out/sample-decoded.jsonl; rejected lines: out/sample-rejects.jsonl)"
echo
echo "== tidewatch tracks data/samples/dma-2010-06-11.nmea -> out/sample-tracks/"
build/tidewatch tracks data/samples/dma-2010-06-11.nmea --out out/sample-tracks
ls out/sample-tracks
echo
echo "== tidewatch analyze data/samples/dma-2010-06-11.nmea -> out/sample-analysis/"
build/tidewatch analyze data/samples/dma-2010-06-11.nmea --out out/sample-analysis
echo
echo "== tidewatch simulate (a dark port visit to Najin, a ship-to-ship transfer, ...) -> out/scenario/"
build/tidewatch simulate --out out/scenario --interval 60
echo "== tidewatch analyze out/scenario/ais.nmea -> out/scenario-analysis/ (truth: out/scenario/truth.jsonl)"
build/tidewatch analyze out/scenario/ais.nmea --out out/scenario-analysis
echo "(the dark ship's gap, suspected disabling:)"
grep -m1 '"suspected_disabling":true' out/scenario-analysis/events.jsonl || true
echo
echo "== evidence: store, GIS export, dossier of the dark ship"
build/tidewatch analyze out/scenario/ais.nmea --out out/scenario-analysis --store out/tidewatch.sqlite -q
build/tidewatch export out/scenario/ais.nmea --events out/scenario-analysis/events.jsonl --format gpkg \
  --out out/scenario.gpkg -q
dark=$(grep -m1 '"suspected_disabling":true' out/scenario-analysis/events.jsonl | sed 's/.*"mmsi":\([0-9]*\).*/\1/')
if [ -n "$dark" ]; then
  echo "(vessels that visited or could have visited Najin, from the store:)"
  build/tidewatch query out/tidewatch.sqlite --format csv port-visits --port Najin
  build/tidewatch report --run out/scenario-analysis --inputs out/scenario/ais.nmea --vessel "$dark" \
    --out out/dossier --pdf
  echo "(the dossier: out/dossier/; QGIS: out/scenario.gpkg; the store: out/tidewatch.sqlite)"
fi
