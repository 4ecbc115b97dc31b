#!/usr/bin/env bash
# Sets up whatever the tests need (system packages included, when run as root), then runs
# every check: ruff, mypy on desktop/, the frozen build and its smoke test, the Windows build
# under Wine, and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh

if command -v dpkg-query >/dev/null; then
  setup_system_packages "${QT_HEADLESS_PACKAGES[@]}"
fi
setup_python_env test

echo "== ruff"
"$VENV/bin/ruff" check desktop tests benchmarks
echo "== mypy"
"$VENV/bin/mypy" desktop
# The frozen build and its smoke test (installer/), so that a file missing from the bundle
# fails here; BOARDWORK_SKIP_FROZEN=1 leaves them out of a quick local run.
if [ -z "${BOARDWORK_SKIP_FROZEN:-}" ]; then
  echo "== frozen build"
  installer/build.sh
  echo "== frozen build smoke test"
  installer/smoke.sh
fi
# The Windows build for real, under Wine: Windows Python, PyInstaller for Windows, Inno Setup,
# a silent install and uninstall (installer/windows-check.sh; as root; ~1.5 GB of Debian
# packages the first time, and a cache in /var/cache/boardwork-windows).
# BOARDWORK_SKIP_WINDOWS=1 leaves it out of a quick local run.
if [ -z "${BOARDWORK_SKIP_WINDOWS:-}" ]; then
  echo "== Windows build, installer and smoke test under Wine"
  installer/windows-check.sh
fi
# Last, so that its summary line closes the output.
echo "== pytest"
QT_QPA_PLATFORM=offscreen "$VENV/bin/pytest" -q -p no:cacheprovider "$@"
