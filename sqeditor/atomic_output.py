"""The one way every output file is written: a temporary file beside the target, flushed to disk,
checked, then renamed over the target in one step.

Used by the exports (JSON, Word, PDF, Excel), the merge report, split drafts, new reports and
backups. Whatever fails (a full disk, a missing or read-only folder, a name too long, a target
that Word holds open on Windows), the temporary file is removed, the old file is untouched and
the clerk reads what happened in Chinese. The temporary name is short (Windows' 260-character
paths) and not a dot-file (Windows shows dot-files anyway; clerks on Linux must be able to see
and delete what a killed program left); leftovers older than a quarter of an hour are swept
the next time anything is written into the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from sqeditor.errors import ReportFileError, SqeditorError

TEMP_PREFIX = "~sq-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 15 * 60
_MAX_NAME_BYTES = 255
_WINDOWS_MAX_PATH = 259
_HOLDERS = {".docx": "Word", ".xlsx": "Excel", ".pdf": "PDF 閱讀程式", ".json": "開啟它的程式"}
_SHARING_VIOLATION = 32  # ERROR_SHARING_VIOLATION: another program has the file open
_FILENAME_EXCED_RANGE = 206


class OutputFileError(ReportFileError):
    """An output file could not be written; the old file under that name is unchanged."""


def temp_name() -> str:
    return f"{TEMP_PREFIX}{secrets.token_hex(3)}{TEMP_SUFFIX}"


@contextlib.contextmanager
def atomic_output(target: Path | str, *, replace: bool = True) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it becomes the target.

    With ``replace=False`` an existing target is never replaced (the name is taken with a hard
    link, which fails on an existing name) and `FileExistsError` is raised instead.
    """
    target = Path(target)
    check_target(target)
    _sweep(target.parent)
    tmp = target.parent / temp_name()
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        os.close(fd)
    except OSError as exc:
        raise output_error(target, exc) from exc
    try:
        yield tmp
        _flush_and_verify(tmp, target)
        _keep_mode_and_group(target, tmp)  # after writing: a read-only mode would lock the writer out
        _put_in_place(tmp, target, replace)
    except FileExistsError:
        raise
    except OSError as exc:
        raise output_error(target, exc, renaming=tmp.exists() and tmp.stat().st_size > 0) from exc
    except sqlite3.Error as exc:
        raise sqlite_output_error(target, exc) from exc
    except SqeditorError:
        raise
    except Exception as exc:  # a writer library that wraps the OSError it met (xlsxwriter)
        inner = _os_error_inside(exc)
        if inner is None:
            raise
        raise output_error(target, inner, renaming=False) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(tmp) + suffix).unlink(missing_ok=True)


def _os_error_inside(exc: BaseException) -> OSError | None:
    for candidate in (*exc.args[:1], exc.__cause__, exc.__context__):
        if isinstance(candidate, OSError):
            return candidate
    return None


def check_target(target: Path) -> None:
    """Refuse before any work what cannot be written: a folder, a missing folder, a long name."""
    name = target.name
    if len(name.encode("utf-8", "surrogatepass")) > _MAX_NAME_BYTES or (
            sys.platform == "win32" and len(str(target.absolute())) > _WINDOWS_MAX_PATH):
        raise OutputFileError(too_long_message(target))
    if target.is_dir():
        raise OutputFileError(f"「{name}」是資料夾，無法寫成檔案，請換一個檔名。")
    if not target.parent.is_dir():
        raise OutputFileError(missing_folder_message(target))


def missing_folder_message(target: Path) -> str:
    return f"找不到資料夾「{target.parent}」，「{target.name}」沒有寫出。請先建立資料夾或換一個位置。"


def too_long_message(target: Path) -> str:
    return (f"檔名或路徑太長（檔名 {len(target.name.encode('utf-8', 'surrogatepass'))} 個位元組），"
            f"「{target.name[:40]}…」沒有寫出。請用較短的檔名或較淺的資料夾。")


def output_error(target: Path, exc: OSError, *, renaming: bool = False) -> OutputFileError:
    """The clerk's message for a write the system refused; says the old file is unchanged."""
    name, folder = target.name, target.parent
    kept = "；原有的同名檔案保持不變" if target.is_file() else ""
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return OutputFileError(f"磁碟空間已滿，「{name}」沒有寫出{kept}。請清出磁碟空間後再試一次。")
    if code == errno.ENAMETOOLONG or winerror == _FILENAME_EXCED_RANGE:
        return OutputFileError(too_long_message(target))
    if code == errno.ENOENT:
        return OutputFileError(missing_folder_message(target))
    if code == errno.EISDIR:
        return OutputFileError(f"「{name}」是資料夾，無法寫成檔案，請換一個檔名。")
    if isinstance(exc, PermissionError) and target.exists() and (renaming or winerror == _SHARING_VIOLATION):
        holder = _HOLDERS.get(target.suffix.lower(), "開啟它的程式")
        return OutputFileError(f"「{name}」正被其他程式開啟或受到保護，無法取代{kept}。"
                               f"請先在 {holder} 關閉「{name}」再匯出。")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return OutputFileError(f"資料夾「{folder}」不能寫入（唯讀或沒有權限），「{name}」沒有寫出{kept}。"
                               "請換一個資料夾。")
    return OutputFileError(f"無法寫出「{name}」：{exc.strerror or exc}{kept}。")


def sqlite_output_error(target: Path, exc: sqlite3.Error) -> OutputFileError:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == 13:  # SQLITE_FULL
        return output_error(target, OSError(errno.ENOSPC, "disk full"))
    if code in (8, 14, 3):  # READONLY, CANTOPEN, PERM
        return output_error(target, OSError(errno.EACCES, "read-only"))
    return OutputFileError(f"無法寫出「{target.name}」：{exc}。")


def _keep_mode_and_group(target: Path, tmp: Path) -> None:
    """A new file gets the umask's mode; a replaced one keeps its own mode and group."""
    try:
        info = os.stat(target)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.chmod(tmp, info.st_mode & 0o7777)
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):
            os.chown(tmp, -1, info.st_gid)


def _flush_and_verify(tmp: Path, target: Path) -> None:
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
        size = handle.seek(0, os.SEEK_END)
        tail = b""
        if size:
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    problem = _verify(tmp, target.suffix.lower(), size, tail)
    if problem:
        raise OutputFileError(f"寫出的「{target.name}」不完整（{problem}；磁碟可能已滿），"
                              "沒有取代原有的檔案。請清出磁碟空間後再試一次。")


def _verify(tmp: Path, suffix: str, size: int, tail: bytes) -> str:
    """What is wrong with a freshly written file, checked where it is cheap; '' when sound."""
    if size == 0:
        return "檔案是空的"
    if suffix == ".pdf" and b"%%EOF" not in tail:
        return "PDF 沒有結尾"
    if suffix in (".docx", ".xlsx"):
        try:
            with zipfile.ZipFile(tmp) as package:
                if not package.namelist():
                    return "壓縮檔是空的"
        except (zipfile.BadZipFile, OSError):
            return "壓縮檔不完整"
    return ""


def _put_in_place(tmp: Path, target: Path, replace: bool) -> None:
    if replace:
        os.replace(tmp, target)
    else:
        link_new(tmp, target)
    _sync_folder(target.parent)


def link_new(tmp: Path, target: Path) -> None:
    """Give tmp the name target only if nothing has it; FileExistsError otherwise."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT sticks, some shares): check, then rename
        if target.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.replace(tmp, target)


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX; Windows has no folder handles to flush)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sweep(folder: Path) -> None:
    """Remove what killed writers left in this folder (untouched for a quarter of an hour)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(TEMP_PREFIX) or TEMP_SUFFIX not in entry.name:
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
