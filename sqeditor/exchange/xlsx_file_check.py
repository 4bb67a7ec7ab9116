"""Checks an .xlsx must pass before openpyxl reads it: the right kind of file, and no zip or XML bomb
(bounds in exchange/zip_package.py)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.file_kind import FileKind, is_encrypted, sniff
from sqeditor.exchange.zip_package import PROLOG_BYTES, check_part_sizes, declares_entities


def check_xlsx_file(path: Path) -> None:
    """Refuse, with a message for the clerk, anything openpyxl should not be given."""
    name = path.name
    kind = sniff(path)
    if kind is FileKind.EMPTY:
        raise ImportFormatError(f"「{name}」是空檔案，不是 Excel 活頁簿。")
    if kind is FileKind.OLE:
        _refuse_ole(path)
    if kind not in (FileKind.XLSX, FileKind.ZIP):
        raise ImportFormatError(f"「{name}」不是 Excel 活頁簿，看起來是{kind.value}。")
    if not zipfile.is_zipfile(path):
        raise ImportFormatError(f"「{name}」不是有效的 Excel 活頁簿（.xlsx），檔案可能已損壞或是其他格式。")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_parts(name, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            NotImplementedError) as exc:
        raise ImportFormatError(
            f"「{name}」已損壞，無法讀取（{exc}）。請用 Excel 開啟後另存新檔再匯入。") from exc


def _refuse_ole(path: Path) -> None:
    """An OLE compound file named .xlsx is a password-protected workbook or an old .xls."""
    if is_encrypted(path):
        raise ImportFormatError(
            f"「{path.name}」設有開啟密碼（已加密），無法讀取。請在 Excel 開啟後，到「檔案 → 資訊 → "
            "保護活頁簿 → 以密碼加密」清除密碼並存檔，再匯入。")
    raise ImportFormatError(
        f"「{path.name}」是舊版 Excel 97-2003 活頁簿（.xls），只是副檔名改成了 .xlsx。"
        "請在 Excel 開啟後「另存新檔」為「Excel 活頁簿 (*.xlsx)」，再匯入。")


def _check_parts(name: str, archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        kind = "Word 文件（.docx）" if "word/document.xml" in names else "其他格式的壓縮檔"
        raise ImportFormatError(f"「{name}」不是 Excel 活頁簿，看起來是{kind}。")
    check_part_sizes(archive, name)
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and _declares_entities(archive, part):
            raise ImportFormatError(
                f"「{name}」的 {part.filename} 含有 XML 實體宣告（DOCTYPE），Excel 不會產生這種內容，"
                "可能是惡意檔案，不予讀取。")


def _declares_entities(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    with archive.open(part) as stream:
        return declares_entities(stream.read(PROLOG_BYTES))
