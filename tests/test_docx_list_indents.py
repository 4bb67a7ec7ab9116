"""List markers and their hanging indents: first and wrapped lines start at one x, every level.

A marker as wide as its hanging indent pushes the text to the next tab stop (Word, LibreOffice
and Qt alike), so the hanging indent must hold the widest usual marker with room to spare.
The rendered checks read word positions from the PDFs (pdftotext -bbox) of the Word file as
LibreOffice draws it and of the Qt PDF.
"""

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtGui import QFontMetricsF

from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.layout import BODY_PT, INDENT_CHARS, CellParagraph, build_layout
from sqeditor.model.numbering import STEMS, marker_for
from sqeditor.printing import render_pdf
from sqeditor.printing.fonts import install_kai_substitutions, kai_font
from tests.list_report import list_report

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
MARKER = re.compile(rf"^(\d+\.|\(\d+\)|[{STEMS}]、)$")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def result_paragraphs() -> list[CellParagraph]:
    layout = build_layout(list_report())
    return [p for row in layout.rows for cell in row.cells for p in cell.paragraphs if p.marker]


def test_hanging_indent_holds_the_widest_marker_in_kai(qapp):
    install_kai_substitutions()
    font = kai_font(BODY_PT)
    font.setPixelSize(round(BODY_PT * 10))  # ten pixels a point: widths in points, precise
    metrics = QFontMetricsF(font)
    for level in (1, 2, 3):
        first, wrapped = INDENT_CHARS[level]
        hanging_pt = (wrapped - first) * BODY_PT
        widest = max(metrics.horizontalAdvance(marker_for(level, n)) / 10 for n in range(1, 100))
        assert hanging_pt >= widest + BODY_PT / 4, (level, hanging_pt, widest)


def test_each_level_starts_where_the_level_above_has_its_text():
    for level in (2, 3):
        assert INDENT_CHARS[level][0] == INDENT_CHARS[level - 1][1]


def test_word_tab_stop_sits_at_the_hanging_indent(tmp_path):
    path = tmp_path / "levels.docx"
    export_docx(list_report(), path)
    document = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    marked = [p for p in document.iter(f"{W}p") if p.find("w:r/w:tab", NS) is not None]
    expected = result_paragraphs()
    assert len(marked) == len(expected) == 7
    for p, layout in zip(marked, expected, strict=True):
        indent, tab = p.find("w:pPr/w:ind", NS), p.find("w:pPr/w:tabs/w:tab", NS)
        left = int(indent.get(f"{W}left"))
        assert left == round(layout.left_pt * 20) == int(tab.get(f"{W}pos"))
        assert left - int(indent.get(f"{W}hanging")) == round(layout.first_line_pt * 20)
        assert p.find("w:r/w:t", NS).text == layout.marker


def line_starts(pdf: Path) -> list[tuple[str, list[float]]]:
    """Each list marker in the result column with the x of the text lines that follow it."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                          check=True, capture_output=True, text=True, timeout=60).stdout
    words = [(float(x), float(y), w)
             for x, y, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', html)]
    left, top = next((x, y) for x, y, w in words if w == "說明如下：")
    bottom = next(y for _, y, w in words if w.startswith("已完成"))  # the next row's result
    groups: list[tuple[str, list[float]]] = []
    for x, y, word in words:
        if x < left - 1 or not top <= y < bottom:
            continue
        if MARKER.match(word):
            groups.append((word, []))
        elif groups:
            groups[-1][1].append(x)
    return groups


def assert_aligned(pdf: Path) -> None:
    groups = line_starts(pdf)
    assert [m for m, _ in groups] == ["1.", "(1)", "甲、", "乙、", "(2)", "2."]
    for marker, xs in groups:
        assert len(xs) >= 3, (marker, xs)  # the first line and at least two wrapped lines
        assert max(xs) - min(xs) < 0.5, (marker, xs)


@needs_poppler
def test_qt_pdf_lines_align_at_every_level(qapp, tmp_path):
    path = tmp_path / "levels.pdf"
    render_pdf(list_report(), path)
    assert_aligned(path)


@pytest.mark.slow
@needs_poppler
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_word_file_lines_align_at_every_level_in_libreoffice(tmp_path):
    docx = tmp_path / "levels.docx"
    export_docx(list_report(), docx)
    env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "scripts" / "kai-fonts.conf"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, env=env, timeout=180)
    assert_aligned(tmp_path / "levels.pdf")
