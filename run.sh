#!/usr/bin/env bash
# Sets Boardwork up on first use, then opens it. Arguments are passed on: ./run.sh demo
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh

if command -v dpkg-query >/dev/null; then
  setup_system_packages "${QT_HEADLESS_PACKAGES[@]}" "${QT_WINDOW_PACKAGES[@]}"
fi
setup_python_env ""

# A Linux machine with no keyring (no desktop session, a bare VM) has nowhere safe to keep the
# database key. For trying Boardwork there, keep a development key and database in .dev/.
if [ -z "${BOARDWORK_DATABASE_KEY:-}" ] && ! "$VENV/bin/python" -c \
    "import sys; from desktop.models.keystore import keyring_available as k; sys.exit(not k())"; then
  mkdir -p .dev && chmod 700 .dev
  if [ ! -f .dev/database.key ]; then
    "$VENV/bin/python" -c "import secrets; print(secrets.token_hex(32))" > .dev/database.key
    chmod 600 .dev/database.key
  fi
  echo "No keyring on this machine: using the development key and database in .dev/."
  export BOARDWORK_DATABASE_KEY=$(cat .dev/database.key)
  set -- --database .dev/boardwork.db "$@"
fi
exec "$VENV/bin/boardwork" "$@"
