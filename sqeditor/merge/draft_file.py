"""Reading a returned draft: who it is from, what it was split from, and whether it may merge."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqeditor.errors import SqeditorError
from sqeditor.merge.copy_base import CopyHistory, KnownSteps, copy_merge_key
from sqeditor.merge.returned import ReturnedKind
from sqeditor.model import Report, ReportMeta
from sqeditor.store import MetaEdit, ReportStore
from sqeditor.store.draft_changes import DraftChanges
from sqeditor.store.drafts import DAMAGED_ROWS, read_draft_file
from sqeditor.store.snapshot import Snapshot, read_base, read_snapshot, take_snapshot

IMPORTABLE = (".json", ".docx", ".xlsx")  # other files are opened as .sqreport, or refused
# Reads a file returned in one of those formats (with its export id, when it carries one), and
# says what its import could not keep (a picture pasted in a cell). The caller passes
# sqeditor.file_formats.read_returned: merge sits beside exchange, not above it.
ReadReport = Callable[[Path], tuple[Report, list[str]]]


class MergeError(SqeditorError):
    """A draft that cannot be merged into this report; the message says why."""


class AlreadyMergedError(MergeError):
    """This very version of the draft is in the report already: merging it changes nothing."""


@dataclass
class Draft:
    """A returned draft as the merge needs it: what changed since its base, the rest on demand."""

    path: Path
    kind: ReturnedKind
    identity: str
    unit: str
    changes: DraftChanges  # a split draft's against its base; other files' against nothing
    source_report_id: str  # the report it was split from ('' when not made by a split)
    title: str
    period: str  # '110 年度下半年', to tell a clerk which report the draft belongs to
    loaded: Report | None = None
    stored: Snapshot | None = None  # a plain copy's rows, read with its history
    history: CopyHistory | None = None  # a plain copy of this report: where its base is looked for
    split_at: str = ""  # a split draft's, as stored
    notes: list[str] = field(default_factory=list)  # what reading it could not keep, for the merge report
    last_merge: MetaEdit | None = None  # what merging it records, so its next version is compared with it
    # An export's versions from one sender ('export:<id>:<unit or file name>'): one export is
    # often sent to several units, and one unit's return is no newer version of another's.
    sender_line: str = ""

    @property
    def split(self) -> bool:
        """Made by a split: it carries its base. Other files are matched or rewound to one."""
        return self.kind is ReturnedKind.SPLIT

    @property
    def report(self) -> Report:
        """The whole draft as model objects, read only when rows must be copied from it."""
        if self.loaded is None:
            with ReportStore.open(self.path, read_only=True) as store:
                self.loaded = store.load()
        return self.loaded

    @functools.cached_property
    def base(self) -> Snapshot:
        """Every field at the split, read only when rows were added or deleted."""
        with ReportStore.open(self.path, read_only=True) as store:
            return read_base(store)

    @functools.cached_property
    def snapshot(self) -> Snapshot:
        """Every field of the draft, read only when rows were added or deleted."""
        if self.stored is not None:
            return self.stored
        if self.loaded is not None:
            return take_snapshot(self.loaded)
        with ReportStore.open(self.path, read_only=True) as store:
            return read_snapshot(store)

    @property
    def line(self) -> str:
        """What its versions share: a split draft's or copy's identity, an export's sender line."""
        return self.sender_line or self.identity

    @functools.cached_property
    def passed_through(self) -> dict[tuple[str, str], set[str]]:
        """Every value each field held in the draft's own history (an earlier version had one of them)."""
        passed: dict[tuple[str, str], set[str]] = {}
        if not self.split:
            return passed
        with ReportStore.open(self.path, read_only=True) as store:
            for entry in store.history():
                passed.setdefault((entry.node_id, entry.field), set()).update(
                    v for v in (entry.old, entry.new) if v is not None)
        return passed

    @functools.cached_property
    def merge_key(self) -> str:
        """This version of this draft: a later version from the same split merges again."""
        if self.history is not None:
            return copy_merge_key(self.history, self.snapshot)
        return f"{self.identity}#{self.changes.fingerprint()}"


def read_draft(path: Path, read_other: ReadReport | None = None, known: KnownSteps | None = None) -> Draft:
    """Open a returned file (a .sqreport, or an importable file when given its reader) or refuse
    it with a clear message. `known`: what the report holds of its history, to read a plain
    copy of it against."""
    path = Path(path)
    try:
        if path.suffix.lower() in IMPORTABLE:
            if read_other is None:
                raise MergeError(f"「{path.name}」不是報告檔（.sqreport），無法合併。")
            report, notes = read_other(path)
            draft = _blank_copy(path, report, ReturnedKind.of_export(path))
            draft.notes = notes
            return draft
        copy_of = known.report_id if known is not None else ""
        found = read_draft_file(path, copy_of, lambda store, meta: _plain_copy(path, store, known, meta))
        if isinstance(found, Draft):
            return found
        if isinstance(found, Report):
            return _blank_copy(path, found, ReturnedKind.COPY)
    except MergeError:
        raise
    except SqeditorError as exc:
        raise MergeError(f"「{path.name}」無法合併：{exc.message}") from exc
    except DAMAGED_ROWS as exc:
        raise damaged(path, exc) from exc
    return Draft(path, ReturnedKind.SPLIT, found.identity, found.unit, found.changes, found.source_report_id,
                 found.title, found.period, split_at=found.split_at)


def _blank_copy(path: Path, report: Report, kind: ReturnedKind) -> Draft:
    """A file whose base is not in it: everything in it is new (for its fingerprint, which is
    of its content alone: a Word or Excel file gives its rows new ids each time it is read)."""
    changes = DraftChanges.between(Snapshot(), _numbered_snapshot(report))
    identity = f"export:{report.export_id}" if report.export_id else report.id
    return Draft(path, kind, identity, _guess_unit(report), changes, "", report.meta.title,
                 report.meta.period_label, loaded=report)


def _numbered_snapshot(report: Report) -> Snapshot:
    """The report's snapshot with its nodes named by their order in the tree, not their ids."""
    snap = take_snapshot(report)
    names = {node.id: str(index) for index, node in enumerate(report.walk())}
    return Snapshot({(names[node_id], name): value for (node_id, name), value in snap.fields.items()},
                    {names[node_id]: (names.get(parent, parent), position, kind)
                     for node_id, (parent, position, kind) in snap.places.items()},
                    snap.dictionary, snap.units)


def _plain_copy(path: Path, store: ReportStore, known: KnownSteps | None, meta: ReportMeta) -> Draft:
    """A copy of this very report: its rows and the history after the last step both files hold."""
    assert known is not None  # a copy is recognised only against the report's own history
    history = CopyHistory.read(store, known)
    draft = Draft(path, ReturnedKind.COPY, f"copy:{history.last}", "", DraftChanges(), "", meta.title,
                  meta.period_label, stored=read_snapshot(store), history=history)
    _ = draft.merge_key  # hashed here, on a reader thread, while the one before is merged
    return draft


def _guess_unit(report: Report) -> str:
    """The unit a blank copy was filled by: its draft mark, else the one unit its rows name."""
    if report.draft is not None:
        return report.draft.unit
    units = {row.unit for row in report.rows() if row.unit and row.result}
    return units.pop() if len(units) == 1 else ""


def damaged(path: Path, exc: Exception) -> MergeError:
    return MergeError(f"「{path.name}」已損毀或不完整（{exc}），無法合併。請向該單位索取新的草稿。")


def format1_merge_key(draft: Draft) -> str:
    """The key sqeditor gave a draft while reports were in file format 1: a hash of the draft's
    whole snapshot. Reports merged then still hold such keys, and their drafts are still refused."""
    snap = draft.snapshot
    digest = hashlib.sha256("".join(sorted(
        f"{node_id}\0{name}\0{value}\0" for (node_id, name), value in snap.fields.items())).encode())
    digest.update("".join(f"{node_id}\0{place}\0" for node_id, place in sorted(snap.places.items())).encode())
    digest.update(json.dumps([sorted(snap.dictionary), snap.units], ensure_ascii=False).encode())
    return f"{draft.identity}#{digest.hexdigest()[:16]}"


def earlier_version_merged(draft: Draft, merged_keys: dict[str, str]) -> bool:
    return any(key.split("#")[0] == draft.identity for key in merged_keys)


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def check_draft(draft: Draft, report_path: Path, report_id: str, report_period: str,
                merged_keys: dict[str, str]) -> None:
    """Refuse a draft of another report (of another period: both named), the report's own file,
    or a version already merged."""
    name = draft.path.name
    if same_file(draft.path, report_path):
        raise MergeError(f"「{name}」就是這份報告本身，不是草稿，不能合併到自己。")
    if draft.split and draft.source_report_id != report_id and draft.period != report_period:
        raise MergeError(
            f"「{name}」這份草稿屬於 {draft.period}的報告，不是這份 {report_period}的報告，"
            "不能合併。請確認選的是這一期分割出來的草稿。")
    if draft.split and draft.source_report_id != report_id:
        raise MergeError(
            f"「{name}」是從另一份報告（{draft.title}）分割出來的草稿，"
            "不能合併到這份報告。請確認選的是正確的檔案。")
    merged_at = merged_keys.get(draft.merge_key)
    if merged_at is None and draft.split and earlier_version_merged(draft, merged_keys):
        merged_at = merged_keys.get(format1_merge_key(draft))
    if merged_at is not None:
        who = f"「{draft.unit}」的" if draft.unit else ""
        when = merged_at.replace("T", " ")[:16]
        raise AlreadyMergedError(
            f"「{name}」（{who}{draft.kind.label}）已在 {when} 合併過，"
            "再合併一次不會有任何變更。")
