#!/usr/bin/env bash
# Builds the frozen one-folder app, dist/Boardwork/, with PyInstaller (installer/boardwork.spec),
# prints its size and fails if it is over 250 MB. On Linux this is what installer/smoke.sh
# tests; on Windows the same spec feeds the Inno Setup installer (installer/README.md).
# Usage: installer/build.sh            (from anywhere; uses the project's .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-env.sh

LIMIT_MB=250
# PyInstaller reads shared-library dependencies with ldd and objdump (binutils).
if command -v dpkg-query >/dev/null; then
  setup_system_packages binutils
fi
[ -x "$VENV/bin/pyinstaller" ] || setup_python_env test

echo "== building Boardwork $("$VENV/bin/python" installer/version.py) with PyInstaller"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/boardwork.spec

size_kb=$(du -sk dist/Boardwork | cut -f1)
echo "== frozen folder: $(du -sh dist/Boardwork | cut -f1) (dist/Boardwork)"
if [ "$size_kb" -gt $((LIMIT_MB * 1024)) ]; then
  echo "build.sh: dist/Boardwork is over ${LIMIT_MB} MB; see what grew with:" >&2
  echo "  du -ak dist/Boardwork | sort -n | tail -30" >&2
  exit 1
fi
