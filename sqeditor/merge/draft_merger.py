"""Merging returned drafts into the open report: one transaction and one undo step per draft."""

from __future__ import annotations

import gc
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqeditor.merge import last_merged
from sqeditor.merge.copy_base import KnownSteps, find_copy_base
from sqeditor.merge.draft_file import (
    Draft,
    MergeError,
    ReadReport,
    check_draft,
    damaged,
    earlier_version_merged,
    read_draft,
)
from sqeditor.merge.matching import Unmatched, match_blank_copy
from sqeditor.merge.plan import Change, ChangeKind, MergePlanner
from sqeditor.merge.returned import FOREIGN_REPORT, NO_BASE, NO_EXPORT_ID, UNKNOWN_EXPORT, ReturnedKind
from sqeditor.merge.three_way import Resolution
from sqeditor.merge.word_return import change_unit, comments_added
from sqeditor.model import Report
from sqeditor.store import Edit, FieldEdit, MetaEdit, RecordEdit, ReportStore, Step, codec
from sqeditor.store.backups import BackupCause, make_backup
from sqeditor.store.draft_changes import DraftChanges
from sqeditor.store.drafts import DAMAGED_ROWS
from sqeditor.store.exports import recorded_export
from sqeditor.store.history_steps import values_merged_from
from sqeditor.store.merge_records import merged_draft_record, merged_drafts
from sqeditor.store.snapshot import Snapshot, read_snapshot, take_snapshot

READ_AHEAD = 2  # drafts read while one is merged: as many as the office PCs' cores, usually

# Writes a merge: (edits, label, source) -> Step. The GUI passes its session's apply so the
# merge lands on its undo stack and in its copy of the report.
Apply = Callable[[list[Edit], str, str], Step]


@dataclass
class MergeOutcome:
    """What one draft brought: its changes, open conflicts and how others were resolved."""

    file: Path
    unit: str
    step: Step | None = None
    changes: list[Change] = field(default_factory=list)
    error: MergeError | None = None  # the refusal, when the draft was not merged
    kind: ReturnedKind | None = None  # what kind of file it was (None: not read)
    base: str = ""  # which base the merge used, and why
    notes: list[str] = field(default_factory=list)  # what reading the file could not keep

    def count(self, *what: ChangeKind) -> int:
        return sum(1 for c in self.changes if c.what in what)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while snapshots of tens of thousands of values are built:
    its repeated full passes over them cost about a sixth of a merge. Nothing here relies on it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def updated_snapshot(snap: Snapshot, edits: list[Edit]) -> Snapshot | None:
    """The report's snapshot after a merge that only set fields and records (None otherwise:
    rows added, deleted or settings changed, so it must be read again)."""
    if not all(isinstance(e, FieldEdit | RecordEdit | MetaEdit) for e in edits):
        return None
    for edit in edits:
        if isinstance(edit, FieldEdit):
            snap.fields[edit.node_id, edit.field] = codec.encode_field(edit.field, edit.value)
    return snap


def read_ahead(paths: list[Path], read_other: ReadReport | None,
               known: KnownSteps) -> Iterator[tuple[Path, Future[Draft]]]:
    """Each path with its draft being read, the next ones read meanwhile on other threads.

    Reading a draft is mostly SQLite comparing it with its base, which runs without the GIL,
    so it overlaps with merging the one before. At most READ_AHEAD drafts wait in memory.
    """
    with ThreadPoolExecutor(max_workers=READ_AHEAD, thread_name_prefix="draft-reader") as readers:
        waiting: deque[tuple[Path, Future[Draft]]] = deque()
        for path in paths:
            waiting.append((path, readers.submit(read_draft, path, read_other, known)))
            if len(waiting) > READ_AHEAD:
                yield waiting.popleft()
        yield from waiting


def changed_unit(changes: DraftChanges, mine: Snapshot) -> str:
    """The one unit whose rows a file changes (against the report), or '' when several or none."""
    units = {mine.value(node_id, "unit") for node_id, name, _base, value in changes.fields
             if (node_id, name) in mine.fields and mine.fields[node_id, name] != value}
    units.discard("")
    return units.pop() if len(units) == 1 else ""


def sender(draft: Draft) -> str:
    """Who a conflict came from: the unit, else the file's name (units name files after themselves)."""
    return draft.unit or draft.path.stem


def merge_label(unit: str, path: Path) -> str:
    return f"合併草稿：{unit or path.stem}"


class DraftMerger:
    """Merges drafts into a ReportStore; the report side of each conflict is 'mine'."""

    def __init__(self, store: ReportStore, apply: Apply | None = None,
                 read_other: ReadReport | None = None) -> None:
        self.store = store
        self.read_other = read_other  # reads blank copies returned as .json/.docx/.xlsx
        self.apply: Apply = apply or (lambda edits, label, source: store.apply(edits, label, source=source))

    def merge(self, path: Path | str, resolve: Resolution | str | None = None) -> MergeOutcome:
        """Merge one draft, or raise MergeError (AlreadyMergedError: nothing would change)."""
        known = KnownSteps.of(self.store, merged_drafts(self.store))
        draft = read_draft(Path(path), self.read_other, known)
        with collector_paused():
            return self._merge(draft, resolve, known)[0]

    def _merge(self, draft: Draft, resolve: Resolution | str | None, known: KnownSteps,
               mine: Snapshot | None = None) -> tuple[MergeOutcome, Snapshot | None]:
        """Merge one draft; `mine` is the report's snapshot when already known. Returns the
        outcome and the report's snapshot after the merge, when it is known without re-reading."""
        resolution = Resolution(resolve) if resolve else None
        merged_keys = merged_drafts(self.store)
        report_id = self.store.meta_value("report_id") or ""
        by_id = draft.split or draft.history is not None
        if by_id and mine is None:
            mine = read_snapshot(self.store)
        try:  # the draft's rows are read from here on, some only when needed
            check_draft(draft, self.store.path, report_id, self._report_period(), merged_keys)
            planner, unmatched, base = self._planner(draft, resolution, mine, known)
            if earlier_version_merged(draft, merged_keys) or draft.sender_line:
                planner.superseded = self._superseded(draft)  # what an earlier version brought
            plan = planner.build(unmatched)
        except DAMAGED_ROWS as exc:
            raise damaged(draft.path, exc) from exc
        plan.edits.append(merged_draft_record(draft.merge_key, unit=draft.unit, file=draft.path.name,
                                              at=datetime.now().isoformat(timespec="seconds")))
        if draft.last_merge is not None:
            plan.edits.append(draft.last_merge)
        step = self.apply(plan.edits, merge_label(draft.unit, draft.path),
                          json.dumps({"unit": draft.unit, "file": draft.path.name,
                                      "draft_id": draft.line}, ensure_ascii=False))
        after = updated_snapshot(planner.mine, plan.edits) if by_id else None
        return MergeOutcome(draft.path, draft.unit, step, plan.changes, kind=draft.kind, base=base,
                            notes=draft.notes), after

    def _superseded(self, draft: Draft) -> dict[tuple[str, str], set[str]]:
        """Values an earlier version of the file brought, which this one replaces where the report
        still holds them. A split draft whose last merge is recorded needs none: it is compared
        with that merge, and its history's values (the split's text among them) would let it
        override a coordinator who put one back."""
        if not draft.split:
            return values_merged_from(self.store, draft.line)
        if self.store.meta_value(last_merged.meta_key(draft.identity)):
            return {}
        return draft.passed_through  # merged before such records were kept

    def _planner(self, draft: Draft, resolution: Resolution | None, mine: Snapshot | None,
                 known: KnownSteps) -> tuple[MergePlanner, list[Unmatched], str]:
        """The planner against the draft's base, its rows left without a place, and which base
        it is and why: a split draft's own; a plain copy's shared history; an export's record;
        else an empty one, rows matched onto the report and every difference a conflict."""
        if draft.split:
            assert mine is not None
            changes, withdrawn = self._since_last_merge(draft, draft.changes, lambda: draft.base)
            planner = MergePlanner(mine, changes,
                                   base=lambda: draft.base, theirs=lambda: draft.snapshot,
                                   mine_report=self.store.load, their_report=lambda: draft.report,
                                   draft_key=draft.merge_key, unit=sender(draft), resolve=resolution)
            planner.withdrawn = withdrawn
            when = draft.split_at.replace("T", " ")[:16]
            return planner, [], f"分割時留在草稿裡的原內容（{when} 分割）"
        if draft.history is not None:
            assert mine is not None
            found = find_copy_base(self.store, mine, draft.snapshot, draft.history, known)
            if found.snapshot is None:
                return *self._unbased(draft, resolution), f"{found.reason}，以空白基準比對，{NO_BASE}"
            return self._based(draft, resolution, mine, found.snapshot, draft.snapshot,
                               lambda: draft.report, found.touched), [], found.reason
        export_id = draft.report.export_id if draft.kind is not ReturnedKind.COPY else ""
        recorded = recorded_export(self.store, export_id) if export_id else None
        if recorded is None:
            reason = (FOREIGN_REPORT if draft.kind is ReturnedKind.COPY
                      else UNKNOWN_EXPORT.format(export_id) if export_id else NO_EXPORT_ID)
            return *self._unbased(draft, resolution), self._other_period(draft) + reason
        exported = Report(sections=recorded.sections)
        theirs, _empty, unmatched = match_blank_copy(exported, draft.report)
        now = read_snapshot(self.store)
        base, their_snapshot = take_snapshot(exported), take_snapshot(theirs)
        if draft.kind is ReturnedKind.WORD:
            comments_added(base, their_snapshot, now)
            draft.unit = change_unit(draft.report.change_authors, now.units) or draft.unit
        planner = self._based(draft, resolution, now, base, their_snapshot, lambda: theirs, since_last=True)
        when = recorded.at.replace("T", " ")[:16]
        return planner, unmatched, f"匯出時記下的內容（{when} 匯出「{recorded.file}」）"

    def _based(self, draft: Draft, resolution: Resolution | None, mine: Snapshot, base: Snapshot,
               theirs: Snapshot, their_report: Callable[[], Report],
               touched: set[tuple[str, str]] | None = None, since_last: bool = False) -> MergePlanner:
        """`since_last`: an export, compared with what its last version brought (like a split draft)."""
        changes = DraftChanges.between(base, theirs, touched)
        withdrawn: set[tuple[str, str]] = set()
        if since_last:
            sender_unit = draft.unit or changed_unit(changes, base) or draft.path.stem
            draft.sender_line = f"{draft.identity}:{sender_unit}"
            changes, withdrawn = self._since_last_merge(draft, changes, lambda: base)
        draft.unit = draft.unit or changed_unit(changes, mine)
        planner = MergePlanner(mine, changes, base=lambda: base, theirs=lambda: theirs,
                               mine_report=self.store.load, their_report=their_report,
                               draft_key=draft.merge_key, unit=sender(draft), resolve=resolution)
        planner.withdrawn = withdrawn
        return planner

    def _since_last_merge(self, draft: Draft, changes: DraftChanges,
                          base: Callable[[], Snapshot]) -> tuple[DraftChanges, set[tuple[str, str]]]:
        """The file's changes against what its last merged version brought, and what it withdrew;
        what this merge brings is recorded with it, for the next version."""
        draft.last_merge = last_merged.record(draft.line, changes)
        recorded = self.store.meta_value(last_merged.meta_key(draft.line))
        return last_merged.since_last_merge(changes, recorded, base)

    def _unbased(self, draft: Draft, resolution: Resolution | None) -> tuple[MergePlanner, list[Unmatched]]:
        """Rows matched onto the report (by id, else criteria path) against an empty base."""
        report = self.store.load()
        theirs, base, unmatched = match_blank_copy(report, draft.report)
        their_snapshot, mine = take_snapshot(theirs), take_snapshot(report)
        changes = DraftChanges.between(base, their_snapshot)
        draft.unit = draft.unit or changed_unit(changes, mine)
        return MergePlanner(mine, changes, base=lambda: base, theirs=lambda: their_snapshot,
                            mine_report=lambda: report, their_report=lambda: theirs,
                            draft_key=draft.merge_key, unit=sender(draft), resolve=resolution,
                            no_base=True), unmatched

    def _other_period(self, draft: Draft) -> str:
        """'110 年度下半年的檔案，不是這份 111 年度上半年的報告：' for a file of another period
        (a report file or JSON, which carry their period), else ''."""
        period = self._report_period()
        if draft.kind not in (ReturnedKind.COPY, ReturnedKind.JSON) or draft.period in ("", period):
            return ""
        return f"{draft.period}的檔案，不是這份 {period}的報告："

    def _report_period(self) -> str:
        items = {key: self.store.meta_value(key) or "" for key in codec.META_KEYS}
        return codec.meta_from_items(items).period_label

    def merge_all(self, paths: Iterable[Path | str],
                  resolve: Resolution | str | None = None) -> list[MergeOutcome]:
        """Back up the report, then merge each draft in turn; a refused one is reported in its
        outcome and the rest go on (BackupError, and nothing merged, if no backup can be made)."""
        paths = [Path(p) for p in paths]
        if paths:
            make_backup(self.store, BackupCause.MERGE)
        outcomes = []
        mine: Snapshot | None = None  # the report's snapshot, kept up to date between drafts
        known = KnownSteps.of(self.store, merged_drafts(self.store))
        for path, reading in read_ahead(paths, self.read_other, known):
            try:
                draft = reading.result()
                with collector_paused():
                    outcome, mine = self._merge(draft, resolve, known, mine)
                outcomes.append(outcome)
            except MergeError as exc:
                outcomes.append(MergeOutcome(path, "", error=exc))
        return outcomes
