"""A report flattened to encoded field values and tree positions: what a three-way merge compares,
and what a split draft keeps of its report in the `base` table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqeditor.model import Node, Report
from sqeditor.store import codec
from sqeditor.store.report_store import ReportStore

MERGED_FIELDS = ("title", "result", "unit", "status", "comment")
EMPTY_VALUES = {"title": "", "result": "[]", "unit": "", "status": "未填", "comment": ""}
REPORT_NODE = ""  # node_id of report-wide base rows (dictionary, units)


@dataclass
class Snapshot:
    """Field values (as stored in the file) and (parent id, position, kind) of every node."""

    fields: dict[tuple[str, str], str] = field(default_factory=dict)
    places: dict[str, tuple[str | None, int, str]] = field(default_factory=dict)
    dictionary: set[str] = field(default_factory=set)
    units: list[str] = field(default_factory=list)

    def value(self, node_id: str, name: str) -> str:
        return self.fields.get((node_id, name), EMPTY_VALUES[name])

    def children(self) -> dict[str | None, list[str]]:
        """Each parent's child ids in order (None: the sections)."""
        kids: dict[str | None, list[str]] = {None: []}
        for node_id, (parent_id, _position, _kind) in sorted(self.places.items(), key=lambda kv: kv[1][1]):
            kids.setdefault(parent_id, []).append(node_id)
        return kids


def take_snapshot(report: Report) -> Snapshot:
    snap = Snapshot(dictionary=set(report.dictionary), units=list(report.units))

    def visit(node: Node, parent_id: str | None, position: int) -> None:
        snap.places[node.id] = (parent_id, position, str(node.kind))
        for name in MERGED_FIELDS:
            snap.fields[node.id, name] = codec.encode_field(name, getattr(node, name))
        for index, child in enumerate(node.children):
            visit(child, node.id, index)

    for index, section in enumerate(report.sections):
        visit(section, None, index)
    return snap


def read_snapshot(store: ReportStore) -> Snapshot:
    """The snapshot straight from the file's columns, which already hold the encoded values."""
    conn = store.conn
    columns = ", ".join(MERGED_FIELDS)
    rows = conn.execute(f"SELECT id, parent_id, kind, position, {columns} FROM node").fetchall()
    snap = Snapshot(
        fields={(row[0], name): value
                for row in rows for name, value in zip(MERGED_FIELDS, row[4:], strict=True)},
        places={node_id: (parent_id, position, kind) for node_id, parent_id, kind, position, *_ in rows})
    snap.dictionary = {r[0] for r in conn.execute("SELECT word FROM dictionary_word")}
    snap.units = [r[0] for r in conn.execute("SELECT name FROM unit ORDER BY position")]
    return snap


def base_rows(snap: Snapshot) -> list[tuple[str, str, str]]:
    """Rows of the `base` table: fields, 'place' per node, report-wide 'dictionary'/'units'."""
    rows = [(nid, name, value) for (nid, name), value in snap.fields.items()]
    rows += [(nid, "place", json.dumps(place, ensure_ascii=False)) for nid, place in snap.places.items()]
    rows.append((REPORT_NODE, "dictionary", json.dumps(sorted(snap.dictionary), ensure_ascii=False)))
    rows.append((REPORT_NODE, "units", json.dumps(snap.units, ensure_ascii=False)))
    return rows


def read_base(store: ReportStore) -> Snapshot:
    """A split draft's `base` rows as the snapshot they were made from."""
    snap = Snapshot()
    fields, places, decode = snap.fields, snap.places, json.JSONDecoder().decode
    for node_id, name, value in store.conn.execute("SELECT node_id, field, value FROM base"):
        if node_id == REPORT_NODE:
            if name == "dictionary":
                snap.dictionary = set(decode(value))
            elif name == "units":
                snap.units = list(decode(value))
        elif name == "place":
            parent_id, position, kind = decode(value)
            places[node_id] = (parent_id, position, kind)
        else:
            fields[node_id, name] = value
    return snap
