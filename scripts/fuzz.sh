#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -DTC_FUZZ=ON) in build-fuzz and runs each one for a while
# over its seed corpus (tests/fuzz/corpus/<target>/). A crash, leak, timeout or OOM fails the script;
# the reproducer is left in build-fuzz/fuzz-artifacts/ and the log in build-fuzz/fuzz-logs/.
# Usage: scripts/fuzz.sh [seconds-per-target=30] [target-regex=.]   (env FUZZ_JOBS=2: targets in parallel)
# The per-input timeout is generous (FUZZ_TIMEOUT, default 120 s): on a loaded machine a nice'd
# fuzzer can be descheduled for tens of seconds, which is not a hang of the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-30}
FILTER=${2:-.}
BUILD=${FUZZ_BUILD:-build-fuzz}
JOBS=${FUZZ_JOBS:-1}

if [ -z "${FUZZ_NO_BUILD:-}" ]; then # FUZZ_NO_BUILD=1: run what is already built
  CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DTC_FUZZ=ON -DTC_BUILD_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD" --target tc_fuzzers -j"$(nproc)"
fi
mkdir -p "$BUILD/fuzz-logs" "$BUILD/fuzz-artifacts" "$BUILD/fuzz-corpus"

run_one() {
  local target=$1 bin="$BUILD/tests/fuzz/$1"
  local seeds="tests/fuzz/corpus/$1"
  [ -x "$bin" ] || { echo "$target: not built"; return 1; }
  local work="$BUILD/fuzz-corpus/$target" log="$BUILD/fuzz-logs/$target.log"
  mkdir -p "$work" "$seeds"
  # New interesting inputs go to the build folder's corpus, never into the repository.
  if ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    nice -n 10 "$bin" "$work" "$seeds" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout="${FUZZ_TIMEOUT:-120}" \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$BUILD/fuzz-artifacts/$target-" >"$log" 2>&1; then
    echo "$target: ok ($(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') execs," \
      "$(grep -oE 'cov: [0-9]+' "$log" | tail -1), ${SECONDS_PER_TARGET}s)"
  else
    echo "$target: FAILED (see $log)"; grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -5
    return 1
  fi
}

status=0
targets=$(tr ';' '\n' <"$BUILD/fuzz-targets.txt" | grep -E "$FILTER" || true)
if [ "$JOBS" -gt 1 ]; then
  export -f run_one; export BUILD SECONDS_PER_TARGET
  echo "$targets" | xargs -P "$JOBS" -I{} bash -c 'run_one {}' || status=1
else
  for t in $targets; do run_one "$t" || status=1; done
fi
exit $status
