"""Reading a returned draft: who it is from, what it was split from, and whether it may merge."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqeditor.errors import SqeditorError
from sqeditor.model import Report
from sqeditor.store import ReportStore
from sqeditor.store.draft_changes import DraftChanges
from sqeditor.store.drafts import DAMAGED_ROWS, SplitDraft, read_draft_file
from sqeditor.store.snapshot import Snapshot, read_base, read_snapshot, take_snapshot

IMPORTABLE = (".json", ".docx", ".xlsx")  # other files are opened as .sqreport, or refused
# Reads a blank copy returned in one of those formats. The caller passes
# sqeditor.file_formats.read_report: merge sits beside exchange, not above it.
ReadReport = Callable[[Path], Report]


class MergeError(SqeditorError):
    """A draft that cannot be merged into this report; the message says why."""


class AlreadyMergedError(MergeError):
    """This very version of the draft is in the report already: merging it changes nothing."""


@dataclass
class Draft:
    """A returned draft as the merge needs it: what changed since its base, the rest on demand."""

    path: Path
    split: bool  # False: not made by a split, rows are matched by criteria path and text
    identity: str
    unit: str
    changes: DraftChanges
    source_report_id: str  # the report it was split from ('' when not made by a split)
    title: str
    period: str  # '110 年度下半年', to tell a clerk which report the draft belongs to
    loaded: Report | None = None

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
        if self.loaded is not None:
            return take_snapshot(self.loaded)
        with ReportStore.open(self.path, read_only=True) as store:
            return read_snapshot(store)

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
        return f"{self.identity}#{self.changes.fingerprint()}"


def read_draft(path: Path, read_other: ReadReport | None = None) -> Draft:
    """Open a draft (a .sqreport, or an importable file when given its reader) or refuse it
    with a clear message."""
    path = Path(path)
    reader: Callable[[Path], SplitDraft | Report] = read_draft_file
    if path.suffix.lower() in IMPORTABLE:
        if read_other is None:
            raise MergeError(f"「{path.name}」不是報告檔（.sqreport），無法合併。")
        reader = read_other
    try:
        found = reader(path)
        if isinstance(found, Report):
            return _blank_copy(path, found)
    except SqeditorError as exc:
        raise MergeError(f"「{path.name}」無法合併：{exc.message}") from exc
    except DAMAGED_ROWS as exc:
        raise damaged(path, exc) from exc
    return Draft(path, True, found.identity, found.unit, found.changes, found.source_report_id, found.title,
                 found.period)


def _blank_copy(path: Path, report: Report) -> Draft:
    """Everything in a blank copy is new: its changes are all of it (for its fingerprint)."""
    changes = DraftChanges.between(Snapshot(), take_snapshot(report))
    return Draft(path, False, report.id, _guess_unit(report), changes, "", report.meta.title,
                 report.meta.period_label, loaded=report)


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


def check_draft(draft: Draft, report_id: str, report_period: str, merged_keys: dict[str, str]) -> None:
    """Refuse a draft of another report (of another period: both named), the report itself,
    or a version already merged."""
    name = draft.path.name
    if draft.identity == report_id:
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
    if merged_at is None and earlier_version_merged(draft, merged_keys):
        merged_at = merged_keys.get(format1_merge_key(draft))
    if merged_at is not None:
        who = f"「{draft.unit}」的" if draft.unit else ""
        when = merged_at.replace("T", " ")[:16]
        raise AlreadyMergedError(
            f"「{name}」（{who}草稿）已在 {when} 合併過，"
            "再合併一次不會有任何變更。")
