"""The .sqreport file: open safely, load the report, apply changes as recorded transactions."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import string
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqeditor import __version__
from sqeditor.atomic_output import atomic_output, check_target
from sqeditor.errors import ReadOnlyError, ReportFileError
from sqeditor.model import DraftInfo, LastPeriod, Node, Report
from sqeditor.model.new_period import units_of
from sqeditor.store import codec
from sqeditor.store.edits import (
    Edit,
    FieldEdit,
    HistoryEntry,
    LastPeriodLink,
    MetaEdit,
    NodeDelete,
    NodeInsert,
    NodeMove,
    RecordEdit,
    SettingEdit,
    Step,
)
from sqeditor.store.file_check import check_database, check_path, connect_read_only, harden
from sqeditor.store.file_status import FileStatus, file_identity, status_error, status_of, write_failure
from sqeditor.store.file_system import Location, location_of
from sqeditor.store.last_period_store import read_last_period, swap_last_period
from sqeditor.store.lock import LockHolder, ReportLock, current_user, real_path
from sqeditor.store.schema import SCHEMA_VERSION, create_schema, migrate
from sqeditor.store.wal_guard import fingerprint, set_aside_foreign
from sqeditor.store.wal_guard import notice as wal_notice

_NODE_COLUMNS = ("id, parent_id, kind, position, title, result, unit, status, comment, "
                 "edited_by, edited_at")
DRAFT_UNLOCKED_KEY = "draft_unlocked"  # JSON list of other units' rows a draft's clerk unlocked
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_SETTING_TABLES = {"dictionary_word": "word", "disabled_rule": "rule", "unit": "name"}
_RECORD_TABLES = {"merged_draft": ("draft_id",), "conflict": ("node_id", "field", "draft_id"),
                  "ignored_finding": ("rule", "node_id", "text"), "last_period_match": ("node_id",)}


NOTICE_HANDLERS: list[Callable[[str], None]] = []  # who tells the clerk a store's notices (CLI, editor)
CHECKPOINT_BYTES = 4 * 1024 * 1024  # the writer folds its -wal into the file past this size


def _connect(path: Path, *, shared: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    harden(conn)
    if shared:  # network share or removable disk: no shared-memory index (see file_system)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a reported commit survives a power cut
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # checkpoints are ours: see `_checkpoint`
    return conn


# What content no report could hold raises while it is read (hand-edited or damaged files).
_DAMAGE = (ValueError, KeyError, TypeError, IndexError, RecursionError, sqlite3.DatabaseError)


class ReportStore:
    """One open .sqreport file. Writes go through `apply`, one transaction per step."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, user: str,
                 lock: ReportLock | None, holder: LockHolder | None,
                 read_only: bool, location: Location = Location.LOCAL,
                 notices: list[str] | None = None) -> None:
        self.path = path
        self.location = location  # a network share or removable disk opens in the safe mode
        self.notices = notices or []  # what the clerk should know about this open (set-aside -wal)
        self.read_only = read_only
        self.conn = conn
        self.user = user
        self.lock = lock
        self.lock_holder = holder
        self.last_step: Step | None = None
        self.opened_identity = file_identity(path)
        self._absolute_path = path.absolute()  # a later chdir must not make the file look gone

    # --- opening and creating -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, user: str | None = None,
             read_only: bool = False) -> ReportStore:
        """Open after validating; read-only when asked or when another program holds it."""
        path = Path(path)
        check_path(path)
        # a read-only look (asked, or a write-protected file) reads an idle file into memory:
        # in place, SQLite would leave a -wal and -shm beside it that it cannot remove
        snapshot = read_only or not os.access(path, os.W_OK)
        user = user or current_user()
        lock, holder = None, None
        if not read_only:
            lock = ReportLock(path, user)
            try:
                holder = lock.acquire()
            except OSError:
                holder, lock = None, None
                read_only = True
            if holder is not None:
                lock, read_only = None, True
        notices = []
        try:
            if holder is None:  # nobody is writing: a -wal or -journal beside it is a crash's
                crashed = lock.previous if lock is not None else _stale_lock(path)
                moved = set_aside_foreign(real_path(path), crashed)
                if moved:
                    notices.append(wal_notice(path, moved))
            version = check_database(path, snapshot=snapshot)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if not read_only and not os.access(path, os.W_OK):
            if lock is not None:
                lock.release()
            lock, read_only = None, True
        location = location_of(path)
        if read_only:
            conn = connect_read_only(path, snapshot=snapshot or holder is not None)
        else:
            assert lock is not None
            conn = _connect(path, shared=location.shared)
            if version < SCHEMA_VERSION:
                _migrate_or_refuse(path, conn, lock, version)
            _checkpoint(conn, lock, path)
        for text in notices:
            for handler in NOTICE_HANDLERS:
                handler(text)
        return cls(path, conn, user=user, lock=lock, holder=holder, read_only=read_only,
                   location=location, notices=notices)

    @classmethod
    def create(cls, path: Path | str, report: Report, *, user: str | None = None,
               overwrite: bool = False) -> ReportStore:
        """Write a new file atomically (temporary name, then rename) and open it."""
        path = Path(path)
        check_target(path)
        if path.exists() and not overwrite:
            raise ReportFileError(f"「{path.name}」已經存在，請換一個檔名。")
        try:
            write_new_file(path, report, replace=overwrite)
        except FileExistsError:
            raise ReportFileError(f"「{path.name}」已經存在，請換一個檔名。") from None
        return cls.open(path, user=user)

    def close(self) -> None:
        if self.lock is not None:  # a failed checkpoint leaves a valid -wal; the next open replays it
            _checkpoint(self.conn, self.lock, self.path)
        self.conn.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> ReportStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def file_status(self) -> FileStatus:
        """Whether the file at `path` is still the one this store has open."""
        return status_of(self._absolute_path, self.opened_identity)

    # --- reading -------------------------------------------------------------------------

    def load(self) -> Report:
        """The whole report as model objects; content no report could hold is refused."""
        try:
            return self._load()
        except _DAMAGE as exc:
            raise self._damaged(exc) from exc

    def _damaged(self, exc: Exception) -> ReportFileError:
        return ReportFileError(f"無法讀取「{self.path.name}」的內容（{type(exc).__name__}），"
                               "檔案可能已損毀或遭到修改，請從備份還原。")

    def _load(self) -> Report:
        meta_items = dict(self.conn.execute("SELECT key, value FROM meta"))
        report = Report(meta=codec.meta_from_items(meta_items), id=meta_items["report_id"])
        nodes: dict[str, Node] = {}
        by_parent: dict[str | None, list[Node]] = {}
        for row in self.conn.execute(
                f"SELECT {_NODE_COLUMNS} FROM node ORDER BY parent_id, position"):
            parent_id, node = codec.node_from_row(row)
            nodes[node.id] = node
            by_parent.setdefault(parent_id, []).append(node)
        for parent_id, children in by_parent.items():
            if parent_id is not None and parent_id in nodes:
                nodes[parent_id].children = children
        report.sections = by_parent.get(None, [])
        report.units = [r[0] for r in self.conn.execute("SELECT name FROM unit ORDER BY position")]
        report.units = units_of(report)  # a file written before units joined the list by themselves
        report.dictionary = {r[0] for r in self.conn.execute("SELECT word FROM dictionary_word")}
        report.disabled_rules = {r[0] for r in self.conn.execute("SELECT rule FROM disabled_rule")}
        if meta_items.get("draft_unit"):
            report.draft = DraftInfo(
                unit=meta_items["draft_unit"], source_report_id=meta_items["draft_source"],
                split_at=datetime.fromisoformat(meta_items["draft_split_at"]),
                unlocked=set(json.loads(meta_items.get(DRAFT_UNLOCKED_KEY) or "[]")))
        return report

    def ignored_findings(self) -> set[tuple[str, str, str]]:
        """(rule, node id, flagged text) of findings the team chose to ignore in this report."""
        return {tuple(r) for r in self.conn.execute("SELECT rule, node_id, text FROM ignored_finding")}

    def last_period(self) -> LastPeriod | None:
        """Last period's report linked to this one (a snapshot kept in the file), if any."""
        try:
            return read_last_period(self.conn)
        except _DAMAGE as exc:
            raise self._damaged(exc) from exc

    def meta_value(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def history(self, node_id: str | None = None) -> list[HistoryEntry]:
        """Recorded changes, oldest first (of one node when given)."""
        sql = ("SELECT h.step_id, s.label, s.who, s.at, h.node_id, h.field, h.old, h.new "
               "FROM history h JOIN step s ON s.id = h.step_id")
        args: tuple = ()
        if node_id is not None:
            sql += " WHERE h.node_id = ?"
            args = (node_id,)
        return [HistoryEntry(*row) for row in self.conn.execute(sql + " ORDER BY h.id", args)]

    def search(self, text: str) -> list[tuple[str, str]]:
        """(node id, field) of titles and results containing text; Latin letters in any case.

        The rows are scanned: tens of milliseconds for 2,000 rows. A result is found in its
        stored JSON, where the text is escaped as JSON escapes it, then confirmed on the text
        itself, so that JSON's brackets and level numbers never match. SQLite's lower() folds
        only A-Z, as the confirmation does.
        """
        text = text.strip()
        if not text:
            return []
        folds = any(ch.isascii() and ch.isalpha() for ch in text)

        def fold(value: str) -> str:
            return value.translate(_ASCII_LOWER) if folds else value

        column = "lower({})" if folds else "{}"
        needle = fold(text)
        hits = []
        rows = self.conn.execute(
            f"SELECT id, title, result FROM node WHERE instr({column.format('title')}, ?1) "
            f"OR instr({column.format('result')}, ?2) ORDER BY rowid",
            (needle, fold(json.dumps(text, ensure_ascii=False)[1:-1])))
        for node_id, title, result in rows:
            if needle in fold(title):
                hits.append((node_id, "title"))
            if needle in fold(codec.result_text(result)):
                hits.append((node_id, "result"))
        return hits

    # --- writing -------------------------------------------------------------------------

    def apply(self, edits: list[Edit], label: str, *, source: str = "",
              coalesce: bool = False) -> Step:
        """Apply edits as one transaction and one history step; return it with its inverse.

        With ``coalesce``, a step that only sets the same field as the previous step (same
        label) amends that step instead, so typing into one field is one undo step.
        """
        if self.read_only:
            raise ReadOnlyError("這份報告以唯讀方式開啟，無法修改。")
        status = self.file_status()
        if status is not FileStatus.PRESENT:
            raise status_error(self.path, status)
        now = datetime.now()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            edits = edits + self._joining_units(edits)
            amend = coalesce and self._can_amend(edits, label)
            if amend:
                assert self.last_step is not None
                step = self.last_step
                step.at = now
                conn.execute("UPDATE step SET at = ? WHERE id = ?", (now.isoformat(), step.id))
            else:
                cursor = conn.execute(
                    "INSERT INTO step (label, who, at, source) VALUES (?, ?, ?, ?)",
                    (label, self.user, now.isoformat(timespec="seconds"), source))
                step = Step(cursor.lastrowid, label, self.user, now, [])
            inverse: list[Edit] = []
            for edit in edits:
                inverse.append(self._apply_one(step, edit, now, amend))
            conn.execute("COMMIT")
            if self.lock is not None and _wal_size(real_path(self.path)) > CHECKPOINT_BYTES:
                _checkpoint(conn, self.lock, self.path)
        except BaseException as exc:
            if conn.in_transaction:  # SQLite may already have rolled back (a full disk)
                conn.execute("ROLLBACK")
            failure = write_failure(self.path, exc) if isinstance(exc, sqlite3.OperationalError) else None
            if failure is not None:
                raise failure from exc
            raise
        if amend:
            step.edits = list(edits)
        else:
            step.edits = list(edits)
            step.inverse = inverse[::-1]
        self.last_step = step
        return step

    def _joining_units(self, edits: list[Edit]) -> list[Edit]:
        """A unit typed on a row joins the report's unit list in the same step (undone with it),
        so the list every dialog reads never lacks a unit the rows name."""
        named = [e.value for e in edits if isinstance(e, FieldEdit) and e.field == "unit" and e.value]
        named = list(dict.fromkeys(str(u) for u in named))
        if not named:
            return []
        known = {r[0] for r in self.conn.execute("SELECT name FROM unit")}
        listed = {e.value for e in edits if isinstance(e, SettingEdit) and e.table == "unit"}
        return [SettingEdit("unit", u, True) for u in named if u not in known | listed]

    def _can_amend(self, edits: list[Edit], label: str) -> bool:
        last = self.last_step
        return (last is not None and last.label == label and len(edits) == 1
                and len(last.edits) == 1 and isinstance(edits[0], FieldEdit)
                and isinstance(last.edits[0], FieldEdit)
                and (edits[0].node_id, edits[0].field) == (last.edits[0].node_id,
                                                           last.edits[0].field))

    def _apply_one(self, step: Step, edit: Edit, now: datetime, amend: bool) -> Edit:
        if isinstance(edit, FieldEdit):
            return self._set_field(step, edit, now, amend)
        if isinstance(edit, MetaEdit):
            old = self.meta_value(edit.key) or ""
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                              (edit.key, edit.value))
            self._record(step, "", f"meta:{edit.key}", old, edit.value)
            return MetaEdit(edit.key, old)
        if isinstance(edit, SettingEdit):
            return self._set_setting(step, edit)
        if isinstance(edit, RecordEdit):
            return self._set_record(step, edit)
        if isinstance(edit, LastPeriodLink):
            old = swap_last_period(self.conn, edit.last)
            self._record(step, "", "last_period", old and old.source, edit.last and edit.last.source)
            return LastPeriodLink(old)
        if isinstance(edit, NodeInsert):
            self._insert_subtree(edit.node, edit.parent_id, edit.position)
            snapshot = json.dumps({"parent_id": edit.parent_id, "position": edit.position,
                                   "tree": codec.subtree_to_json(edit.node)}, ensure_ascii=False)
            self._record(step, edit.node.id, "node", None, snapshot)
            step.changed_nodes.add(edit.node.id)
            return NodeDelete(edit.node.id)
        if isinstance(edit, NodeDelete):
            return self._delete(step, edit.node_id)
        if isinstance(edit, NodeMove):
            return self._move(step, edit)
        raise TypeError(f"unknown edit {edit!r}")

    def _set_field(self, step: Step, edit: FieldEdit, now: datetime, amend: bool) -> Edit:
        if edit.field not in codec.NODE_FIELDS:
            raise ValueError(f"unknown node field {edit.field}")
        row = self.conn.execute(f"SELECT {edit.field} FROM node WHERE id = ?",
                                (edit.node_id,)).fetchone()
        if row is None:
            raise KeyError(f"no node {edit.node_id}")
        old, new = row[0], codec.encode_field(edit.field, edit.value)
        sets = f"{edit.field} = ?"
        args: list = [new]
        if edit.field in codec.ROW_FIELDS:
            sets += ", edited_by = ?, edited_at = ?"
            args += [self.user, now.isoformat(timespec="seconds")]
        self.conn.execute(f"UPDATE node SET {sets} WHERE id = ?", (*args, edit.node_id))
        if amend:
            self.conn.execute(
                "UPDATE history SET new = ? WHERE step_id = ? AND node_id = ? AND field = ?",
                (new, step.id, edit.node_id, edit.field))
        else:
            self._record(step, edit.node_id, edit.field, old, new)
        step.changed_nodes.add(edit.node_id)
        return FieldEdit(edit.node_id, edit.field, codec.decode_field(edit.field, old))

    def _set_setting(self, step: Step, edit: SettingEdit) -> Edit:
        column = _SETTING_TABLES[edit.table]
        was = self.conn.execute(f"SELECT 1 FROM {edit.table} WHERE {column} = ?",
                                (edit.value,)).fetchone() is not None
        if edit.present and not was:
            if edit.table == "unit":
                position = self.conn.execute("SELECT COUNT(*) FROM unit").fetchone()[0]
                self.conn.execute("INSERT INTO unit (name, position) VALUES (?, ?)",
                                  (edit.value, position))
            else:
                self.conn.execute(f"INSERT INTO {edit.table} ({column}) VALUES (?)",
                                  (edit.value,))
        elif was and not edit.present:
            self.conn.execute(f"DELETE FROM {edit.table} WHERE {column} = ?", (edit.value,))
        self._record(step, "", f"{edit.table}:{edit.value}", str(int(was)),
                     str(int(edit.present)))
        return SettingEdit(edit.table, edit.value, was)

    def _set_record(self, step: Step, edit: RecordEdit) -> Edit:
        key_columns = _RECORD_TABLES[edit.table]
        where = " AND ".join(f"{c} = ?" for c in key_columns)
        key = tuple(edit.key[c] for c in key_columns)
        cursor = self.conn.execute(f"SELECT * FROM {edit.table} WHERE {where}", key)
        row = cursor.fetchone()
        old = dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None
        self.conn.execute(f"DELETE FROM {edit.table} WHERE {where}", key)
        new = None
        if edit.values is not None:
            new = {**edit.values, **edit.key}
            if "step_id" in new and new["step_id"] is None:
                new["step_id"] = step.id
            self.conn.execute(
                f"INSERT INTO {edit.table} ({', '.join(new)}) VALUES ({', '.join('?' * len(new))})",
                tuple(new.values()))
        self._record(step, "", f"{edit.table}:{'/'.join(key)}",
                     json.dumps(old, ensure_ascii=False) if old else None,
                     json.dumps(new, ensure_ascii=False) if new else None)
        return RecordEdit(edit.table, edit.key, old)

    def _record(self, step: Step, node_id: str, field: str, old: str | None,
                new: str | None) -> None:
        self.conn.execute(
            "INSERT INTO history (step_id, node_id, field, old, new) VALUES (?, ?, ?, ?, ?)",
            (step.id, node_id, field, old, new))

    def _insert_subtree(self, node: Node, parent_id: str | None, position: int) -> None:
        self.conn.execute(
            "UPDATE node SET position = position + 1 WHERE parent_id IS ? AND position >= ?",
            (parent_id, position))
        insert_nodes(self.conn, node, parent_id, position)

    def _delete(self, step: Step, node_id: str) -> Edit:
        row = self.conn.execute("SELECT parent_id, position FROM node WHERE id = ?",
                                (node_id,)).fetchone()
        if row is None:
            raise KeyError(f"no node {node_id}")
        parent_id, position = row
        tree = self._read_subtree(node_id)
        ids = [n.id for n in tree.walk()]
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM node WHERE id IN ({marks})", chunk)
        self.conn.execute(
            "UPDATE node SET position = position - 1 WHERE parent_id IS ? AND position > ?",
            (parent_id, position))
        snapshot = json.dumps({"parent_id": parent_id, "position": position,
                               "tree": codec.subtree_to_json(tree)}, ensure_ascii=False)
        self._record(step, node_id, "node", snapshot, None)
        step.changed_nodes.add(node_id)
        return NodeInsert(parent_id, position, tree)

    def _move(self, step: Step, edit: NodeMove) -> Edit:
        row = self.conn.execute("SELECT parent_id, position FROM node WHERE id = ?",
                                (edit.node_id,)).fetchone()
        if row is None:
            raise KeyError(f"no node {edit.node_id}")
        old_parent, old_position = row
        self.conn.execute(
            "UPDATE node SET position = position - 1 WHERE parent_id IS ? AND position > ?",
            (old_parent, old_position))
        self.conn.execute(
            "UPDATE node SET position = position + 1 WHERE parent_id IS ? AND position >= ?",
            (edit.parent_id, edit.position))
        self.conn.execute("UPDATE node SET parent_id = ?, position = ? WHERE id = ?",
                          (edit.parent_id, edit.position, edit.node_id))
        self._record(step, edit.node_id, "position",
                     json.dumps([old_parent, old_position]),
                     json.dumps([edit.parent_id, edit.position]))
        step.changed_nodes.add(edit.node_id)
        return NodeMove(edit.node_id, old_parent, old_position)

    def _read_subtree(self, node_id: str) -> Node:
        rows = self.conn.execute(
            f"WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL "
            f"SELECT n.id FROM node n JOIN sub ON n.parent_id = sub.id) "
            f"SELECT {_NODE_COLUMNS} FROM node WHERE id IN sub ORDER BY parent_id, position",
            (node_id,)).fetchall()
        nodes: dict[str, Node] = {}
        parents: dict[str, str | None] = {}
        for row in rows:
            parent_id, node = codec.node_from_row(row)
            nodes[node.id] = node
            parents[node.id] = parent_id
        for nid, node in nodes.items():
            if nid != node_id and parents[nid] in nodes:
                nodes[parents[nid]].children.append(node)
        return nodes[node_id]

    # --- copies --------------------------------------------------------------------------

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the file (SQLite backup API), written through `atomic_output`."""
        with atomic_output(Path(target)) as tmp:
            dest = sqlite3.connect(str(tmp))
            try:
                self.conn.backup(dest)
            finally:
                dest.close()


def _stale_lock(path: Path) -> LockHolder | None:
    """The lock a crashed writer left (None when there is none, or its holder is alive)."""
    lock = ReportLock(path)
    holder = lock.read_holder()
    return holder if holder is not None and lock.is_stale(holder) else None


def _wal_size(path: Path) -> int:
    try:
        return os.stat(str(path) + "-wal").st_size
    except OSError:
        return 0


def _checkpoint(conn: sqlite3.Connection, lock: ReportLock, path: Path) -> None:
    """Fold the -wal into the file and note the file's new state in the lock.

    The lock says "checkpointing" while the file changes, so a crash in between leaves a -wal
    that is trusted (it is needed to complete the file) rather than set aside.
    """
    if not lock.record_state(lock.me.fingerprint, checkpointing=True):
        return  # the -wal stays: replayed on the next open, whatever the lock says
    with contextlib.suppress(sqlite3.Error):  # busy readers: what was copied is recorded below
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with contextlib.suppress(OSError):
        lock.record_state(fingerprint(real_path(path)))


def _migrate_or_refuse(path: Path, conn: sqlite3.Connection, lock: ReportLock | None,
                       version: int) -> None:
    """Bring an older file forward, or close it, free its lock and say why (nothing changed)."""
    try:
        migrate(conn, version)
    except sqlite3.Error as exc:
        conn.close()
        if lock is not None:
            lock.release()
        raise ReportFileError(
            f"「{path.name}」是舊版格式（第 {version} 版），轉換為目前的格式時失敗（{exc}）。"
            "檔案沒有被改動，仍可以唯讀方式開啟及匯出；請洽資訊人員。") from exc


def insert_nodes(conn: sqlite3.Connection, node: Node, parent_id: str | None,
                 position: int) -> None:
    """Insert a subtree's rows (no history: callers record it)."""
    rows = []

    def collect(n: Node, parent: str | None, pos: int) -> None:
        rows.append(codec.node_to_row(n, parent, pos))
        for index, child in enumerate(n.children):
            collect(child, n.id, index)

    collect(node, parent_id, position)
    columns = list(rows[0])
    conn.executemany(
        f"INSERT INTO node ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [tuple(r[c] for c in columns) for r in rows])


def write_new_file(path: Path, report: Report, *, replace: bool = True) -> None:
    """Write a complete report file through `atomic_output` (never half a file under its name)."""
    with atomic_output(path, replace=replace) as tmp:
        fill_new_file(tmp, report)


def fill_new_file(path: Path, report: Report) -> None:
    """Write the report into an empty file (an empty file is an empty database to SQLite)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN")
        create_schema(conn)
        _write_report(conn, report)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _write_report(conn: sqlite3.Connection, report: Report) -> None:
    import sqlite_utils  # here, not at the top: importing it would slow the editor's start
    db = sqlite_utils.Database(conn)
    meta = codec.meta_to_items(report.meta) | {
        "report_id": report.id, "created_by_version": __version__,
        "created_at": datetime.now().isoformat(timespec="seconds"),
    }
    if report.draft is not None:
        meta |= {"draft_unit": report.draft.unit, "draft_source": report.draft.source_report_id,
                 "draft_split_at": report.draft.split_at.isoformat(timespec="seconds"),
                 DRAFT_UNLOCKED_KEY: json.dumps(sorted(report.draft.unlocked), ensure_ascii=False)}
    db["meta"].insert_all([{"key": k, "value": v} for k, v in meta.items()])
    for position, section in enumerate(report.sections):
        insert_nodes(conn, section, None, position)
    db["unit"].insert_all([{"name": u, "position": i} for i, u in enumerate(report.units)])
    db["dictionary_word"].insert_all([{"word": w} for w in sorted(report.dictionary)])
    db["disabled_rule"].insert_all([{"rule": r} for r in sorted(report.disabled_rules)])
