#!/usr/bin/env bash
# Builds tidewatch (Release, g++) into build/: the program lands at build/tidewatch.
# Usage: scripts/build.sh [extra cmake options]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
ninja -C build
