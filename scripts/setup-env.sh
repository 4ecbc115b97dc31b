# Sourced by run.sh and test.sh: the virtual environment and the system libraries Qt needs.
# Usage: setup_python_env EXTRAS ; setup_system_packages PACKAGE...

PYTHON=${PYTHON:-python3}
VENV=.venv

setup_python_env() {
  local extras=$1
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating $VENV…"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  local stamp="$VENV/.installed-$extras"
  local digest
  digest=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "Installing Boardwork and its dependencies into $VENV…"
    local spec="."
    [ -n "$extras" ] && spec=".[$extras]"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
    echo "$digest" > "$stamp"
  fi
}

setup_system_packages() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "These system packages are missing: ${missing[*]}"
    echo "Install them with: sudo apt-get install ${missing[*]}"
  fi
}

# What Qt needs to run at all, offscreen included; and fonts, without which it draws boxes.
QT_HEADLESS_PACKAGES=(libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
  fonts-dejavu-core)
# What its xcb plugin needs to open a real window.
QT_WINDOW_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0)
