#!/usr/bin/env bash
# Fails when a translation has unfinished or missing entries. lupdate runs first (through the
# build's update_translations target) so that strings added to the code show up as unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
cmake --build "$BUILD" --target update_translations >/dev/null
status=0
for ts in translations/*.ts; do
  case "$ts" in *_en.ts) continue ;; esac
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  vanished=$(grep -cE 'type="(vanished|obsolete)"' "$ts" || true)
  if [ "$unfinished" -ne 0 ]; then
    echo "$ts: $unfinished unfinished translation(s)"; grep -B3 'type="unfinished"' "$ts" | grep '<source>' | head -20
    status=1
  fi
  [ "$vanished" -eq 0 ] || echo "$ts: $vanished vanished entries (harmless; run lupdate -no-obsolete to drop them)"
done
exit $status
