"""Whether a `-wal` or `-journal` beside a report belongs to it, and setting aside one that does not.

SQLite replays whatever `-wal` sits beside a database, even one left by a crash of an older
copy after a newer copy was put over the file (from e-mail, a USB stick): the clerk would see
the old state and the next write would make the loss permanent. The writer records in its lock
file a fingerprint of the report file at open and after each of its checkpoints (between
checkpoints the file itself does not change: all changes go to the `-wal`). After a crash the
stale lock still holds it: a `-wal` is replayed only when the file beside it is still the one
the crashed writer had; otherwise it is renamed aside (kept, named in a notice) and the file
opens as it is. Without such a record (no lock, or one from an older version) SQLite replays as
it always did.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from datetime import datetime
from pathlib import Path

from sqeditor.errors import ReportFileError
from sqeditor.store.lock import LockHolder

_WAL_HEADER = 32
_WHOLE_FILE_LIMIT = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


def fingerprint(path: Path) -> str:
    """Size and content hash of the file (head and tail only beyond 256 MiB, with the mtime)."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        digest.update(str(info.st_size).encode())
        if info.st_size <= _WHOLE_FILE_LIMIT:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        else:
            digest.update(handle.read(16 * _CHUNK))
            handle.seek(-16 * _CHUNK, os.SEEK_END)
            digest.update(handle.read())
            digest.update(str(info.st_mtime_ns).encode())
    return digest.hexdigest()


def leftovers(path: Path) -> list[Path]:
    """A -wal with frames and a non-empty -journal beside the report."""
    found = []
    for suffix, least in (("-wal", _WAL_HEADER + 1), ("-journal", 1)):
        side = path.with_name(path.name + suffix)
        try:
            if side.stat().st_size >= least:
                found.append(side)
        except OSError:
            continue
    return found


def set_aside_foreign(path: Path, crashed: LockHolder | None) -> list[Path]:
    """Rename aside a -wal/-journal the crashed writer left for another state of the file.

    `crashed` is the stale lock of the writer that left them (None when there is none). Returns
    the new names of what was set aside.
    """
    sides = leftovers(path)
    if not sides or crashed is None or not crashed.fingerprint or crashed.checkpointing:
        return []
    try:
        if fingerprint(path) == crashed.fingerprint:
            return []
    except OSError:
        return []
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = []
    for side in sides:
        aside = side.with_name(f"{side.name}.不屬於此檔-{stamp}")
        try:
            os.replace(side, aside)
        except OSError as exc:
            raise ReportFileError(
                f"「{path.name}」旁邊的「{side.name}」是另一個版本留下的未存變更，"
                f"但無法把它移到一旁（{exc.strerror}）。為免把檔案還原成舊內容，這次不開啟；"
                "請把報告複製到可以寫入的資料夾後再開啟。") from exc
        moved.append(aside)
    shm = path.with_name(path.name + "-shm")
    with contextlib.suppress(OSError):
        shm.unlink(missing_ok=True)  # the index of the set-aside -wal
    return moved


def notice(path: Path, moved: list[Path]) -> str:
    names = "、".join(f"「{m.name}」" for m in moved)
    return (f"「{path.name}」旁邊留有當機時另一個版本的未存變更，與目前的檔案不符，沒有套用；"
            f"已另存為 {names}（保留備查）。報告以目前檔案的內容開啟。")
