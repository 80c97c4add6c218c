#!/usr/bin/env bash
# Installs the Debian 12 packages TinyCurator needs to build, test and run. Idempotent: it only
# calls apt-get when a package is missing. Needs root (or sudo).
set -euo pipefail
PACKAGES=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n qt6-charts-dev libqt6opengl6-dev libxkbcommon-dev libgl-dev libvulkan-dev
  libopencv-dev libsqlite3-dev libpugixml-dev zlib1g-dev libopenblas-dev libbenchmark-dev
  clang libclang-rt-14-dev lld xvfb xauth imagemagick python3-numpy python3-pil python3-skimage)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
