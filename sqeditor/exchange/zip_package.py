"""Checks an Office package (.docx, .xlsx) must pass before any part of it is parsed.

Bounds (a real report is well under 5 MB unpacked; the 2,000-row exports are ~3 MB): at most
2,000 parts, 128 MiB unpacked per part and 256 MiB in all, and no part over 1 MiB unpacked that
is compressed more than 200 : 1 (deflated XML reaches 10-100 : 1; runs of one byte, the stuff of
zip bombs, reach 1,000 : 1). Python's zipfile stops at the declared size and checks the CRC, so
reading a part can never unpack more than its directory entry declares.
"""

from __future__ import annotations

import zipfile

from sqeditor.errors import ImportFormatError

MAX_PARTS = 2_000
MAX_PART_SIZE = 128 * 1024 * 1024
MAX_TOTAL_SIZE = 256 * 1024 * 1024
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_RATIO = 200
PROLOG_BYTES = 4096  # a DOCTYPE can only come before the root element
_DOCTYPE_MARKS = tuple(
    mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def check_part_sizes(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs by the sizes the zip directory declares."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise ImportFormatError(f"「{name}」內含 {len(parts)} 個部分，超過上限 {MAX_PARTS}，不予讀取。")
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_PART_SIZE or total > MAX_TOTAL_SIZE or (
                part.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_RATIO):
            raise ImportFormatError(
                f"「{name}」解壓縮後過大（{part.filename}：{part.file_size:,} 位元組，"
                f"壓縮比 {ratio:.0f} 倍），可能是惡意的壓縮炸彈檔，不予讀取。")


def declares_entities(xml: bytes) -> bool:
    """Whether an XML part's prolog declares a DTD or entities (Office never writes one)."""
    prolog = xml[:PROLOG_BYTES].upper()
    return any(mark in prolog for mark in _DOCTYPE_MARKS)
