#!/usr/bin/env bash
# Installs the Debian packages the editor and its tests need, only those missing.
# CJK fonts (Noto Sans CJK TC for the screen, TW-Kai/AR PL UKai standing in for 標楷體),
# Qt's X11 libraries, LibreOffice and poppler for looking at exported documents.
# binutils: PyInstaller reads shared libraries with objdump when it builds the bundle.
# xdotool … libglib2.0-bin: the real input-method test (ibus with Chewing under Xvfb, gsettings).
set -euo pipefail
packages=(
  python3-venv fonts-noto-cjk fonts-cns11643-kai fonts-arphic-ukai
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxkbcommon-x11-0 libxkbcommon0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  libreoffice-writer-nogui libreoffice-calc-nogui fonts-crosextra-carlito poppler-utils xvfb binutils
  xdotool dbus-x11 ibus ibus-chewing x11-utils xauth libglib2.0-bin
)
command -v dpkg-query >/dev/null || { echo "not a Debian system: install ${packages[*]} yourself"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
