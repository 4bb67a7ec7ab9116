"""Render resources/icons/sqeditor.svg into sqeditor.ico for the Windows program and installer.

    .venv/bin/python scripts/make_icon.py [--out resources/icons/sqeditor.ico]

Windows takes each size from the .ico as drawn, so every size Explorer and the taskbar use is
rendered from the drawing (not scaled from one bitmap). Entries are PNG, as Windows Vista and
later read them. Run again after changing the drawing, and commit both files.
"""

from __future__ import annotations

import argparse
import os
import struct
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: header, one 16-byte directory entry per image, then the PNG images."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = [], []
    for size, png in pngs.items():
        side = size % 256  # 0 stands for 256
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        images.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(images)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICONS / "sqeditor.ico")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (kept alive while drawing)
    renderer = QSvgRenderer(str(ICONS / "sqeditor.svg"))
    if not renderer.isValid():
        raise SystemExit("sqeditor.svg cannot be read")
    args.out.write_bytes(ico_bytes({size: render_png(renderer, size) for size in SIZES}))
    print(f"{args.out}: {', '.join(map(str, SIZES))} px")


if __name__ == "__main__":
    main()
