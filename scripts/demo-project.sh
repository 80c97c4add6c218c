#!/usr/bin/env bash
# Builds the bundled demo project from resources/ with the CLI: the candidates of resources/demo, the
# reference set resources/demo_reference (CIFAR-10 test images, role exclude) and a duplicate search,
# so the Duplicates tab has pairs on first open. scripts/demo.sh and tests/dedup/TestDemoProject.cpp
# both run this script, so the demo a newcomer sees is the one the test checks.
#   scripts/demo-project.sh path/to/tinycurator-cli OUT.tcproj
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 TINYCURATOR_CLI OUT.tcproj" >&2
  exit 2
fi
CLI=$1
OUT=$2
RES="$(cd "$(dirname "$0")/../resources" && pwd)"
if [ -e "$OUT" ]; then
  echo "$OUT exists already; the demo is only built into a new file" >&2
  exit 1
fi
# Built under a temporary name and moved into place complete: an interrupted build never leaves a demo
# without its reference set or its pairs under the name demo.sh opens.
TMP="$(dirname "$OUT")/.$(basename "$OUT").building-$$"
trap 'rm -f "$TMP" "$TMP-wal" "$TMP-shm" "$TMP.lock"' EXIT
"$CLI" new "$TMP" --folder "$RES/demo" --catalog "$RES/demo_keyword_counts.json" --target-per-class 30
"$CLI" add-reference "$TMP" --name cifar10-test-sample --role exclude "$RES/demo_reference"
"$CLI" dedup "$TMP"
mv -n "$TMP" "$OUT"
[ -e "$TMP" ] && { echo "$OUT appeared meanwhile; left it alone" >&2; exit 1; }
exit 0
