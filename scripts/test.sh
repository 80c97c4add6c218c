#!/usr/bin/env bash
# Installs what is missing, builds everything with warnings as errors, and runs every test.
# Usage: scripts/test.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
bash scripts/install-deps.sh
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTC_WERROR=ON
cmake --build "$BUILD" -j"$(nproc)"
bash scripts/check-translations.sh "$BUILD"
cd "$BUILD"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)"
