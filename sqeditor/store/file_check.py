"""Checks a file must pass before anything in it is read or written."""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqeditor.errors import ReportFileError
from sqeditor.store.schema import (
    APPLICATION_ID,
    EXPECTED_INDEXES,
    SCHEMA_VERSION,
    create_schema,
    expected_tables,
)

SQLITE_HEADER = b"SQLite format 3\x00"
_DISK_TROUBLE = {10, 13}  # SQLITE_IOERR, SQLITE_FULL: the disk failed us, the file is not damaged


def harden(conn: sqlite3.Connection) -> None:
    """SQLite settings for files from outside: no schema code, no extensions."""
    conn.execute("PRAGMA trusted_schema = OFF")
    disable_extensions = getattr(conn, "enable_load_extension", None)  # absent when built off
    if disable_extensions is not None:
        disable_extensions(False)
    setconfig = getattr(conn, "setconfig", None)  # Python 3.12+
    if setconfig is not None:
        setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)


def connect_read_only(path: Path, *, snapshot: bool = True) -> sqlite3.Connection:
    """A connection that cannot write; with `snapshot`, the file read into memory when idle."""
    in_memory = _snapshot_when_idle(path) if snapshot else None
    if in_memory is not None:
        return in_memory
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    harden(conn)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code == 5:  # SQLITE_BUSY: a writer on a share holds it exclusively (file_system)
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
            harden(conn)  # the file as of the writer's last checkpoint (it checkpoints at open)
            return conn
        if code != 14:  # not SQLITE_CANTOPEN: reads say why
            return conn
        conn.close()
        conn = _connect_on_read_only_media(path, uri)
    return conn


def _snapshot_when_idle(path: Path) -> sqlite3.Connection | None:
    """A report nobody has open (no -wal beside it) read into memory, as it is on disk.

    Opened read-only in place, SQLite makes a -wal and -shm beside the file and, being
    read-only, cannot remove them when it closes: beside a report on a share or in OneDrive
    they look like someone's unsaved edits. None when a writer has it open (its -wal is there,
    its -shm is its own) or the file changed while it was read.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        before = path.stat()
        if wal.exists():
            return None
        data = bytearray(path.read_bytes())
        after = path.stat()
    except OSError:
        return None
    if wal.exists() or (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
        return None
    if data[18:20] == b"\x02\x02":  # a WAL file: memory databases read it as a rollback-journal one
        data[18:20] = b"\x01\x01"
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.deserialize(bytes(data))
    harden(conn)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _connect_on_read_only_media(path: Path, uri: str) -> sqlite3.Connection:
    """A WAL file on a CD, write-protected stick or read-only share, where no -shm can be made."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ReportFileError(
            f"「{path.name}」放在無法寫入的位置，而且還有尚未併入的變更（{wal.name}）。"
            "請把這兩個檔案一起複製到可以寫入的資料夾後再開啟。")
    conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    harden(conn)
    return conn


def check_path(path: Path) -> None:
    """Refuse what is not a readable file of ours, without opening it as a database."""
    name = path.name
    if path.is_dir():
        raise ReportFileError(f"「{name}」是資料夾，不是報告檔。")
    if not path.exists():
        raise ReportFileError(f"找不到檔案「{path}」。")
    if not os.access(path, os.R_OK):
        raise ReportFileError(f"沒有讀取「{name}」的權限，請洽資訊人員。")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ReportFileError(f"無法讀取「{name}」：{exc.strerror}。") from exc
    if not header:
        raise ReportFileError(f"「{name}」是空檔案，不是報告檔。")
    if header != SQLITE_HEADER:
        raise ReportFileError(f"「{name}」不是服務品質報告檔（.sqreport），無法開啟。")


def check_database(path: Path, *, snapshot: bool = True) -> int:
    """Validate identity, version, schema objects and integrity; return the schema version.
    Without `snapshot` the file is read in place, as the writer that opens it next will."""
    name = path.name
    try:
        conn = connect_read_only(path, snapshot=snapshot)
    except sqlite3.Error as exc:
        raise ReportFileError(f"無法開啟「{name}」：{exc}。") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ReportFileError(
                f"「{name}」是其他程式的資料庫檔，不是服務品質報告檔，無法開啟。")
        if version < 1:
            raise ReportFileError(f"「{name}」的檔案格式版本（第 {version} 版）不正確，檔案可能已損毀。")
        if version > SCHEMA_VERSION:
            raise ReportFileError(
                f"「{name}」是由較新版本的 sqeditor 建立（檔案格式第 {version} 版，"
                f"本程式只支援到第 {SCHEMA_VERSION} 版），請更新程式後再開啟。")
        _check_objects(conn, name, version)
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise ReportFileError(f"「{name}」已損毀（{problems[0]}），請從備份還原。")
        # Version 1 holds the same tables as version 2, and its full-text index besides (not
        # compared: the migration drops it); versions 3 and 4 add tables. A version that changes a
        # table must compare older files with their own definitions.
        _check_definitions(conn, name, version)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged name in the schema
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _DISK_TROUBLE:
            raise ReportFileError(
                f"無法開啟「{name}」：磁碟已滿或無法存取（{exc}）。檔案本身沒有被改動；"
                "請清出磁碟空間或確認網路磁碟機連線後再開啟一次。") from exc
        raise ReportFileError(f"「{name}」已損毀或不完整（{exc}），請從備份還原。") from exc
    finally:
        conn.close()
    return version


def _check_objects(conn: sqlite3.Connection, name: str, version: int) -> None:
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    tables = expected_tables(version)
    extra = [
        f"{kind} {obj}" for kind, obj in objects
        if not (kind == "table" and obj in tables)
        and not (kind == "index" and (obj in EXPECTED_INDEXES or obj.startswith("sqlite_autoindex_")))
    ]
    if extra:
        raise ReportFileError(
            f"「{name}」含有報告檔不該有的資料庫物件（{', '.join(extra[:3])}），"
            "可能遭到竄改，為安全起見不予開啟。")
    missing = tables - {obj for kind, obj in objects if kind == "table"}
    if missing:
        raise ReportFileError(f"「{name}」缺少必要的資料表（{', '.join(sorted(missing))}），無法開啟。")


def _normal_sql(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip().lower()


@functools.cache
def _expected_definitions() -> dict[str, tuple]:
    """Each object's definition in a file this version writes: SQL for ours, columns for FTS's."""
    conn = sqlite3.connect(":memory:")
    try:
        create_schema(conn)
        return _definitions(conn)
    finally:
        conn.close()


def _definitions(conn: sqlite3.Connection) -> dict[str, tuple]:
    found: dict[str, tuple] = {}
    for kind, obj, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if not obj.startswith("sqlite_autoindex_"):
            found[obj] = (kind, _normal_sql(sql))
    return found


def _check_definitions(conn: sqlite3.Connection, name: str, version: int) -> None:
    """Refuse tables whose columns, constraints or defaults differ from ours (same names, other code)."""
    actual = _definitions(conn)
    tables = expected_tables(version)
    changed = sorted(obj for obj, (kind, sql) in _expected_definitions().items()
                     if (kind != "table" or obj in tables) and actual.get(obj) != (kind, sql))
    if changed:
        raise ReportFileError(
            f"「{name}」的資料表結構與報告檔不符（{', '.join(changed[:3])}），"
            "可能遭到竄改或損毀，為安全起見不予開啟。")
