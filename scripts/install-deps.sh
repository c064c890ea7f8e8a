#!/usr/bin/env bash
# Installs the Debian 12 packages tidewatch needs to build, test and benchmark.
# Idempotent: installs only what is missing.  Run as root (or with sudo).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  # libraries
  zlib1g-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libssl-dev
  libs2-dev libgeographiclib-dev libicu-dev libpugixml-dev
  # rasters and GIS formats (GDAL; ogrinfo checks the exports), the SQLite store
  libgdal-dev gdal-bin libsqlite3-dev
  # optional: GSHHG shorelines for the land mask, read with libnetcdf (docs/tracks.md §4)
  libnetcdf-dev gmt-gshhg-low gmt-gshhg-high
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # peers the tests and benchmarks compare against
  gpsd-clients python3-ais hyperfine time
  # headless PDF of the dossier and the browser test (tidewatch report --pdf, docs/dossier.md)
  chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
