"""Applying safe suggestions across a report, as new field values a store edit can set."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from sqeditor.model import Node, Paragraph, Report
from sqeditor.rules.engine import Checker, apply_suggestion, apply_to_paragraphs
from sqeditor.rules.finding import Finding

FieldKey = tuple[str, str]  # (node id, 'title' or 'result')


# What text pasted from a web page or PDF gets wrong: half-width punctuation, stray spaces,
# full-width digits, a space after a thousands comma.
PASTE_RULES = frozenset({"R1", "R7", "R8", "R9"})


def clean_pasted(text: str, check: Callable[[str], Sequence[Finding]], max_passes: int = 4) -> str:
    """A pasted line with the safe fixes of PASTE_RULES applied (貼上並清理).

    ``check`` is the report's paragraph checker, so rules the report disabled stay off."""
    for _ in range(max_passes):
        todo = [f for f in check(text) if f.rule in PASTE_RULES and f.safe and f.suggestions]
        fixed = _apply_all(text, todo)
        if fixed == text:
            break
        text = fixed
    return text


def fixable(findings: list[Finding], rules: Collection[str] = ()) -> list[Finding]:
    """Findings whose first suggestion is safe, of the given rules (all rules when empty)."""
    return [f for f in findings if f.safe and f.suggestions and (not rules or f.rule in rules)]


def plan_fixes(report: Report, checker: Checker, rules: Collection[str] = (),
               max_passes: int = 4) -> dict[FieldKey, object]:
    """New values of the fields that applying safe suggestions changes.

    Fixes are applied and the report rechecked until nothing is left to fix, because one fix
    can reveal another (a full-width parenthesis next to a space that was not beside one).
    """
    work = copy.deepcopy(report)
    nodes = work.node_index()
    changed: set[FieldKey] = set()
    for _ in range(max_passes):
        todo = fixable(checker.check_report(work), rules)
        by_node: dict[str, list[Finding]] = defaultdict(list)
        for finding in todo:
            by_node[finding.node_id].append(finding)
        progress = False
        for node_id, findings in by_node.items():
            progress |= _fix_node(nodes[node_id], findings, changed)
        if not progress:
            break
    original = report.node_index()
    values: dict[FieldKey, object] = {}
    for node_id, field in sorted(changed):
        node, before = nodes[node_id], original[node_id]
        if field == "title" and node.title != before.title:
            values[(node_id, field)] = node.title
        elif field == "result" and node.result != before.result:
            values[(node_id, field)] = list(node.result)
    return values


def apply_findings(report: Report, findings: list[Finding],
                   suggestion: str | None = None) -> dict[FieldKey, object]:
    """New field values with every finding fixed ("apply to all N in the report").

    Each finding gets ``suggestion`` when given, else its own first suggestion; findings that
    overlap one already applied in the same text are skipped.
    """
    if suggestion is not None:
        findings = [replace(f, suggestions=(suggestion,)) for f in findings]
    work = copy.deepcopy(report)
    nodes = work.node_index()
    changed: set[FieldKey] = set()
    by_node: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.suggestions:
            by_node[finding.node_id].append(finding)
    for node_id, node_findings in by_node.items():
        _fix_node(nodes[node_id], node_findings, changed)
    return {key: (nodes[key[0]].title if key[1] == "title" else list(nodes[key[0]].result))
            for key in sorted(changed)}


def _fix_node(node: Node, findings: list[Finding], changed: set[FieldKey]) -> bool:
    titles = [f for f in findings if f.field != "result"]
    new_title = _apply_all(node.title, titles)
    progress = new_title != node.title
    if progress:
        node.title = new_title
        changed.add((node.id, "title"))
    result = list(node.result)
    by_paragraph: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.field == "result":
            by_paragraph[finding.paragraph].append(finding)
    for index, paragraph_findings in by_paragraph.items():
        for finding in (f for f in paragraph_findings if f.on_marker):
            result = apply_to_paragraphs(result, finding, finding.suggestions[0])
        text = _apply_all(result[index].text, [f for f in paragraph_findings if not f.on_marker])
        result[index] = Paragraph(text, result[index].level, result[index].literal)
    if result != node.result:
        node.result = result
        changed.add((node.id, "result"))
        progress = True
    return progress


def _apply_all(text: str, findings: list[Finding]) -> str:
    """Apply first suggestions right to left, skipping any that overlap one already applied."""
    limit = len(text) + 1
    for finding in sorted(findings, key=lambda f: (f.start, f.end), reverse=True):
        if finding.end <= limit and (finding.end < limit or finding.start < finding.end):
            text = apply_suggestion(text, finding, finding.suggestions[0])
            limit = finding.start
    return text
