#!/usr/bin/env bash
# Sets up whatever the tests need (system packages included, when run as root), then runs
# every check: ruff, mypy on desktop/, the frozen build and its smoke test, the Windows build
# under Wine, and the whole pytest suite on every core (pytest-xdist).
# The Windows check runs in the background from the start (it mostly waits on Wine and the
# disk), its output kept in a file and shown once pytest is done; its failure fails the run.
# The run ends with a tally of every step (result, wall and processor seconds) and, last,
# pytest's own summary line. Measured times: docs/TESTING.md.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
started=$SECONDS

if command -v dpkg-query >/dev/null; then
  setup_system_packages "${QT_HEADLESS_PACKAGES[@]}"
fi
setup_python_env test

TALLY=()
FAILURES=0
CPU_FILE=$(mktemp /tmp/boardwork-step-cpu.XXXXXX)
PYTEST_LOG=$(mktemp /tmp/boardwork-pytest-log.XXXXXX)
WINDOWS_PID=""
WINDOWS_LOG=$(mktemp /tmp/boardwork-windows-log.XXXXXX)
# The Windows check is stopped with the run (say, by CI's time limit).
cleanup() {
  if [ -n "$WINDOWS_PID" ]; then kill "$WINDOWS_PID" 2>/dev/null || true; fi
  rm -f "$CPU_FILE" "$PYTEST_LOG" "$WINDOWS_LOG" "$WINDOWS_LOG.cpu"
}
trap cleanup EXIT
# Runs a command in a subshell that then writes the processor seconds (user + system) it and
# its children used to FILE: measured there, a background job reaped meanwhile is not counted.
timed() {  # FILE COMMAND...
  local file=$1
  shift
  (
    rc=0
    "$@" || rc=$?
    # Not `times | ...`: a pipeline's forked side reports no children of its own.
    times >"$file"
    tail -1 "$file" | awk '{ gsub(/[ms]/, " "); printf "%.0f\n", $1 * 60 + $2 + $3 * 60 + $4 }' \
      >"$file.sum" && mv "$file.sum" "$file"
    exit "$rc"
  )
}
record() {  # NAME STATUS BEGIN CPU-FILE
  local wall=$((SECONDS - $3))
  if [ "$2" -eq 0 ]; then
    TALLY+=("passed  $1 (${wall} s, $(cat "$4") s processor)")
  else
    TALLY+=("FAILED  $1 (exit status $2; ${wall} s)")
    FAILURES=$((FAILURES + 1))
  fi
}
step() {  # NAME COMMAND...: runs one check, records its result; 0 when it passed
  local name=$1 begin=$SECONDS rc=0
  shift
  echo "== $name"
  timed "$CPU_FILE" "$@" || rc=$?
  record "$name" "$rc" "$begin" "$CPU_FILE"
  return "$rc"
}

# The Windows build for real, under Wine: Windows Python, PyInstaller for Windows, Inno Setup,
# a silent install and uninstall (installer/windows-check.sh; as root; ~1.5 GB of Debian
# packages the first time, and a cache in /var/cache/boardwork-windows). It works on its own
# copy of the source tree and its own Wine prefix, display and temporary folder, so it runs
# beside the other steps. BOARDWORK_SKIP_WINDOWS=1 leaves it out of a quick local run.
if [ -z "${BOARDWORK_SKIP_WINDOWS:-}" ]; then
  windows_begin=$SECONDS
  echo "== Windows build, installer and smoke test under Wine: started in the background"
  timed "$WINDOWS_LOG.cpu" installer/windows-check.sh >"$WINDOWS_LOG" 2>&1 &
  WINDOWS_PID=$!
fi

step ruff "$VENV/bin/ruff" check desktop tests benchmarks scripts || true
step mypy "$VENV/bin/mypy" desktop || true
# The frozen build and its smoke test (installer/), so that a file missing from the bundle
# fails here; BOARDWORK_SKIP_FROZEN=1 leaves them out of a quick local run.
if [ -z "${BOARDWORK_SKIP_FROZEN:-}" ]; then
  if step "frozen build" installer/build.sh; then
    step "frozen build smoke test" installer/smoke.sh || true
  fi
fi

# Every core: BOARDWORK_TEST_WORKERS=0 runs the suite in this one process. Each test file
# stays on one worker (--dist loadfile), so a file's module-scoped fixtures are made once.
run_pytest() {
  set -o pipefail
  QT_QPA_PLATFORM=offscreen "$VENV/bin/pytest" -q -p no:cacheprovider \
    -n "${BOARDWORK_TEST_WORKERS:-auto}" --dist loadfile "$@" 2>&1 | tee "$PYTEST_LOG"
}
step pytest run_pytest "$@" || true
summary=$(grep -E '^=* ?[0-9]+ (passed|failed|error)|^=* ?no tests ran' "$PYTEST_LOG" | tail -1 || true)

if [ -n "$WINDOWS_PID" ]; then
  echo "== Windows build, installer and smoke test under Wine (its output)"
  rc=0
  wait "$WINDOWS_PID" || rc=$?
  WINDOWS_PID=""
  cat "$WINDOWS_LOG"
  record "Windows build under Wine (in the background)" "$rc" "$windows_begin" "$WINDOWS_LOG.cpu"
fi

echo "== tally ($((SECONDS - started)) s in all, set-up included)"
for line in "${TALLY[@]}"; do echo "  $line"; done
# pytest's summary line closes the output, as it did when pytest ran last.
echo "${summary:-pytest printed no summary line}"
[ "$FAILURES" -eq 0 ]
