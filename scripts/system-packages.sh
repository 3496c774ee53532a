#!/usr/bin/env bash
# Install the Debian packages Descent Lab needs beyond Python, when they are missing:
# the X11/xcb libraries Qt's window needs, Xvfb (a virtual screen for machines without one),
# desktop-file-validate (tests check the desktop entry), a font with Chinese glyphs and
# rsvg-convert (tests check that exported SVGs draw alike in librsvg).
# Needs root or password-less sudo; elsewhere it says what to install and carries on.
set -u

packages=(
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  xvfb xauth desktop-file-utils fonts-wqy-microhei librsvg2-bin
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian-like system; make sure Qt's xcb libraries are installed." >&2
  exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "system-packages: please install: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi

echo "setup: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# apt's own chatter (debconf notes and the like) goes to a log, shown only if apt fails.
log=$(mktemp)
if ! { "${sudo[@]}" apt-get update -qq && \
       "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1
then
  cat "$log" >&2
  rm -f "$log"
  echo "system-packages: apt-get failed; install by hand: ${missing[*]}" >&2
  exit 0
fi
rm -f "$log"
