"""Shared steps of the merge tests: a report with units assigned, split, and content compared."""

from __future__ import annotations

import json
from pathlib import Path

from sqeditor.merge import split_drafts
from sqeditor.model import Report
from sqeditor.store import ReportStore, codec
from sqeditor.store.merge_records import merged_drafts, open_conflicts

UNITS = ["秘書室", "資訊室", "企劃組", "人事室"]


def assign_units(report: Report, units: list[str] = UNITS) -> Report:
    """Rows handed out in turn, as a coordinator would before splitting."""
    for index, row in enumerate(report.rows()):
        row.unit = units[index % len(units)]
    report.units = list(dict.fromkeys([*report.units, *units]))
    return report


def make_split(tmp: Path, report: Report, units: list[str]) -> tuple[ReportStore, list[Path]]:
    store = ReportStore.create(tmp / "report.sqreport", report, user="協調人")
    out = tmp / "drafts"
    out.mkdir()
    return store, split_drafts(store, units, out)


def content(store: ReportStore) -> str:
    """Everything a merge may change, without who/when stamps: equal content, equal text."""
    report = store.load()

    def node(n) -> list:
        return [n.id, str(n.kind), n.title, codec.encode_result(n.result), n.unit, str(n.status),
                n.comment, [node(c) for c in n.children]]

    conflicts = sorted((c.node_id, c.field, c.mine or "", c.theirs or "") for c in open_conflicts(store))
    merged = sorted(merged_drafts(store))
    return json.dumps([[node(s) for s in report.sections], report.units, sorted(report.dictionary),
                       conflicts, merged], ensure_ascii=False)
