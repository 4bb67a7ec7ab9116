"""A large report for benchmarks: the sample's structure repeated to N rows of ~400 characters."""

from __future__ import annotations

import copy
import itertools

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.model import Node, Paragraph, Report, Status
from sqeditor.model.report import new_id

FILLER = ("本局持續檢討申辦流程，簡化書表並推動線上申辦，提升民眾洽公便利性與服務品質，"
          "並定期召開會議追蹤辦理情形，確保各項措施如期完成。")


def _reidentify(node: Node) -> None:
    for n in node.walk():
        n.id = new_id()


def build_large_report(rows: int = 2000, chars: int = 400, units: int = 12) -> Report:
    """The sample's sections repeated until the report has `rows` standard rows."""
    sample = builtin_sample()
    report = Report(meta=sample.meta, units=[f"第{i + 1}組" for i in range(units)])
    count = 0
    for copy_index in itertools.count():
        for section in sample.sections:
            clone = copy.deepcopy(section)
            _reidentify(clone)
            clone.title = f"{clone.title}（{copy_index + 1}）"
            for row in list(clone.rows()):
                if count >= rows:
                    _drop(clone, row)
                    continue
                row.result = _result(chars, count)
                row.unit = report.units[count % units]
                row.status = list(Status)[count % 4]
                count += 1
            if any(True for _ in clone.rows()):
                report.sections.append(clone)
            if count >= rows:
                return report
    raise AssertionError("unreachable")


def _result(chars: int, seed: int) -> list[Paragraph]:
    paragraphs = []
    remaining = chars
    number = 0
    while remaining > 0:
        text = (f"{seed}-{number}" + FILLER * (1 + remaining // len(FILLER)))[:min(remaining, 120)]
        paragraphs.append(Paragraph(text, 1 if number % 3 else 0))
        remaining -= len(text)
        number += 1
    return paragraphs


def _drop(root: Node, row: Node) -> None:
    """Remove a row, and any item or indicator left without rows."""
    for node in list(root.walk()):
        if row in node.children:
            node.children.remove(row)
    for node in list(root.walk()):
        node.children = [c for c in node.children if any(True for _ in c.rows())]
