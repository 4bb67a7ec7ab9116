"""Backup copies of a report, made before a merge or an import and once a day, kept per report.

Copies go to a per-user folder (``%LOCALAPPDATA%\\sqeditor\\backups`` on Windows), not beside
the report: the report's own folder may be a read-only share, a full USB stick or a folder
that is mailed or zipped to other units, and old copies there would carry text the clerk
deleted to everyone who opens that folder. A per-user folder is always writable and survives
the report's folder being emptied or the file being overwritten by a colleague. IT units can
point it elsewhere with ``SQEDITOR_BACKUP_DIR``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqeditor.atomic_output import atomic_output
from sqeditor.errors import ReportFileError
from sqeditor.store.file_check import check_database, check_path, connect_read_only
from sqeditor.store.report_store import ReportStore

BACKUP_DIR_ENV = "SQEDITOR_BACKUP_DIR"
DEFAULT_KEEP = 20
INDEX_NAME = "index.json"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-(merge|import|daily)\.sqreport$")


class BackupCause(StrEnum):
    """Why a copy was made, as the clerk reads it in 檔案 → 還原備份."""

    MERGE = "合併前"
    IMPORT = "匯入前"
    DAILY = "每日"


_TAGS = {BackupCause.MERGE: "merge", BackupCause.IMPORT: "import", BackupCause.DAILY: "daily"}


class BackupError(ReportFileError):
    """A backup copy could not be made or restored."""


@dataclass(frozen=True)
class Backup:
    """One backup copy of a report."""

    path: Path
    made_at: datetime
    cause: BackupCause
    source: str = ""  # where the report was when the copy was made


def backup_root() -> Path:
    """The per-user folder holding every report's backups."""
    configured = os.environ.get(BACKUP_DIR_ENV)
    if configured:
        return Path(configured)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "sqeditor" / "backups"
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "sqeditor" / "backups"


def _folder(root: Path, report_id: str) -> Path:
    return root / re.sub(r"[^0-9A-Za-z_-]", "_", report_id)


def make_backup(store: ReportStore, cause: BackupCause, *, root: Path | None = None,
                keep: int = DEFAULT_KEEP, now: datetime | None = None) -> Backup:
    """Copy the open report (consistent even while it is written), then keep the newest `keep`."""
    now = now or datetime.now()
    folder = _folder(root or backup_root(), store.meta_value("report_id") or "unknown")
    name = f"{now.strftime(_STAMP)}-{_TAGS[cause]}.sqreport"
    target = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        store.backup_to(target)
        _make_self_contained(target)
    except (OSError, sqlite3.Error, ReportFileError) as exc:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BackupError(f"無法建立「{store.path.name}」的備份（{reason}），"
                          f"備份資料夾：{folder}。請清出磁碟空間或洽資訊人員。") from exc
    backup = Backup(target, now, cause, str(store.path.resolve()))
    entries = [b for b in _read_folder(folder) if b.path != target] + [backup]
    with contextlib.suppress(OSError):  # the copy is made; its name alone lists it without the index
        _prune_and_write_index(folder, entries, keep)
    return backup


def _make_self_contained(path: Path) -> None:
    """One file, no -wal beside it, checked: it must open from anywhere, even read-only media."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        problem = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if problem != "ok":
        raise sqlite3.DatabaseError(f"copy failed its check: {problem}")


def list_backups(report_path: Path | str, *, root: Path | None = None) -> list[Backup]:
    """Backups of the report at `report_path`, newest first (also when that file is gone)."""
    report_path = Path(report_path)
    root = root or backup_root()
    report_id = _report_id(report_path)
    if report_id is not None:
        backups = _read_folder(_folder(root, report_id))
    else:  # the file was deleted or damaged: find its copies by where it was
        wanted = str(report_path.resolve())
        folders = [_read_folder(f) for f in root.iterdir() if f.is_dir()] if root.is_dir() else []
        backups = [b for found in folders if any(b.source == wanted for b in found) for b in found]
    return sorted(backups, key=lambda b: b.made_at, reverse=True)


def _report_id(path: Path) -> str | None:
    try:
        check_path(path)
        conn = connect_read_only(path)
    except (ReportFileError, sqlite3.Error):
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'report_id'").fetchone()
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


def restore_backup(backup: Backup, new_path: Path | str) -> Path:
    """Write the backup as a NEW report file; an existing file is never overwritten."""
    new_path = Path(new_path)
    if new_path.exists():
        raise BackupError(f"「{new_path.name}」已經存在。還原不會覆蓋任何檔案，請換一個檔名。")
    check_path(backup.path)
    check_database(backup.path)  # a tampered copy is refused like any file from outside
    try:
        with atomic_output(new_path, replace=False) as tmp:
            source = connect_read_only(backup.path)
            dest = sqlite3.connect(str(tmp))
            try:
                source.backup(dest)
            finally:
                dest.close()
                source.close()
    except FileExistsError:
        raise BackupError(f"「{new_path.name}」已經存在。還原不會覆蓋任何檔案，請換一個檔名。") from None
    except sqlite3.Error as exc:
        raise BackupError(f"無法還原成「{new_path.name}」：{exc}。") from exc
    return new_path


def daily_backup_if_due(store: ReportStore, *, root: Path | None = None, keep: int = DEFAULT_KEEP,
                        now: datetime | None = None) -> Backup | None:
    """On open: copy the report unless a copy of it was already made today (of any cause)."""
    if store.read_only:
        return None  # the program holding it for writing makes the copies
    now = now or datetime.now()
    folder = _folder(root or backup_root(), store.meta_value("report_id") or "unknown")
    if any(b.made_at.date() == now.date() for b in _read_folder(folder)):
        return None
    return make_backup(store, BackupCause.DAILY, root=root, keep=keep, now=now)


def _read_folder(folder: Path) -> list[Backup]:
    """The folder's backups: its index, plus copies the index lost (their names say date and cause)."""
    if not folder.is_dir():
        return []
    known: dict[str, Backup] = {}
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        for item in json.loads((folder / INDEX_NAME).read_text(encoding="utf-8")):
            known[item["file"]] = Backup(folder / item["file"], datetime.fromisoformat(item["made_at"]),
                                         BackupCause(item["cause"]), str(item.get("source", "")))
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None:
            continue
        tag_cause = {tag: cause for cause, tag in _TAGS.items()}[match[2]]
        found.append(known.get(path.name)
                     or Backup(path, datetime.strptime(match[1], _STAMP), tag_cause))
    return found


def _prune_and_write_index(folder: Path, entries: list[Backup], keep: int) -> None:
    entries = sorted(entries, key=lambda b: b.made_at, reverse=True)
    for old in entries[max(keep, 1):]:
        with contextlib.suppress(OSError):
            old.path.unlink(missing_ok=True)
    kept = entries[:max(keep, 1)]
    data = [{"file": b.path.name, "made_at": b.made_at.isoformat(), "cause": str(b.cause),
             "source": b.source} for b in kept]
    with contextlib.suppress(ReportFileError), atomic_output(folder / INDEX_NAME) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
