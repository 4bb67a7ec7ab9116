"""A report's state at an earlier step, worked out backwards from its state now and its history.

Each recorded change is undone in turn, newest first. A change whose new value is not what the
file holds at that point means the history does not describe this file (cut, damaged, written
by a program that did not record everything): the rewind stops with HistoryMismatch rather
than hand the merge a base no one ever had.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from itertools import repeat

from sqeditor.model import Node
from sqeditor.store import codec
from sqeditor.store.history_steps import HistoryRow
from sqeditor.store.snapshot import MERGED_FIELDS, Snapshot

_SETTINGS = {"dictionary_word", "unit"}


class HistoryMismatch(Exception):
    """The history does not lead back from the file's rows: it cannot give a base."""


class Rewinder:
    """A state being taken back one recorded change at a time, newest first.

    The tree is opened up (children as lists, so positions follow inserts) only when a change
    adds, deletes or moves a row: most steps only set fields.
    """

    def __init__(self, snap: Snapshot) -> None:
        self.fields = dict(snap.fields)
        self.dictionary = set(snap.dictionary)
        self.units = list(snap.units)
        self._places = snap.places
        self._tree: tuple[dict, dict, dict] | None = None  # kinds, parents, children
        self.touched: set[tuple[str, str]] = set()  # fields taken back, while no row moved

    @property
    def tree(self) -> tuple[dict[str, str], dict[str, str | None], dict[str | None, list[str]]]:
        if self._tree is None:
            places = self._places
            self._tree = ({node_id: kind for node_id, (_p, _i, kind) in places.items()},
                          {node_id: parent for node_id, (parent, _i, _k) in places.items()},
                          Snapshot(places=places).children())
        return self._tree

    @property
    def kinds(self) -> dict[str, str]:
        return self.tree[0]

    @property
    def parents(self) -> dict[str, str | None]:
        return self.tree[1]

    @property
    def children(self) -> dict[str | None, list[str]]:
        return self.tree[2]

    @property
    def rows_moved(self) -> bool:
        """Whether a row was added, deleted or moved back: then any field may differ."""
        return self._tree is not None

    def snapshot(self) -> Snapshot:
        """The state reached so far (a copy: the rewinder may go on)."""
        places = self._places
        if self._tree is not None:
            places = {kid: (parent, index, self.kinds[kid])
                      for parent, kids in self.children.items() for index, kid in enumerate(kids)}
        return Snapshot(dict(self.fields), places, set(self.dictionary), list(self.units))

    def undo_all(self, rows: Iterable[HistoryRow]) -> None:
        """Take back the given changes (newest first); HistoryMismatch when they do not fit."""
        try:
            for row in rows:
                self.undo(row)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise HistoryMismatch(str(exc)) from exc

    def undo(self, row: HistoryRow) -> None:
        if row.field in MERGED_FIELDS and row.node_id:
            if self.fields.get((row.node_id, row.field)) != row.new or row.old is None:
                raise HistoryMismatch(f"{row.node_id}.{row.field}")
            self.fields[row.node_id, row.field] = row.old
            self.touched.add((row.node_id, row.field))
        elif row.field == "node":
            if row.old is None:
                self._remove(json.loads(row.new or "null"), row.node_id)
            else:
                self._insert(json.loads(row.old), row.node_id)
        elif row.field == "position":
            self._move(row.node_id, json.loads(row.old or "null"), json.loads(row.new or "null"))
        else:
            table, _, value = row.field.partition(":")
            if table in _SETTINGS:
                self._setting(table, value, row.old == "1", row.new == "1")

    def _remove(self, data: dict, node_id: str) -> None:
        parent = data["parent_id"]
        if self.parents.get(node_id, "?") != parent:
            raise HistoryMismatch(f"{node_id} not where it was added")
        self.children[parent].remove(node_id)
        stack = [node_id]
        while stack:
            current = stack.pop()
            stack += self.children.pop(current, [])
            del self.kinds[current], self.parents[current]
            for name in MERGED_FIELDS:
                self.fields.pop((current, name), None)

    def _insert(self, data: dict, node_id: str) -> None:
        tree = codec.subtree_from_json(data["tree"])
        parent = data["parent_id"]
        if tree.id != node_id or node_id in self.kinds or (parent is not None and parent not in self.kinds):
            raise HistoryMismatch(f"{node_id} cannot come back")
        kids = self.children.setdefault(parent, [])
        kids.insert(min(data["position"], len(kids)), node_id)
        self._add(tree, parent)

    def _add(self, node: Node, parent: str | None) -> None:
        self.kinds[node.id] = str(node.kind)
        self.parents[node.id] = parent
        for name in MERGED_FIELDS:
            self.fields[node.id, name] = codec.encode_field(name, getattr(node, name))
        self.children[node.id] = [child.id for child in node.children]
        for child in node.children:
            self._add(child, node.id)

    def _move(self, node_id: str, old: list, new: list) -> None:
        parent = self.parents.get(node_id, "?")
        if parent != new[0] or (old[0] is not None and old[0] not in self.kinds):
            raise HistoryMismatch(f"{node_id} not where it was moved")
        self.children[parent].remove(node_id)
        kids = self.children.setdefault(old[0], [])
        kids.insert(min(old[1], len(kids)), node_id)
        self.parents[node_id] = old[0]

    def _setting(self, table: str, value: str, was: bool, now: bool) -> None:
        """A dictionary word or a unit put back or taken out (a unit put back goes last)."""
        held: set[str] | list[str] = self.dictionary if table == "dictionary_word" else self.units
        if (value in held) != now:
            raise HistoryMismatch(f"{table}:{value}")
        if now and not was:
            held.remove(value)
        elif was and not now and isinstance(held, set):
            held.add(value)
        elif was and not now:
            held.append(value)


def rewind(snap: Snapshot, rows: Iterable[HistoryRow]) -> Snapshot:
    """The state before the given changes (newest first); HistoryMismatch when they do not fit."""
    rewinder = Rewinder(snap)
    rewinder.undo_all(rows)
    return rewinder.snapshot()


def same_state(a: Snapshot, b: Snapshot) -> bool:
    """Whether two snapshots hold the same rows, places, words and units (units in any order)."""
    return (a.fields == b.fields and a.places == b.places and a.dictionary == b.dictionary
            and set(a.units) == set(b.units))


def state_digest(snap: Snapshot) -> str:
    """A short hash of a state, the same however the snapshot was built: rows in id order, one
    field at a time (joined in C, the way that costs least; `snap` holds every field of its rows)."""
    fields, places = snap.fields, snap.places
    ids = sorted(places)
    digest = hashlib.sha256(json.dumps([sorted(snap.dictionary), sorted(snap.units), ids,
                                        [places[node_id] for node_id in ids]], ensure_ascii=False).encode())
    for name in MERGED_FIELDS:
        digest.update("\0".join(map(fields.__getitem__, zip(ids, repeat(name)))).encode())
    return digest.hexdigest()[:16]
