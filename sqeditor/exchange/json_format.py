"""The structured JSON format of the reference report (sections > items > indicators > rows)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.export_mark import EXPORT_ID_FIELD
from sqeditor.model import Node, NodeKind, Paragraph, Period, Report, ReportMeta, Status
from sqeditor.model.numbering import parse_paragraphs, render_paragraphs
from sqeditor.model.roc_date import parse_roc_date, roc_iso

COLUMNS = ["評核項目", "評核指標", "次評核指標/參考標準", "評核結果說明"]
_CHILD_KEYS = {
    NodeKind.SECTION: "items",
    NodeKind.ITEM: "indicators",
    NodeKind.INDICATOR: "rows",
}
_TITLE_KEY = {kind: "title" for kind in _CHILD_KEYS} | {NodeKind.STANDARD: "standard"}


def report_to_json(report: Report, *, results: bool = True, export_id: str = "") -> dict[str, Any]:
    """The report as the reference format, plus ids and per-row working data when set."""
    meta = report.meta
    data: dict[str, Any] = {
        "columns": COLUMNS,
        "ministry": meta.ministry,
        "agency": meta.agency,
        "roc_year": meta.roc_year,
        "period": str(meta.period),
        "cutoff_date": roc_iso(meta.cutoff) if meta.cutoff else "",
        "title": meta.title,
        "report_id": report.id,
    }
    if export_id:
        data[EXPORT_ID_FIELD] = export_id
    if report.units:
        data["units"] = list(report.units)
    if report.dictionary:
        data["dictionary"] = sorted(report.dictionary)
    if report.disabled_rules:
        data["disabled_rules"] = sorted(report.disabled_rules)
    data["sections"] = [_node_to_json(s, results) for s in report.sections]
    return data


def _node_to_json(node: Node, results: bool) -> dict[str, Any]:
    out: dict[str, Any] = {_TITLE_KEY[node.kind]: node.title, "id": node.id}
    if node.kind is NodeKind.STANDARD:
        lines = render_paragraphs(node.result) if results else []
        out["result"] = lines
        if results and parse_paragraphs(lines) != node.result:
            # Text that reads as a marker ('2、' in a plain paragraph): keep levels explicit.
            out["paragraphs"] = [[p.level, p.text, p.literal] for p in node.result]
        if node.unit:
            out["unit"] = node.unit
        if node.status is not _initial_status(node):
            out["status"] = str(node.status)
        if node.comment:
            out["comment"] = node.comment
        if node.edited_by:
            out["edited_by"] = node.edited_by
        if node.edited_at:
            out["edited_at"] = node.edited_at.isoformat()
        return out
    out[_CHILD_KEYS[node.kind]] = [_node_to_json(c, results) for c in node.children]
    return out


def report_from_json(data: Any, *, results: bool = True) -> Report:
    """Build a report from the reference JSON format; ids are kept where present."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise ImportFormatError("這個 JSON 檔不是評核報告：找不到「sections」（構面）清單。")
    try:
        meta = ReportMeta(
            ministry=str(data.get("ministry", "")),
            agency=str(data.get("agency", "")),
            roc_year=int(data.get("roc_year") or 0),
            period=Period(data.get("period") or Period.FULL_YEAR),
            cutoff=parse_roc_date(data["cutoff_date"]) if data.get("cutoff_date") else None,
        )
        title = str(data.get("title", ""))
        if title and title != meta.derived_title:
            meta.title_override = title
        report = Report(meta=meta, units=[str(u) for u in data.get("units", [])],
                        dictionary={str(w) for w in data.get("dictionary", [])},
                        disabled_rules={str(r) for r in data.get("disabled_rules", [])})
        if data.get("report_id"):
            report.id = str(data["report_id"])
        report.export_id = str(data.get(EXPORT_ID_FIELD) or "")
        report.sections = [_node_from_json(s, NodeKind.SECTION, results) for s in data["sections"]]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ImportFormatError(f"JSON 檔的內容不符合評核報告格式：{exc}") from exc
    for row in report.rows():
        if row.unit and row.unit not in report.units:
            report.units.append(row.unit)
    return report


def _node_from_json(data: dict[str, Any], kind: NodeKind, results: bool) -> Node:
    node = Node(kind=kind, title=str(data[_TITLE_KEY[kind]]))
    if data.get("id"):
        node.id = str(data["id"])
    if kind is NodeKind.STANDARD:
        if not results:
            node.result = []
        elif "paragraphs" in data:
            node.result = [Paragraph(str(text), int(level), str(literal))
                           for level, text, literal in data["paragraphs"]]
        else:
            node.result = parse_paragraphs(str(line) for line in data.get("result", []))
        node.unit = str(data.get("unit", ""))
        node.status = Status(data["status"]) if data.get("status") else _initial_status(node)
        node.comment = str(data.get("comment", ""))
        node.edited_by = str(data.get("edited_by", ""))
        if data.get("edited_at"):
            node.edited_at = datetime.fromisoformat(data["edited_at"])
        return node
    child_kind = kind.child
    assert child_kind is not None
    node.children = [_node_from_json(c, child_kind, results) for c in data[_CHILD_KEYS[kind]]]
    return node


def _initial_status(node: Node) -> Status:
    return Status.DRAFT if node.result else Status.EMPTY


def read_json(path: Path, *, results: bool = True) -> Report:
    try:
        # utf-8-sig: PowerShell 5 and old Notepad start the file with a byte order mark
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{path.name} 不是 UTF-8 編碼的 JSON 檔。") from exc
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path.name} 不是有效的 JSON 檔（第 {exc.lineno} 行）。") from exc
    except (RecursionError, ValueError) as exc:  # nesting or numbers far beyond any report's
        raise ImportFormatError(f"{path.name} 不是評核報告的 JSON 檔（層數或數字過大）。") from exc
    try:  # "\ud800" escapes parse into lone surrogates, which no file can store
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(exc.object[exc.start])
        raise ImportFormatError(f"{path.name} 含有無效的字元（單獨的 UTF-16 代理碼 \\u{code:04x}），"
                                "不是有效的文字，無法匯入。") from exc
    return report_from_json(data, results=results)


def write_json(report: Report, path: Path, export_id: str = "") -> None:
    text = json.dumps(report_to_json(report, export_id=export_id), ensure_ascii=False, indent=1) + "\n"
    Path(path).write_text(text, encoding="utf-8")
