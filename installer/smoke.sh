#!/usr/bin/env bash
# Runs the frozen build (installer/build.sh) offscreen against a fresh database in a temporary
# folder: imports the sample data, checks the file, writes the Herefordshire minutes as PDF and
# Word and an action log as Excel, reads them back, checks two words' spelling through the
# bundled dictionary, then opens the main window and quits.
# Any error or non-zero exit fails the script, so a data file or module missing from the
# bundle is caught here rather than on a council laptop.
# Usage: installer/smoke.sh [FROZEN_FOLDER]      (default: dist/Boardwork)
set -euo pipefail
cd "$(dirname "$0")/.."

FROZEN=${1:-dist/Boardwork}
BIN="$FROZEN/boardwork-cli"
[ -x "$BIN" ] || BIN="$FROZEN/boardwork-cli.exe"
[ -x "$BIN" ] || { echo "smoke.sh: no frozen build in $FROZEN; run installer/build.sh" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/boardwork.db"
# Nothing from this machine: no keyring (the key comes from the environment), no settings.
export QT_QPA_PLATFORM=offscreen
export BOARDWORK_DATABASE_KEY
BOARDWORK_DATABASE_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# Seconds a command may take before it counts as hung (windows-check.sh, running it under
# Wine on a busy machine, allows more).
LIMIT=${BOARDWORK_SMOKE_TIMEOUT:-120}
PASSED=0
fail() {
  echo "smoke.sh: $*" >&2
  echo "smoke: $PASSED passed, 1 failed"
  exit 1
}

step() {
  echo "== boardwork $*"
  # A hung program (say, a message box nobody can see offscreen) fails instead of waiting.
  if ! timeout "$LIMIT" "$BIN" "$@" >"$WORK/out" 2>"$WORK/err"; then
    cat "$WORK/out" "$WORK/err" >&2
    fail "'boardwork $*' failed"
  fi
  if grep -q "Traceback" "$WORK/err"; then
    cat "$WORK/err" >&2
    fail "'boardwork $*' printed a traceback"
  fi
  cat "$WORK/out"
  PASSED=$((PASSED + 1))
}

expect_file() {  # FILE MAGIC: the file exists and starts with these bytes
  if [ ! -s "$1" ] || [ "$(head -c ${#2} "$1")" != "$2" ]; then
    fail "$1 was not written, or is not what it should be"
  fi
}

step --version
# The spell check's dictionary (resources/spelling) and the compiled Hunspell are bundled:
# a British spelling is right, a misspelling is found with its suggestion (exit status 1).
echo "== boardwork spell organisation recieve"
spelt=$(timeout "$LIMIT" "$BIN" spell organisation recieve 2>&1) && fail "spell accepted 'recieve'"
echo "$spelt"
grep -qx "organisation: correct" <<<"$spelt" || fail "the bundled dictionary rejects 'organisation'"
grep -q "^recieve: not in the dictionary; suggestions: receive" <<<"$spelt" \
  || fail "the bundled dictionary did not flag 'recieve' or suggest 'receive'"
PASSED=$((PASSED + 1))
step --database "$DB" demo --no-gui
step --database "$DB" check
step --database "$DB" search Herefordshire

# The minutes export belongs to the documents work; run it whenever the build has it.
if timeout "$LIMIT" "$BIN" export --help 2>/dev/null | grep -qw minutes; then
  step --database "$DB" export minutes --meeting hscb-2018-10-23 --format pdf \
    --output "$WORK/minutes.pdf"
  expect_file "$WORK/minutes.pdf" "%PDF"
  step --database "$DB" export minutes --meeting hscb-2018-10-23 --format docx \
    --output "$WORK/minutes.docx"
  expect_file "$WORK/minutes.docx" "PK"
else
  echo "== skipped: this build has no 'boardwork export minutes'"
fi
step --database "$DB" export action-log --board hscb --format xlsx --output "$WORK/actions.xlsx"
expect_file "$WORK/actions.xlsx" "PK"

# Read the documents back with the project's own Python, when there is one (not on a laptop).
PYTHON=.venv/bin/python
if [ -x "$PYTHON" ]; then
  echo "== reading the documents back"
  "$PYTHON" installer/smoke_check.py "$WORK" || fail "the documents lack what they must hold"
  PASSED=$((PASSED + 1))
fi

echo "== opening the main window"
export BOARDWORK_SMOKE_QUIT_MS=1500
step --database "$DB"
grep -q "smoke: window shown: " "$WORK/out" || fail "the main window did not open"
# The plain closing line test runners print, so CI counts these checks.
echo "smoke: $PASSED passed, 0 failed"
