#!/usr/bin/env bash
# Builds the Linux bundle dist/sqeditor/ from installer/sqeditor.spec and checks it runs.
# Usage: installer/build_linux.sh [DIST_DIR [WORK_DIR]]   (default: dist and build)
# Needs the project's venv with the test extras (`make setup` makes it: it has PyInstaller)
# and binutils (objdump), which PyInstaller uses to read shared libraries.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$(realpath -m "${1:-$root/dist}")"
work="$(realpath -m "${2:-$root/build}")"
python="${PYTHON:-$root/.venv/bin/python}"
command -v objdump >/dev/null || { echo "PyInstaller needs objdump: apt-get install binutils" >&2; exit 1; }
cd "$root"
start=$SECONDS
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" installer/sqeditor.spec
echo "Built $dist/sqeditor in $((SECONDS - start)) s, $(du -sh "$dist/sqeditor" | cut -f1)"
cd /
env -i PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen PYTHONPATH= "$dist/sqeditor/sqeditor" --version
env -i PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen PYTHONPATH= "$dist/sqeditor/sqeditor" --self-test
