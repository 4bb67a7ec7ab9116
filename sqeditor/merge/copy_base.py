"""The base of a plain copy of the report: the report as it stood at the last step both files hold.

Two files of one report share their history up to the moment one was copied. The copy's steps
are read newest first until one the report also holds: a step of the report's own history, or
the copy's last step when it was merged before (kept with the merge, with a digest of the
copy's state then). The copy is rewound to that step; the report too, when the step is its own,
and the two states must agree. When nothing agrees (history cut, damaged, or another version
that recorded less) there is no base: the caller merges against an empty one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqeditor.merge.rewind import HistoryMismatch, Rewinder, rewind, same_state, state_digest
from sqeditor.store import ReportStore
from sqeditor.store.history_steps import START, HistoryRow, StepMark, rows_after, step_marks
from sqeditor.store.snapshot import Snapshot

COPY_KEY_PREFIX = "copy:"  # merge keys of plain copies: copy:<last step key>#<state digest>
TRIED_STEPS = 4  # shared steps tried, newest first, before the copy is merged without a base


@dataclass
class KnownSteps:
    """What the report holds of any copy's history: its own steps, and copies' steps it merged."""

    report_id: str
    own: dict[str, StepMark] = field(default_factory=dict)
    merged: dict[str, set[str]] = field(default_factory=dict)  # step key -> state digests merged
    # The report as it stood at one of its steps, once worked out: copies made at the same
    # moment share it, and history only grows, so it holds for the whole merge.
    states: dict[str, Snapshot | None] = field(default_factory=dict)

    @classmethod
    def of(cls, store: ReportStore, merged_keys: dict[str, str]) -> KnownSteps:
        known = cls(store.meta_value("report_id") or "", {mark.key: mark for mark in step_marks(store)})
        for key in merged_keys:
            if key.startswith(COPY_KEY_PREFIX):
                step_key, _, digest = key[len(COPY_KEY_PREFIX):].partition("#")
                known.merged.setdefault(step_key, set()).add(digest)
        return known

    def holds(self, key: str) -> bool:
        return key in self.own or key in self.merged


@dataclass
class CopyHistory:
    """What a copy's base is looked for in: its last step, the steps the report holds too, and
    the copy's changes since the oldest of those."""

    last: str  # key of the copy's newest step (START when it has none)
    shared: list[StepMark]  # the newest steps the report also holds, newest first ([]: none)
    since: list[HistoryRow]  # the copy's changes after the oldest of them, newest first

    @classmethod
    def read(cls, store: ReportStore, known: KnownSteps) -> CopyHistory:
        marks = step_marks(store)
        shared = [mark for mark in reversed(marks) if known.holds(mark.key)][:TRIED_STEPS]
        return cls(marks[-1].key if marks else START, shared,
                   rows_after(store, shared[-1].id if shared else 0))


@dataclass(frozen=True)
class CopyBase:
    """The base found (None: none could be trusted) and why, in the words of the merge report."""

    snapshot: Snapshot | None
    reason: str
    touched: set[tuple[str, str]] | None = None  # the only fields the copy changed, when known


def copy_merge_key(history: CopyHistory, theirs: Snapshot) -> str:
    """This version of the copy: its last step and what it holds then."""
    return f"{COPY_KEY_PREFIX}{history.last}#{state_digest(theirs)}"


def find_copy_base(store: ReportStore, mine: Snapshot, theirs: Snapshot, history: CopyHistory,
                   known: KnownSteps) -> CopyBase:
    """The state both files held at their last shared step, checked on both sides.

    Steps are recognised by their marks, which two files can share by chance (the same user
    name typing at the same second): a step whose states disagree is passed over for the one
    before it.
    """
    copy = Rewinder(theirs)
    since = iter(history.since)
    pending: HistoryRow | None = None
    try:
        for mark in history.shared or [None]:
            if pending is not None:
                copy.undo_all([pending])
                pending = None
            after = mark.id if mark else 0
            for row in since:
                if row.step_id <= after:
                    pending = row  # the first change of this step: undone if the step is passed over
                    break
                copy.undo_all([row])
            base = copy.snapshot()
            found = _agreed(store, mine, base, mark, known)
            if found is not None:
                return CopyBase(base, found, None if copy.rows_moved else copy.touched)
    except HistoryMismatch:
        return CopyBase(None, "副本的歷程與它的內容對不上（可能被截斷或損毀）")
    return CopyBase(None, "兩份檔案找不到共同的歷程（副本的歷程被截斷、損毀，或已太舊）")


def _agreed(store: ReportStore, mine: Snapshot, base: Snapshot, mark: StepMark | None,
            known: KnownSteps) -> str | None:
    """Why the state at that step is the base, or None when the two files do not agree on it."""
    key = mark.key if mark else START
    if key in known.merged and state_digest(base) in known.merged[key]:
        return (f"上次合併這份副本時它的內容（它的第 {mark.id} 步，{_when(mark)}）"
                if mark else "上次合併這份副本時它的內容")
    if key not in known.own and mark is not None:
        return None
    if key not in known.states:
        try:
            known.states[key] = rewind(mine, rows_after(store, mark.id if mark else 0))
        except HistoryMismatch:
            known.states[key] = None
    mine_then = known.states[key]
    if mine_then is None or not same_state(base, mine_then):
        return None
    if mark is None:
        return "兩份檔案建立時的內容（之後沒有共同的步驟）"
    return f"兩份檔案共有的最後一步：{_when(mark)} {mark.who}「{mark.label}」"


def _when(mark: StepMark) -> str:
    return mark.at.replace("T", " ")[:16]
