#!/usr/bin/env bash
# Installs what is missing, builds the app and starts it on the bundled demo project.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
bash scripts/install-deps.sh
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD" -j"$(nproc)" --target tinycurator tinycurator-cli
DEMO_DIR=${XDG_DATA_HOME:-$HOME/.local/share}/TinyCurator
mkdir -p "$DEMO_DIR"
# demo-2: the demo with a reference set and planted duplicates. A demo.tcproj of an earlier version
# (and whatever was decided in it) is left alone.
DEMO="$DEMO_DIR/demo-2.tcproj"
if [ ! -f "$DEMO" ]; then
  bash scripts/demo-project.sh "$BUILD/app/tinycurator-cli" "$DEMO"
fi
exec "$BUILD/app/tinycurator" "$DEMO"
