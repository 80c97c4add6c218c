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
"$CLI" new "$OUT" --folder "$RES/demo" --catalog "$RES/demo_keyword_counts.json" --target-per-class 30
"$CLI" add-reference "$OUT" --name cifar10-test-sample --role exclude "$RES/demo_reference"
"$CLI" dedup "$OUT"
