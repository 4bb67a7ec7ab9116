"""Findings and fixes as the command line prints them: grouped text, JSON, and a diff."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby
from typing import Any

from sqeditor.model import Node, NodeKind, Report, section_label
from sqeditor.model.numbering import render_paragraphs
from sqeditor.rules.finding import Finding
from sqeditor.rules.fixing import FieldKey

_CONTEXT = 24  # characters quoted on each side of a finding in long paragraphs
_FIELD_NAMES = {"title": "標題", "standard": "參考標準", "result": "評核結果說明"}


def finding_path(report: Report, node: Node) -> list[str]:
    """Titles from the section down to the node (the standard for a row)."""
    return [n.title for n in report.path(node)]


def findings_json(report: Report, findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The --json output: one object per finding."""
    nodes = report.node_index()
    return [{
        "rule": f.rule, "category": f.category, "severity": str(f.severity), "message": f.message,
        "path": finding_path(report, nodes[f.node_id]), "field": f.field, "paragraph": f.paragraph,
        "start": f.start, "end": f.end, "text": f.text, "suggestions": list(f.suggestions),
    } for f in findings]


def _heading(report: Report, node: Node) -> str:
    chain = report.path(node)
    index = report.sections.index(chain[0])
    names = [section_label(index, chain[0].title)] + [n.title for n in chain[1:] if n.title]
    return " > ".join(_shorten(name, 30) for name in names)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _quote(text: str, finding: Finding) -> list[str]:
    """The line around the finding, and a line of carets under the problem."""
    start = max(0, finding.start - _CONTEXT)
    end = min(len(text), finding.end + _CONTEXT)
    head = ("…" if start else "") + text[start:finding.start]
    body = text[finding.start:finding.end]
    tail = text[finding.end:end] + ("…" if end < len(text) else "")
    marks = "^" * max(1, _width(body))
    return ["      " + head + body + tail, "      " + " " * _width(head) + marks]


def _field_text(node: Node, finding: Finding) -> str:
    if finding.field == "result":
        para = node.result[finding.paragraph]
        return (para.literal or "") + para.text if finding.on_marker else para.text
    return node.title


def _where(finding: Finding) -> str:
    if finding.field == "result":
        return f"{_FIELD_NAMES['result']}第 {finding.paragraph + 1} 段"
    return _FIELD_NAMES[finding.field]


def findings_text(report: Report, findings: Sequence[Finding]) -> str:
    """Findings grouped by criterion row, each with its line quoted and the problem marked."""
    nodes = report.node_index()
    lines: list[str] = []
    for node_id, group in groupby(findings, key=lambda f: f.node_id):
        node = nodes[node_id]
        lines.append(_heading(report, node))
        for f in group:
            fix = f"　建議：{'／'.join(s or '（刪除）' for s in f.suggestions)}" if f.suggestions else ""
            lines.append(f"  [{f.severity.label}] {f.rule} {_where(f)}：{f.message}{fix}")
            shown = replace(f, end=len(f.text)) if f.on_marker else f
            lines.extend(_quote(_field_text(node, f), shown))
        lines.append("")
    return "\n".join(lines)


def summary_line(findings: Sequence[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return f"錯誤 {counts['error']} 個，警告 {counts['warning']} 個，提示 {counts['info']} 個。"


def fixes_diff(report: Report, values: dict[FieldKey, object]) -> str:
    """What the fixes change, as -/+ lines per field, grouped by criterion row."""
    nodes = report.node_index()
    lines: list[str] = []
    for (node_id, field), value in values.items():
        node = nodes[node_id]
        if field == "title":
            before, after = [node.title], [str(value)]
        else:
            before = render_paragraphs(node.result)
            after = render_paragraphs(value)  # type: ignore[arg-type]
        name = "參考標準" if field == "title" and node.kind is NodeKind.STANDARD else _FIELD_NAMES[field]
        lines.append(f"{_heading(report, node)}（{name}）")
        for line in difflib.ndiff(before, after):
            if line[:1] in "-+":
                lines.append(line)
        lines.append("")
    return "\n".join(lines)
