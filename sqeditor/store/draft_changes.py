"""What a draft changed since its base: the part of a draft a merge reads for every draft.

A split draft holds the whole report twice (its rows and their base); comparing the two in
SQL hands Python only the hundred-odd values a unit changed, not the tens of thousands it
did not. Whole snapshots are read only when rows were added or deleted.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field

from sqeditor.store.report_store import ReportStore
from sqeditor.store.snapshot import EMPTY_VALUES, MERGED_FIELDS, REPORT_NODE, Snapshot

Place = tuple[str | None, int, str]

_FIELD_TABLE = " UNION ALL ".join(
    f"SELECT '{name}' AS name, {order} AS position, '{EMPTY_VALUES[name]}' AS empty"
    for order, name in enumerate(MERGED_FIELDS))
_COLUMN = "CASE f.name " + " ".join(f"WHEN '{name}' THEN n.{name}" for name in MERGED_FIELDS) + " END"
# CROSS JOIN keeps SQLite from reordering the loops: each node's place is looked up once.
_CHANGED_FIELDS = f"""
    SELECT n.id, f.name, CASE WHEN p.node_id IS NOT NULL THEN coalesce(b.value, f.empty) END,
           {_COLUMN} AS theirs
    FROM node n
    LEFT JOIN base p ON p.node_id = n.id AND p.field = 'place'
    CROSS JOIN ({_FIELD_TABLE}) f
    LEFT JOIN base b ON b.node_id = n.id AND b.field = f.name
    WHERE p.node_id IS NULL OR theirs IS NOT coalesce(b.value, f.empty)
    ORDER BY n.rowid, f.position
"""
_CHANGED_PLACES = """
    SELECT n.id, n.parent_id, n.position, n.kind, p.node_id IS NULL
    FROM node n LEFT JOIN base p ON p.node_id = n.id AND p.field = 'place'
    WHERE p.value IS NULL OR json_extract(p.value, '$[0]') IS NOT n.parent_id
       OR json_extract(p.value, '$[1]') IS NOT n.position OR json_extract(p.value, '$[2]') IS NOT n.kind
    ORDER BY n.rowid
"""
_ROW_UNITS = """
    SELECT b.node_id, b.value FROM base b
    WHERE b.field = 'unit' AND b.node_id IN (SELECT value FROM json_each(?))
"""
_REMOVED = """
    SELECT b.node_id FROM base b
    WHERE b.field = 'place' AND NOT EXISTS (SELECT 1 FROM node n WHERE n.id = b.node_id)
"""


@dataclass
class DraftChanges:
    """A draft against its base: changed fields, new or moved nodes, and who holds which node."""

    fields: list[tuple[str, str, str | None, str]] = field(default_factory=list)
    """(node id, field, base value, draft value); base None for a node the base does not hold."""
    places: list[tuple[str, Place]] = field(default_factory=list)  # nodes new or moved, where now
    base_ids: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)  # nodes the base does not hold
    removed: set[str] = field(default_factory=set)  # base nodes the draft does not hold
    base_dictionary: set[str] = field(default_factory=set)
    their_dictionary: set[str] = field(default_factory=set)
    base_units: list[str] = field(default_factory=list)
    their_units: list[str] = field(default_factory=list)
    row_units: dict[str, str] = field(default_factory=dict)  # changed nodes' 承辦單位 at the split

    @classmethod
    def between(cls, base: Snapshot, theirs: Snapshot,
                touched: set[tuple[str, str]] | None = None) -> DraftChanges:
        """Compared in memory: for drafts made without a split, whose base is worked out.

        `theirs` holds every field of its nodes (as every snapshot read from a file or a report
        does); the base may leave fields out, which then hold their empty values. `touched`:
        the only fields that can differ, when known (a copy rewound through field changes only,
        whose rows stand where they stood).
        """
        if touched is not None:
            return cls._fields_between(base, theirs, touched)
        base_places, base_fields = base.places, base.fields
        changes = cls(base_ids=set(base_places), added=theirs.places.keys() - base_places.keys(),
                      removed=base_places.keys() - theirs.places.keys(),
                      base_dictionary=set(base.dictionary), their_dictionary=set(theirs.dictionary),
                      base_units=list(base.units), their_units=list(theirs.units))
        changed = changes.fields
        for key, value in theirs.fields.items():
            node_id, name = key
            if node_id not in base_places:
                changed.append((node_id, name, None, value))
            elif value != (was := base_fields.get(key, EMPTY_VALUES[name])):
                changed.append((node_id, name, was, value))
        changes.places = [(node_id, place) for node_id, place in theirs.places.items()
                          if base_places.get(node_id) != place]
        return changes

    @classmethod
    def _fields_between(cls, base: Snapshot, theirs: Snapshot, touched: set[tuple[str, str]]) -> DraftChanges:
        ids = set(base.places)
        changes = cls(base_ids=ids, base_dictionary=set(base.dictionary),
                      their_dictionary=set(theirs.dictionary), base_units=list(base.units),
                      their_units=list(theirs.units))
        for key in sorted(touched):
            if (value := theirs.fields[key]) != (was := base.fields[key]):
                changes.fields.append((*key, was, value))
        return changes

    @functools.cached_property
    def their_ids(self) -> set[str]:
        return (self.base_ids - self.removed) | self.added

    def fingerprint(self) -> str:
        """Short hash of the draft's content, so one version of it is recognised when it returns.

        A draft is its base and what changed since, so hashing the changes is enough.
        """
        digest = hashlib.sha256()
        digest.update("".join(sorted(f"{node_id}\0{name}\0{value}\0"
                                     for node_id, name, _base, value in self.fields)).encode())
        digest.update("".join(sorted(f"{node_id}\0{json.dumps(place, ensure_ascii=False)}\0"
                                     for node_id, place in self.places)).encode())
        digest.update(json.dumps([sorted(self.removed), sorted(self.their_dictionary), self.their_units],
                                 ensure_ascii=False).encode())
        return digest.hexdigest()[:16]


def read_changes(store: ReportStore) -> DraftChanges:
    """What a split draft changed since its base, compared by SQLite between its rows and `base`."""
    conn = store.conn
    changes = DraftChanges(
        fields=conn.execute(_CHANGED_FIELDS).fetchall(),
        base_ids={r[0] for r in conn.execute("SELECT node_id FROM base WHERE field = 'place'")},
        removed={r[0] for r in conn.execute(_REMOVED)},
        their_dictionary={r[0] for r in conn.execute("SELECT word FROM dictionary_word")},
        their_units=[r[0] for r in conn.execute("SELECT name FROM unit ORDER BY position")])
    changed = json.dumps(sorted({node_id for node_id, _name, base, _value in changes.fields
                                 if base is not None}))
    changes.row_units = dict(conn.execute(_ROW_UNITS, (changed,)))
    for node_id, parent_id, position, kind, added in conn.execute(_CHANGED_PLACES):
        changes.places.append((node_id, (parent_id, position, kind)))
        if added:
            changes.added.add(node_id)
    for name, value in conn.execute("SELECT field, value FROM base WHERE node_id = ?", (REPORT_NODE,)):
        if name == "dictionary":
            changes.base_dictionary = set(json.loads(value))
        elif name == "units":
            changes.base_units = list(json.loads(value))
    return changes
