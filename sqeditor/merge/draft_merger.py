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
from sqeditor.merge.three_way import Resolution
from sqeditor.store import Edit, FieldEdit, MetaEdit, RecordEdit, ReportStore, Step, codec
from sqeditor.store.backups import BackupCause, make_backup
from sqeditor.store.draft_changes import DraftChanges
from sqeditor.store.drafts import DAMAGED_ROWS
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


def read_ahead(paths: list[Path], read_other: ReadReport | None) -> Iterator[tuple[Path, Future[Draft]]]:
    """Each path with its draft being read, the next ones read meanwhile on other threads.

    Reading a draft is mostly SQLite comparing it with its base, which runs without the GIL,
    so it overlaps with merging the one before. At most READ_AHEAD drafts wait in memory.
    """
    with ThreadPoolExecutor(max_workers=READ_AHEAD, thread_name_prefix="draft-reader") as readers:
        waiting: deque[tuple[Path, Future[Draft]]] = deque()
        for path in paths:
            waiting.append((path, readers.submit(read_draft, path, read_other)))
            if len(waiting) > READ_AHEAD:
                yield waiting.popleft()
        yield from waiting


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
        draft = read_draft(Path(path), self.read_other)
        with collector_paused():
            return self._merge(draft, resolve)[0]

    def _merge(self, draft: Draft, resolve: Resolution | str | None,
               mine: Snapshot | None = None) -> tuple[MergeOutcome, Snapshot | None]:
        """Merge one draft; `mine` is the report's snapshot when already known. Returns the
        outcome and the report's snapshot after the merge, when it is known without re-reading."""
        resolution = Resolution(resolve) if resolve else None
        merged_keys = merged_drafts(self.store)
        report_id = self.store.meta_value("report_id") or ""
        if draft.split and mine is None:
            mine = read_snapshot(self.store)
        try:  # the draft's rows are read from here on, some only when needed
            check_draft(draft, report_id, self._report_period(), merged_keys)
            planner, unmatched = self._planner(draft, resolution, mine)
            if earlier_version_merged(draft, merged_keys):
                planner.superseded = draft.passed_through
            plan = planner.build(unmatched)
        except DAMAGED_ROWS as exc:
            raise damaged(draft.path, exc) from exc
        plan.edits.append(merged_draft_record(draft.merge_key, unit=draft.unit, file=draft.path.name,
                                              at=datetime.now().isoformat(timespec="seconds")))
        if draft.split:
            plan.edits.append(last_merged.record(draft.identity, draft.changes))
        step = self.apply(plan.edits, merge_label(draft.unit, draft.path),
                          json.dumps({"unit": draft.unit, "file": draft.path.name,
                                      "draft_id": draft.identity}, ensure_ascii=False))
        after = updated_snapshot(planner.mine, plan.edits) if draft.split else None
        return MergeOutcome(draft.path, draft.unit, step, plan.changes), after

    def _planner(self, draft: Draft, resolution: Resolution | None,
                 mine: Snapshot | None) -> tuple[MergePlanner, list[Unmatched]]:
        """A split draft against its base; a blank copy matched onto the report first."""
        if draft.split:
            assert mine is not None
            recorded = self.store.meta_value(last_merged.meta_key(draft.identity))
            changes, withdrawn = last_merged.since_last_merge(draft.changes, recorded, lambda: draft.base)
            planner = MergePlanner(mine, changes,
                                   base=lambda: draft.base, theirs=lambda: draft.snapshot,
                                   mine_report=self.store.load, their_report=lambda: draft.report,
                                   draft_key=draft.merge_key, unit=draft.unit, resolve=resolution)
            planner.withdrawn = withdrawn
            return planner, []
        report = self.store.load()
        theirs, base, unmatched = match_blank_copy(report, draft.report)
        their_snapshot = take_snapshot(theirs)
        return MergePlanner(take_snapshot(report), DraftChanges.between(base, their_snapshot),
                            base=lambda: base, theirs=lambda: their_snapshot,
                            mine_report=lambda: report, their_report=lambda: theirs,
                            draft_key=draft.merge_key, unit=draft.unit, resolve=resolution), unmatched

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
        for path, reading in read_ahead(paths, self.read_other):
            try:
                draft = reading.result()
                with collector_paused():
                    outcome, mine = self._merge(draft, resolve, mine)
                outcomes.append(outcome)
            except MergeError as exc:
                outcomes.append(MergeOutcome(path, "", error=exc))
        return outcomes
