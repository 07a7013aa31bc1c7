#!/usr/bin/env bash
# Installs the built .deb on this machine the way a user would, then uses it
# from the installed paths: the command line, the file type of a plan, and a
# double-click on a plan (gio open, as a file manager does) under Xvfb, which
# must open the window on that plan. Needs root (it installs a package); the
# package is removed again at the end unless KEEP=1.
#
#   tests/dist/install.sh target/dist/bundle/deb/Plenary_0.1.0_amd64.deb
set -euo pipefail

deb=${1:?usage: tests/dist/install.sh path/to/Plenary_VERSION_ARCH.deb}
deb=$(realpath "$deb")
if [ "$(id -u)" != 0 ]; then
  echo "install.sh installs a package: run it as root (sudo make dist-test)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/plenary-dist-test.XXXXXX)
shots=${SHOTS:-$PWD/shots}
mkdir -p "$shots"
# A fresh user: no mimeapps.list of our own, no recent plans, no config.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
cleanup() {
  [ "${KEEP:-0}" = 1 ] || DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq plenary >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "dist-test: $*" >&2; exit 1; }

echo "== install $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
echo "installed size: $(dpkg-query -W -f='${Installed-Size}' plenary) KiB"
echo "depends: $(dpkg-query -W -f='${Depends}' plenary)"

echo "== files"
for f in /usr/bin/plenary /usr/bin/plenary-window /usr/bin/plenary-print; do
  [ -x "$f" ] || fail "$f is missing"
done
desktop=/usr/share/applications/Plenary.desktop
[ -f "$desktop" ] || fail "no desktop entry at $desktop"
grep -qx 'Exec=plenary-window %f' "$desktop" || fail "the desktop entry does not run plenary-window %f"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $desktop"
for size in 16 24 32 48 64 128 256 512; do
  [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/plenary.png" ] || fail "no ${size}x${size} icon"
done
[ -f /usr/share/mime/packages/plenary.xml ] || fail "no MIME type definition"

echo "== command line from $(command -v plenary)"
[ "$(command -v plenary)" = /usr/bin/plenary ] || fail "plenary on PATH is $(command -v plenary)"
# --version lands with the command-line work; --help until then.
plenary --version 2>/dev/null || plenary --help | head -3
plan=$work/week.plenary
plenary sample "$plan"
plenary check "$plan" >/dev/null || [ $? = 1 ] || fail "plenary check failed on the sample"
# Printing runs /usr/bin/plenary-print, found beside /usr/bin/plenary.
plenary print "$plan" programme --out "$work/programme.pdf" || fail "plenary print failed"
head -c 5 "$work/programme.pdf" | grep -q '%PDF-' || fail "plenary print wrote no PDF"

echo "== file type"
# What a file manager sees: GIO's content type, from the shared MIME database
# (xdg-mime without a desktop session asks libmagic, which knows only SQLite).
type=$(gio info -a standard::content-type "$plan" | awk '/standard::content-type/ {print $2}')
[ "$type" = application/x-plenary ] || fail "a plan is $type, not application/x-plenary"
app=$(xdg-mime query default application/x-plenary)
[ "$app" = Plenary.desktop ] || fail "plans open with '$app', not Plenary.desktop"
echo "$type opens with $app"

echo "== double-click on the plan, under Xvfb"
# Runs inside xvfb-run: opens the plan as a file manager does and waits for
# the window to have shown it.
double_click() {
  set -euo pipefail
  local plan=$1 shots=$2
  # As GTK file managers open a file: GIO's content type, its default
  # application, the desktop entry's Exec line. (xdg-open without a desktop
  # session goes by libmagic, which sees only an SQLite file.)
  local t0
  t0=$(date +%s%N)
  gio open "$plan"
  # The window remembers a plan once it has shown it (the Overview is drawn):
  # the proof that the double-click opened this file, not only a window, and
  # the moment the launch is timed to.
  local recent=$XDG_CONFIG_HOME/org.plenary.app/recent.json
  for _ in $(seq 1200); do
    grep -qF "\"$plan\"" "$recent" 2>/dev/null && break
    sleep 0.05
  done
  grep -qF "\"$plan\"" "$recent" 2>/dev/null || { echo "the window did not show $plan" >&2; return 1; }
  echo "measure: double-click to the Overview shown: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  sleep 2 # let the first paint settle for the picture
  import -window root "$shots/dist-installed-window.png"
  local wid pid=""
  # The window's title ends with the plan's file name and the app's.
  for wid in $(xwininfo -root -tree | grep -F " — ${plan##*/} — Plenary\"" | awk '{print $1}'); do
    pid=$(xprop -id "$wid" _NET_WM_PID 2>/dev/null | awk '/= / {print $3}')
    [ -z "$pid" ] || break
  done
  [ -n "$pid" ] || { echo "no window has ${plan##*/} in its title" >&2; return 1; }
  local exe
  exe=$(readlink "/proc/$pid/exe")
  echo "window $wid: process $pid runs $exe"
  # Idle memory once the page has settled: the main process, and the whole
  # tree (WebKit's web and network processes) as proportional set size, so
  # libraries shared between them count once.
  sleep 5
  local tree pss=0 p
  tree=$pid
  local more=$pid
  while [ -n "$more" ]; do # every descendant, however deep (bwrap wraps WebKit's)
    more=$(pgrep -d ' ' -P "${more// /,}" || true)
    tree="$tree $more"
  done
  for p in $tree; do
    pss=$(( pss + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0) ))
  done
  echo "measure: idle RSS of plenary-window: $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status") KiB"
  echo "measure: idle PSS of the process tree ($(echo $tree | wc -w) processes): $pss KiB"
  kill "$pid"
  [ "$exe" = /usr/bin/plenary-window ] || { echo "the window is $exe" >&2; return 1; }
}
xvfb-run -a -s "-screen 0 1280x800x24" \
  bash -c "$(declare -f double_click); double_click \"\$@\"" _ "$plan" "$shots"
echo "screenshot: $shots/dist-installed-window.png"
echo "dist-test: the installed package works"
