"""The Qt-drawn PDF and print path: same layout as the Word file, exact footer, Kai face."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontInfo, QImage
from PySide6.QtPrintSupport import QPrinter

from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.formats import ExportOptions
from sqeditor.file_formats import write_report
from sqeditor.printing import render_pdf
from sqeditor.printing.fonts import install_kai_substitutions, kai_font
from sqeditor.printing.pages import print_report

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")


def pdf_text(path: Path, page: int) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                         check=True, capture_output=True, text=True)
    return out.stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@needs_poppler
def test_pdf_pages_header_footer_and_fonts(qapp, tmp_path, sample_report):
    path = tmp_path / "sample.pdf"
    pages = render_pdf(sample_report, path)
    info = pdf_info(path)
    assert int(info["Pages"]) == pages >= 2
    assert info["Page size"] == "595 x 842 pts (A4)"
    first, second = pdf_text(path, 1), pdf_text(path, 2)
    assert "經濟部 110 年度下半年提升服務品質自行評核項目及結果說明" in first
    assert "機關名稱：經濟部工業局" in first and "資料截止日期：110年12月10日" in first
    assert f"第 1 頁，共 {pages} 頁" in first and f"第 2 頁，共 {pages} 頁" in second
    assert "評核結果說明" in second.splitlines()[0] or "評核結果說明" in second[:400]  # header repeated
    assert "機關名稱" not in second
    assert "二、服務遞送" in pdf_text(path, 3) + pdf_text(path, 4) + pdf_text(path, 5)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Kai" in fonts
    assert "JP" not in fonts


@needs_poppler
def test_pdf_options_landscape_and_draft(qapp, tmp_path, sample_report):
    next(sample_report.rows()).result = []
    path = tmp_path / "draft.pdf"
    render_pdf(sample_report, path, ExportOptions(sections=[0], draft=True, landscape=True))
    assert pdf_info(path)["Page size"] == "842 x 595 pts (A4)"
    text = pdf_text(path, 1)
    assert "（未填）" in text and "（承辦單位：未指派）" in text
    assert "服務遞送" not in "".join(pdf_text(path, p) for p in range(1, int(pdf_info(path)["Pages"]) + 1))


def test_print_to_a_printer_matches_the_pdf_page_count(qapp, tmp_path, sample_report):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printed = print_report(sample_report, printer)
    assert printed == render_pdf(sample_report, tmp_path / "written.pdf")
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000


def test_print_preview_widget_gets_every_page(qapp, sample_report):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preview = QPrintPreviewWidget(printer)
    counts = []
    preview.paintRequested.connect(lambda p: counts.append(print_report(sample_report, p)))
    preview.updatePreview()
    assert counts and preview.pageCount() == counts[-1] >= 2


def test_kai_substitute_is_taiwanese_not_japanese(qapp):
    install_kai_substitutions()
    for family in ("標楷體", "DFKai-SB"):
        resolved = QFontInfo(QFont(family)).family()
        assert resolved in ("標楷體", "DFKai-SB", "TW-Kai", "AR PL UKai TW"), resolved
    assert "JP" not in QFontInfo(kai_font(12)).family()


def test_cli_pdf_export_without_a_display(tmp_path, sample_file):
    """The command line makes its own offscreen QGuiApplication."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "cli.pdf"
    command = [sys.executable, "-m", "sqeditor.cli", "export", str(sample_file), "-o", str(out)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_write_report_dispatches_pdf(qapp, tmp_path, sample_report):
    write_report(sample_report, tmp_path / "x.pdf")
    assert (tmp_path / "x.pdf").read_bytes()[:4] == b"%PDF"


def _grey_header_on_top(png: Path) -> bool:
    """The header's D9D9D9 shading appears in the top fifth of the page image."""
    image = QImage(str(png))
    for y in range(image.height() // 5):
        for x in range(0, image.width(), 3):
            color = image.pixelColor(x, y)
            if abs(color.red() - 0xD9) <= 3 and color.red() == color.green() == color.blue():
                return True
    return False


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or poppler not installed")
def test_render_pages_for_a_look(qapp, tmp_path, sample_report):
    """Word file through LibreOffice and the Qt PDF, as PNG pages kept in test-artifacts/."""
    out = ARTIFACTS / "pages"
    out.mkdir(parents=True, exist_ok=True)
    docx = tmp_path / "sample-word.docx"
    export_docx(sample_report, docx)
    env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "scripts" / "kai-fonts.conf"), TMPDIR=str(tmp_path))
    subprocess.run(["sh", str(ROOT / "scripts" / "render_docx.sh"), str(out), str(docx)],
                   check=True, env=env, capture_output=True, timeout=180)
    render_pdf(sample_report, out / "sample-qt.pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out / "sample-qt.pdf"), str(out / "sample-qt")],
                   check=True, timeout=60)
    for name in ("sample-word", "sample-qt"):
        pages = sorted(out.glob(f"{name}-*.png"))
        assert len(pages) >= 2, name
        assert _grey_header_on_top(pages[0]) and _grey_header_on_top(pages[1]), name


def test_long_tables_are_split_at_items_without_losing_rows():
    from benchmarks.large_report import build_large_report
    from sqeditor.exchange.layout import Merge, RowKind, build_layout
    from sqeditor.printing.pages import CHUNK_ROWS, split_layout

    layout = build_layout(build_large_report(CHUNK_ROWS * 2 + 50))
    parts = split_layout(layout)
    assert len(parts) >= 2
    assert [r for p in parts for r in p.rows[1:]] == layout.rows[1:]
    assert parts[0].title == layout.title and all(not p.title and not p.meta_lines for p in parts[1:])
    for part in parts:
        assert part.rows[0].kind is RowKind.HEADER
        first = part.rows[1]
        assert first.kind is RowKind.SECTION or first.cells[0].merge is not Merge.CONTINUE


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler not installed")
def test_table_keeps_its_right_border(qapp, tmp_path, sample_report):
    """The table ends on the text area's right edge: its border must not be clipped away."""
    path = tmp_path / "border.pdf"
    render_pdf(sample_report, path)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "2", "-l", "2", str(path), str(tmp_path / "p")],
                   check=True, timeout=60)
    image = QImage(str(next(tmp_path.glob("p-*.png"))))
    edge = round((210 - 18) / 25.4 * 100)  # A4 width less the right margin, at 100 dpi
    top, bottom = round(30 / 25.4 * 100), round((297 - 30) / 25.4 * 100)  # well inside the table
    dark = sum(any(image.pixelColor(x, y).lightness() < 128 for x in range(edge - 3, edge + 3))
               for y in range(top, bottom))
    assert dark > 0.95 * (bottom - top)
