#!/usr/bin/env bash
# The benchmarks' own setup: LibreOffice (the reference for documents) and a profiler.
# Not part of test.sh: the test suite needs neither.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq || echo "apt-get update had errors; installing from what it has" >&2; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui
  else
    echo "soffice is missing: run 'sudo apt-get install -y libreoffice-writer-nogui'" >&2
  fi
fi
# The profilers are the 'bench' extra of pyproject.toml, never a dependency of the app.
.venv/bin/python -m pip install -q pyinstrument py-spy
