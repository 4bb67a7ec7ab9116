"""How model values are written in the file's columns and history (plain text and JSON)."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqeditor.model import Node, NodeKind, Paragraph, Period, ReportMeta, Status
from sqeditor.model.roc_date import parse_roc_date, roc_iso

ROW_FIELDS = ("result", "unit", "status", "comment")
NODE_FIELDS = ("title", *ROW_FIELDS)
# looked up per node when loading (Enum calls cost more than the rest of a row); unknown values
# still go through the Enum, which refuses them
_KINDS = {str(kind): kind for kind in NodeKind}
_STATUSES = {str(status): status for status in Status}


def encode_result(paragraphs: list[Paragraph]) -> str:
    return json.dumps(
        [[p.level, p.text, p.literal] if p.literal else [p.level, p.text] for p in paragraphs],
        ensure_ascii=False,
    )


def decode_result(text: str) -> list[Paragraph]:
    return [Paragraph(item[1], item[0], item[2] if len(item) > 2 else "")
            for item in json.loads(text)]


def result_text(text: str) -> str:
    """A stored result's text as `Node.result_text` joins it, without making Paragraph objects."""
    return "\n".join(item[1] for item in json.loads(text))


def encode_field(field: str, value: object) -> str:
    """A node field as stored in its column and in history."""
    if field == "result":
        return encode_result(value)  # type: ignore[arg-type]
    return str(value)


def decode_field(field: str, text: str) -> object:
    if field == "result":
        return decode_result(text)
    if field == "status":
        return Status(text)
    return text


def node_from_row(row: tuple) -> tuple[str | None, Node]:
    """(parent id, node without children) from a `node` table row."""
    node_id, parent_id, kind, _pos, title, result, unit, status, comment, by, at = row
    node = Node(
        kind=_KINDS.get(kind) or NodeKind(kind), title=title, id=node_id, result=decode_result(result),
        unit=unit, status=_STATUSES.get(status) or Status(status), comment=comment, edited_by=by,
        edited_at=datetime.fromisoformat(at) if at else None,
    )
    return parent_id, node


def node_to_row(node: Node, parent_id: str | None, position: int) -> dict:
    return {
        "id": node.id, "parent_id": parent_id, "kind": str(node.kind), "position": position,
        "title": node.title, "result": encode_result(node.result), "unit": node.unit,
        "status": str(node.status), "comment": node.comment, "edited_by": node.edited_by,
        "edited_at": node.edited_at.isoformat(timespec="seconds") if node.edited_at else None,
    }


def subtree_to_json(node: Node) -> dict:
    """A node and its descendants as data, for structure changes in history."""
    data = node_to_row(node, None, 0)
    del data["parent_id"], data["position"]
    data["children"] = [subtree_to_json(c) for c in node.children]
    return data


def subtree_from_json(data: dict) -> Node:
    row = (data["id"], None, data["kind"], 0, data["title"], data["result"], data["unit"],
           data["status"], data["comment"], data["edited_by"], data["edited_at"])
    _, node = node_from_row(row)
    node.children = [subtree_from_json(c) for c in data["children"]]
    return node


META_KEYS = ("ministry", "agency", "roc_year", "period", "cutoff", "title_override")


def meta_to_items(meta: ReportMeta) -> dict[str, str]:
    return {
        "ministry": meta.ministry, "agency": meta.agency, "roc_year": str(meta.roc_year),
        "period": str(meta.period), "cutoff": roc_iso(meta.cutoff) if meta.cutoff else "",
        "title_override": meta.title_override,
    }


def meta_from_items(items: dict[str, str]) -> ReportMeta:
    cutoff: date | None = parse_roc_date(items["cutoff"]) if items.get("cutoff") else None
    return ReportMeta(
        ministry=items.get("ministry", ""), agency=items.get("agency", ""),
        roc_year=int(items.get("roc_year") or 0),
        period=Period(items.get("period") or Period.FULL_YEAR), cutoff=cutoff,
        title_override=items.get("title_override", ""),
    )
