#!/bin/sh
# Render .docx files to PNG pages with LibreOffice, 標楷體 mapped to a Kai face.
# Usage: scripts/render_docx.sh OUT_DIR FILE.docx...   (pages: OUT_DIR/<name>-<n>.png)
set -eu
out=$1; shift
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
profile=$(mktemp -d "${TMPDIR:-/tmp}/lo-profile.XXXXXX")
trap 'rm -rf "$profile"' EXIT
export FONTCONFIG_FILE="$here/kai-fonts.conf"
for docx in "$@"; do
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null
  name=$(basename "$docx" .docx)
  pdftoppm -r "${DPI:-60}" -png "$out/$name.pdf" "$out/$name"
done
