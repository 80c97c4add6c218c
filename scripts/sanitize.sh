#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (-DTC_SANITIZE=ON) in
# build-asan and runs the whole ctest suite; the first sanitizer report fails the run.
# Usage: scripts/sanitize.sh [build-dir=build-asan] [ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-asan}
shift || true
ROOT=$(pwd)

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DTC_SANITIZE=ON -DTC_WERROR=ON \
  -DTC_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)"

# Leaks inside system libraries (fontconfig, the Qt platform plugin) are not ours: they are
# listed, with the reason, in scripts/lsan.supp. Python child processes are not instrumented.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$ROOT/scripts/lsan.supp:print_suppressions=0"
export QT_QPA_PLATFORM=offscreen
# Qt Test stops a test function after 300 s. The sanitizers slow the engine 5-10x, and the default
# duplicate search now also scores shifted and mirrored alignments: give each function 15 minutes here.
export QTEST_FUNCTION_TIMEOUT=${QTEST_FUNCTION_TIMEOUT:-900000}
start=$(date +%s)
cd "$BUILD"
status=0
ctest --output-on-failure -j"$(nproc)" "$@" || status=$?
echo "sanitize.sh: ctest under ASan+UBSan took $(( $(date +%s) - start )) s (exit $status)"
exit $status
