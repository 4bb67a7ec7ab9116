"""Checks an .xlsx must pass before openpyxl reads it: the right kind of file, and no zip or XML bomb
(bounds in exchange/zip_package.py)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.zip_package import PROLOG_BYTES, check_part_sizes, declares_entities

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def check_xlsx_file(path: Path) -> None:
    """Refuse, with a message for the clerk, anything openpyxl should not be given."""
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(len(OLE_MAGIC))
    except OSError as exc:
        raise ImportFormatError(f"無法讀取「{name}」：{exc.strerror}。") from exc
    if not head:
        raise ImportFormatError(f"「{name}」是空檔案，不是 Excel 活頁簿。")
    if head == OLE_MAGIC:
        _refuse_ole(path)
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
    if _contains(path, _ENCRYPTED_STREAM):
        raise ImportFormatError(
            f"「{path.name}」設有開啟密碼（已加密），無法讀取。請在 Excel 開啟後，到「檔案 → 資訊 → "
            "保護活頁簿 → 以密碼加密」清除密碼並存檔，再匯入。")
    raise ImportFormatError(
        f"「{path.name}」是舊版 Excel 97-2003 活頁簿（.xls），只是副檔名改成了 .xlsx。"
        "請在 Excel 開啟後「另存新檔」為「Excel 活頁簿 (*.xlsx)」，再匯入。")


def _contains(path: Path, needle: bytes) -> bool:
    """Whether the file holds these bytes, read a megabyte at a time."""
    with path.open("rb") as handle:
        tail = b""
        while chunk := handle.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


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
