"""Whether the file an open store writes to is still the one at its path, and write failures in words.

On Linux and on network shares a file can be renamed or deleted while it is open; writes
then go to a file nobody will find again. The store remembers the identity (device, inode)
of the file it opened and compares it before each change.
"""

from __future__ import annotations

import os
import sqlite3
from enum import StrEnum
from pathlib import Path

from sqeditor.errors import ReportFileError

FileIdentity = tuple[int, int]

# Primary SQLite result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN, _PERM = 5, 6, 8, 10, 13, 14, 3


class FileStatus(StrEnum):
    """Where the open report's file stands now."""

    PRESENT = "present"
    MISSING = "missing"  # deleted, or moved or renamed away
    REPLACED = "replaced"  # another file now has its name


def file_identity(path: Path) -> FileIdentity | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def status_of(path: Path, opened: FileIdentity | None) -> FileStatus:
    now = file_identity(path)
    if now is None:
        return FileStatus.MISSING
    if opened is not None and opened[1] != 0 and now != opened:  # some shares report no inode
        return FileStatus.REPLACED
    return FileStatus.PRESENT


def status_error(path: Path, status: FileStatus) -> ReportFileError:
    if status is FileStatus.MISSING:
        return ReportFileError(
            f"「{path.name}」已被移走、改名或刪除，這次修改沒有存檔。"
            "請用「另存新檔」把目前的內容存到新的檔案。")
    return ReportFileError(
        f"「{path.name}」已被另一個同名檔案取代，這次修改沒有存檔，以免寫進別人的檔案。"
        "請用「另存新檔」把目前的內容存到新的檔案。")


def write_failure(path: Path, exc: sqlite3.Error) -> ReportFileError | None:
    """The clerk's message for a write the disk refused; None for errors that are bugs."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    name = path.name
    if code == _FULL:
        return ReportFileError(
            f"磁碟空間已滿，這次修改沒有存進「{name}」；檔案仍是上一次存檔的內容，沒有損壞。"
            "請清出磁碟空間後再試一次。")
    if code in (_READONLY, _CANTOPEN, _PERM):
        return ReportFileError(
            f"「{name}」所在的位置目前不能寫入（唯讀或沒有權限），這次修改沒有存檔。"
            "請把報告另存到可以寫入的資料夾，或洽資訊人員。")
    if code == _IOERR:
        return ReportFileError(
            f"寫入「{name}」時磁碟或網路磁碟機發生錯誤，這次修改沒有存檔。"
            "請確認磁碟空間與網路連線後再試一次。")
    if code in (_BUSY, _LOCKED):
        return ReportFileError(f"「{name}」正被其他程式使用，這次修改沒有存檔，請稍後再試一次。")
    return None
