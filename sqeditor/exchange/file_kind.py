"""What a file really is, by its first bytes: a renamed PDF or .doc is named, not called a bad zip."""

from __future__ import annotations

import codecs
import zipfile
import zlib
from enum import StrEnum
from pathlib import Path

from sqeditor.errors import ImportFormatError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD_BYTES = 512
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


class FileKind(StrEnum):
    """The value is how the clerk would name the format."""

    DOCX = "Word 文件（.docx）"
    XLSX = "Excel 活頁簿（.xlsx）"
    PPTX = "PowerPoint 簡報（.pptx）"
    ODT = "OpenDocument 文字文件（.odt）"
    ODS = "OpenDocument 試算表（.ods）"
    ZIP = "壓縮檔（.zip）"
    OLE = "舊版 Office 檔（Word 97-2003 .doc、Excel .xls，或設有開啟密碼的檔案）"
    PDF = "PDF 檔"
    RTF = "RTF 文件（.rtf）"
    HTML = "網頁檔（HTML）"
    XML = "XML 檔（例如 Word 2003 XML 文件）"
    IMAGE = "圖片檔"
    TEXT = "純文字檔"
    EMPTY = "空檔案"
    UNKNOWN = "無法辨識的檔案"


_MAGIC = ((b"%pdf", FileKind.PDF), (b"{\\rtf", FileKind.RTF), (b"<!doctype html", FileKind.HTML),
          (b"<html", FileKind.HTML), (b"<?xml", FileKind.XML), (b"\x89png", FileKind.IMAGE),
          (b"\xff\xd8\xff", FileKind.IMAGE), (b"gif8", FileKind.IMAGE))


def sniff(path: Path) -> FileKind:
    """The kind of file by its content, whatever its extension says."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise ImportFormatError(f"無法讀取「{path.name}」：{exc.strerror}。") from exc
    if not head:
        return FileKind.EMPTY
    if head.startswith(_OLE_MAGIC):
        return FileKind.OLE
    if head.startswith(b"PK"):
        return _zip_kind(path)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for magic, kind in _MAGIC:
        if stripped.startswith(magic):
            return FileKind.HTML if kind is FileKind.XML and b"<html" in stripped else kind
    return FileKind.TEXT if _is_text(head) else FileKind.UNKNOWN


def is_encrypted(path: Path) -> bool:
    """Whether an OLE file is an Office package locked with a password (it holds an EncryptedPackage)."""
    with path.open("rb") as handle:
        tail = b""
        while chunk := handle.read(1 << 20):
            if _ENCRYPTED_STREAM in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED_STREAM):]
    return False


def _zip_kind(path: Path) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            small = "mimetype" in names and archive.getinfo("mimetype").file_size <= 100
            mimetype = archive.read("mimetype") if small else b""
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return FileKind.ZIP  # a damaged zip: the reader names the damage
    if any(n.startswith("word/") for n in names):
        return FileKind.DOCX
    if any(n.startswith("xl/") for n in names):
        return FileKind.XLSX
    if any(n.startswith("ppt/") for n in names):
        return FileKind.PPTX
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        return FileKind.ODT if mimetype.endswith(b".text") else FileKind.ODS
    return FileKind.ZIP


def _is_text(head: bytes) -> bool:
    """Whether the first bytes read as text; a character cut at the end of them is not held against it."""
    for codec in ("utf-8", "utf-16", "big5"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeError:  # also UTF-16 without its byte-order mark
            continue
        if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text):
            return True
    return False
