"""The exported workbook printed by LibreOffice: PDF and PNG pages kept in test-artifacts/xlsx/."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from sqeditor.exchange.formats import ExportOptions
from sqeditor.file_formats import read_report, write_report
from sqeditor.model import Report
from tests.test_xlsx_import import content

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "xlsx"


def calc_installed() -> bool:
    """soffice converts .xlsx only with Calc's filters (Debian: libreoffice-calc-nogui)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        return False
    program = Path(os.path.realpath(soffice)).parent
    return (program / "libscfiltlo.so").exists() or (program / "scfiltlo.dll").exists()


def pdf_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True, timeout=60).stdout


def grey_header_near_top(png: Path) -> bool:
    """The header's D9D9D9 shading in the top fifth of the page."""
    image = QImage(str(png))
    return any(
        abs(image.pixelColor(x, y).red() - 0xD9) <= 3
        and image.pixelColor(x, y).red() == image.pixelColor(x, y).green() == image.pixelColor(x, y).blue()
        for y in range(image.height() // 5) for x in range(0, image.width(), 4))


@pytest.mark.slow
@pytest.mark.skipif(not calc_installed(), reason="LibreOffice Calc or poppler not installed")
def test_exported_workbook_prints_as_a_table(tmp_path: Path, sample_report: Report) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("sample-xlsx*"):
        old.unlink()
    for index, row in enumerate(sample_report.rows()):
        row.unit = ["秘書室", "資訊室"][index % 2]
    workbook = tmp_path / "sample-xlsx.xlsx"
    write_report(sample_report, workbook, ExportOptions(draft=True))
    env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "scripts" / "kai-fonts.conf"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(ARTIFACTS), str(workbook)],
                   check=True, capture_output=True, env=env, timeout=180)
    pdf = ARTIFACTS / "sample-xlsx.pdf"
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "sample-xlsx")],
                   check=True, timeout=120)
    pages = sorted(ARTIFACTS.glob("sample-xlsx-*.png"))
    assert len(pages) >= 5
    first, second = pdf_text(pdf, 1), pdf_text(pdf, 2)
    assert sample_report.meta.title in first and "機關名稱：經濟部工業局" in first
    assert "一、基礎服務" in first and "評核結果說明" in first
    assert "評核結果說明" in second and "機關名稱" not in second  # the header row repeats alone
    assert f"第 1 頁，共 {len(pages)} 頁" in first
    assert grey_header_near_top(pages[0]) and grey_header_near_top(pages[1])
    last = pdf_text(pdf, len(pages))
    assert "待處理問題" in last  # the 明細 sheet prints too


@pytest.mark.slow
@pytest.mark.skipif(not calc_installed(), reason="LibreOffice Calc not installed")
def test_workbook_saved_again_by_libreoffice_imports_the_same(tmp_path: Path, sample_report: Report) -> None:
    """LibreOffice writes shared strings, its own styles and merges: the content must not change."""
    for index, row in enumerate(sample_report.rows()):
        row.unit = ["秘書室", "資訊室"][index % 2]
    ours = tmp_path / "ours.xlsx"
    write_report(sample_report, ours)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "lo-out"), str(ours)],
                   check=True, capture_output=True, timeout=180)
    resaved = tmp_path / "lo-out" / "ours.xlsx"
    assert resaved.read_bytes() != ours.read_bytes()
    assert content(read_report(resaved)) == content(sample_report)
    assert read_report(resaved).meta == sample_report.meta
