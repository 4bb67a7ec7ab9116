"""Working out, from base, mine and theirs, the edits one merge makes and the conflicts it leaves."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqeditor.merge.matching import Unmatched
from sqeditor.merge.three_way import Outcome, Resolution, decide, resolved_value
from sqeditor.model import Node, Report
from sqeditor.store import Edit, FieldEdit, NodeDelete, NodeInsert, SettingEdit, codec
from sqeditor.store.draft_changes import DraftChanges
from sqeditor.store.merge_records import NODE_FIELD, conflict_record
from sqeditor.store.snapshot import MERGED_FIELDS, Snapshot


class ChangeKind(StrEnum):
    """What the merge did with one field, row or setting."""

    TAKEN = "taken"  # only the draft changed it
    WITHDRAWN = "withdrawn"  # a newer version of the draft put back what an earlier one changed
    CONFLICT = "conflict"  # both changed it: left open
    OTHER_UNIT = "other_unit"  # the draft changed another unit's row: left open
    MINE = "mine"  # both changed it: the report's kept
    THEIRS = "theirs"  # both changed it: the draft's taken
    BOTH = "both"  # both changed it: both kept
    ADDED = "added"  # a row only the draft added
    DELETED = "deleted"  # a row only the draft deleted
    UNMATCHED = "unmatched"  # a blank copy's row with no place in the report: left open
    WORD = "word"  # a dictionary word added or removed
    UNIT = "unit"  # a unit added to or removed from the list


RESOLVED = {Resolution.MINE: ChangeKind.MINE, Resolution.THEIRS: ChangeKind.THEIRS,
            Resolution.BOTH: ChangeKind.BOTH}


@dataclass
class Change:
    """One thing the merge did or left open, for the merge report."""

    node_id: str
    field: str
    title: str
    what: ChangeKind


@dataclass
class MergePlan:
    """Edits for one ReportStore.apply and the list of changes they stand for."""

    edits: list[Edit] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def tree_payload(parent_id: str | None, position: int, node: Node) -> str:
    """A subtree with where it goes, as stored in a structure conflict."""
    return json.dumps({"parent_id": parent_id, "position": position,
                       "tree": codec.subtree_to_json(node)}, ensure_ascii=False)


class MergePlanner:
    """Compares one draft (theirs) with the report (mine) against the draft's base."""

    def __init__(self, mine: Snapshot, changes: DraftChanges, *, base: Callable[[], Snapshot],
                 theirs: Callable[[], Snapshot], mine_report: Callable[[], Report],
                 their_report: Callable[[], Report], draft_key: str, unit: str,
                 resolve: Resolution | None, no_base: bool = False) -> None:
        """Fields are merged from the draft's changes; whole snapshots of the base and the draft,
        and the reports, are asked for only when rows were added or deleted.

        ``no_base``: the base is empty because the real one is unknown, so nothing the draft
        holds is taken unasked: every difference is a conflict (or resolved as told).
        """
        self.mine, self.changes = mine, changes
        self._base, self._theirs = base, theirs
        self._mine_report, self._their_report = mine_report, their_report
        self.draft_key, self.unit, self.resolve, self.no_base = draft_key, unit, resolve, no_base
        self.at = datetime.now().isoformat(timespec="seconds")
        self.plan = MergePlan()
        # For a later version of a draft already merged: the values the draft itself went
        # through. The report still holding one of them means the newer draft supersedes it.
        self.superseded: dict[tuple[str, str], set[str]] = {}
        # Fields a newer version of the draft puts back as they were before it was last merged.
        self.withdrawn: set[tuple[str, str]] = set()

    def build(self, unmatched: list[Unmatched]) -> MergePlan:
        self._fields()
        self._deleted_by_theirs()
        self._deleted_by_mine()
        self._added_by_theirs()
        for item in unmatched:
            self._structure_conflict(item.tree.id, None,
                                     tree_payload(item.parent_id, item.position, item.tree),
                                     ChangeKind.UNMATCHED, item.tree.title)
        changes = self.changes
        self._settings("dictionary_word", changes.base_dictionary, self.mine.dictionary,
                       changes.their_dictionary, ChangeKind.WORD)
        self._settings("unit", set(changes.base_units), set(self.mine.units), set(changes.their_units),
                       ChangeKind.UNIT)
        return self.plan

    @functools.cached_property
    def base(self) -> Snapshot:
        return self._base()

    @functools.cached_property
    def theirs(self) -> Snapshot:
        return self._theirs()

    @functools.cached_property
    def mine_children(self) -> dict[str | None, list[str]]:
        return self.mine.children()

    @functools.cached_property
    def their_children(self) -> dict[str | None, list[str]]:
        return self.theirs.children()

    @functools.cached_property
    def children(self) -> dict[str | None, list[str]]:
        """Each parent's children in the report as the edits go."""
        return {k: list(v) for k, v in self.mine_children.items()}

    @functools.cached_property
    def mine_nodes(self) -> dict[str, Node]:
        return self._mine_report().node_index()

    @functools.cached_property
    def their_nodes(self) -> dict[str, Node]:
        return self._their_report().node_index()

    def _title(self, node_id: str) -> str:
        return self.mine.fields.get((node_id, "title")) or self.theirs.fields.get((node_id, "title"), "")

    def _note(self, node_id: str, name: str, what: ChangeKind, title: str | None = None) -> None:
        self.plan.changes.append(Change(node_id, name, title if title is not None else self._title(node_id),
                                        what))

    # --- fields --------------------------------------------------------------------------

    def _fields(self) -> None:
        mine_places, mine_fields = self.mine.places, self.mine.fields
        for node_id, name, base, theirs in self.changes.fields:
            if base is None or node_id not in mine_places:
                continue  # a row the draft added, or one the report deleted: see structure
            mine = mine_fields[node_id, name]
            outcome = decide(base, mine, theirs)
            if outcome is Outcome.CONFLICT and mine in self.superseded.get((node_id, name), ()):
                outcome = Outcome.TAKE
            elif outcome is Outcome.TAKE and self.no_base:
                outcome = Outcome.CONFLICT
            if outcome is not Outcome.KEEP and self._other_units_row(node_id):
                self._field_conflict(node_id, name, base, mine, theirs, ChangeKind.OTHER_UNIT)
            elif outcome is Outcome.TAKE:
                self._set(node_id, name, theirs)
                self._note(node_id, name, ChangeKind.WITHDRAWN if (node_id, name) in self.withdrawn
                           else ChangeKind.TAKEN)
            elif outcome is Outcome.CONFLICT:
                self._field_conflict(node_id, name, base, mine, theirs)

    def _other_units_row(self, node_id: str) -> bool:
        """A row that was another unit's when the draft was split, or that the coordinator has
        given to another unit since: never taken without a word."""
        if not self.unit or node_id not in self.changes.row_units:
            return False
        now = self.mine.value(node_id, "unit")
        return self.changes.row_units[node_id] != self.unit or now not in ("", self.unit)

    def _set(self, node_id: str, name: str, value: str) -> None:
        self.plan.edits.append(FieldEdit(node_id, name, codec.decode_field(name, value)))

    def _field_conflict(self, node_id: str, name: str, base: str, mine: str, theirs: str,
                        what: ChangeKind = ChangeKind.CONFLICT) -> None:
        if self.resolve is None:
            self._open_conflict(node_id, name, base, mine, theirs)
            self._note(node_id, name, what)
            return
        value = resolved_value(name, self.resolve, mine, theirs)
        if value != mine:
            self._set(node_id, name, value)
        self._note(node_id, name, RESOLVED[self.resolve])

    def _open_conflict(self, node_id: str, name: str, base: str | None, mine: str | None,
                       theirs: str | None) -> None:
        self.plan.edits.append(conflict_record(node_id, name, self.draft_key, base=base, mine=mine,
                                               theirs=theirs, unit=self.unit, at=self.at))

    # --- structure -----------------------------------------------------------------------

    def _changed_since_base(self, node_id: str, snap: Snapshot, kids: dict[str | None, list[str]]) -> bool:
        """Whether any node of the subtree is new or differs from the base."""
        stack = [node_id]
        while stack:
            current = stack.pop()
            if current not in self.base.places:
                return True
            if any(snap.fields[current, f] != self.base.value(current, f) for f in MERGED_FIELDS):
                return True
            stack += kids.get(current, [])
        return False

    def _top_most(self, node_id: str, present: Collection[str]) -> bool:
        parent = self.base.places[node_id][0]
        return parent is None or parent in present

    def _deleted_by_theirs(self) -> None:
        if not self.changes.removed:
            return
        theirs = self.changes.their_ids
        for node_id in self.base.places:
            if node_id in theirs or node_id not in self.mine.places:
                continue
            if not self._top_most(node_id, theirs):
                continue
            if not self._changed_since_base(node_id, self.mine, self.mine_children):
                self._delete(node_id)
                self._note(node_id, NODE_FIELD, ChangeKind.DELETED)
            elif self.resolve is Resolution.THEIRS:
                self._delete(node_id)
                self._note(node_id, NODE_FIELD, ChangeKind.THEIRS)
            elif self.resolve is None:
                parent_id = self._parent_in_mine(node_id)
                position = self.children[parent_id].index(node_id)
                self._structure_conflict(node_id, tree_payload(parent_id, position, self.mine_nodes[node_id]),
                                         None, ChangeKind.CONFLICT)
            else:
                self._note(node_id, NODE_FIELD, RESOLVED[self.resolve])

    def _deleted_by_mine(self) -> None:
        if self.changes.base_ids <= self.mine.places.keys():
            return
        for node_id in self.base.places:
            if node_id in self.mine.places or node_id not in self.changes.their_ids:
                continue
            if not self._top_most(node_id, self.mine.places):
                continue
            if not self._changed_since_base(node_id, self.theirs, self.their_children):
                continue
            node = self.their_nodes[node_id]
            parent_id, position, _kind = self.theirs.places[node_id]
            if self.resolve in (Resolution.THEIRS, Resolution.BOTH):
                self._insert(parent_id, position, node)
                self._note(node_id, NODE_FIELD, RESOLVED[self.resolve])
            elif self.resolve is None:
                self._structure_conflict(node_id, None, tree_payload(parent_id, position, node),
                                         ChangeKind.CONFLICT)
            else:
                self._note(node_id, NODE_FIELD, ChangeKind.MINE)

    def _added_by_theirs(self) -> None:
        if self.changes.added <= self.mine.places.keys():
            return
        for node_id, (parent_id, _position, _kind) in self.theirs.places.items():
            if node_id in self.base.places or node_id in self.mine.places:
                continue
            if parent_id is not None and parent_id not in self.mine.places:
                continue  # inside an added subtree, or under a row mine deleted (a conflict)
            self._insert(parent_id, self._position_after_siblings(node_id, parent_id),
                         self.their_nodes[node_id])
            self._note(node_id, NODE_FIELD, ChangeKind.ADDED)

    def _structure_conflict(self, node_id: str, mine: str | None, theirs: str | None, what: ChangeKind,
                            title: str | None = None) -> None:
        if self.resolve in (Resolution.THEIRS, Resolution.BOTH) and theirs is not None:
            data = json.loads(theirs)
            self._insert(data["parent_id"], data["position"], codec.subtree_from_json(data["tree"]))
            self._note(node_id, NODE_FIELD, RESOLVED[self.resolve], title)
            return
        if self.resolve is not None:
            self._note(node_id, NODE_FIELD, RESOLVED[self.resolve], title)
            return
        self._open_conflict(node_id, NODE_FIELD, None, mine, theirs)
        self._note(node_id, NODE_FIELD, what, title)

    def _parent_in_mine(self, node_id: str) -> str | None:
        return next((p for p, kids in self.children.items() if node_id in kids), None)

    def _position_after_siblings(self, node_id: str, parent_id: str | None) -> int:
        """After the nearest earlier sibling (in the draft) that the report also has.

        Rows other drafts added at the same place are ordered by id, so the order in which
        drafts are merged does not change the result.
        """
        siblings = self.their_children.get(parent_id, [])
        current = self.children.get(parent_id, [])
        position = 0
        for earlier in reversed(siblings[:siblings.index(node_id)]):
            if earlier in current:
                position = current.index(earlier) + 1
                break
        while (position < len(current) and current[position] not in self.base.places
               and current[position] < node_id):
            position += 1
        return position

    def _delete(self, node_id: str) -> None:
        self.plan.edits.append(NodeDelete(node_id))
        self.children[self._parent_in_mine(node_id)].remove(node_id)

    def _insert(self, parent_id: str | None, position: int, node: Node) -> None:
        kids = self.children.setdefault(parent_id, [])
        position = max(0, min(position, len(kids)))
        tree = copy.deepcopy(node)
        self.plan.edits.append(NodeInsert(parent_id, position, tree))
        kids.insert(position, tree.id)
        for n in tree.walk():
            self.children[n.id] = [c.id for c in n.children]

    # --- report-wide settings --------------------------------------------------------------

    def _settings(self, table: str, base: set[str], mine: set[str], theirs: set[str],
                  what: ChangeKind) -> None:
        for value in sorted(theirs - base - mine):
            self.plan.edits.append(SettingEdit(table, value, True))
            self._note("", table, what, value)
        for value in sorted((base - theirs) & mine):
            self.plan.edits.append(SettingEdit(table, value, False))
            self._note("", table, what, value)
