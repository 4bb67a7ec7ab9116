"""The report's unit list as a clerk changes it: each change one step, the rows following it."""

from __future__ import annotations

from collections.abc import Iterable

from sqeditor.errors import SqeditorError
from sqeditor.model import Node, Report
from sqeditor.model.new_period import units_of
from sqeditor.store.edits import Edit, FieldEdit, SettingEdit


class UnitError(SqeditorError):
    """A unit change that would leave the list or the rows wrong; nothing is changed."""


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise UnitError("請輸入單位名稱。")
    return name


def rows_of_unit(report: Report, unit: str) -> list[Node]:
    return [row for row in report.rows() if row.unit == unit]


def add_unit(report: Report, text: str) -> list[Edit]:
    name = _name(text)
    if name in units_of(report):
        raise UnitError(f"「{name}」已在單位清單中。")
    return [SettingEdit("unit", name, True)]


def rename_unit(report: Report, old: str, text: str) -> list[Edit]:
    """The unit takes its new name on every row it holds."""
    name = _name(text)
    if name == old:
        return []
    if name in units_of(report):
        raise UnitError(f"「{name}」已在單位清單中；要把兩個單位合而為一，請用「合併」。")
    return [SettingEdit("unit", old, False), SettingEdit("unit", name, True),
            *(FieldEdit(row.id, "unit", name) for row in rows_of_unit(report, old))]


def merge_units(report: Report, gone: str, kept: str) -> list[Edit]:
    """`gone`'s rows become `kept`'s and `gone` leaves the list (a typo folded into the real name)."""
    if gone == kept:
        raise UnitError("請選兩個不同的單位合併。")
    return [*(FieldEdit(row.id, "unit", kept) for row in rows_of_unit(report, gone)),
            SettingEdit("unit", gone, False)]


def remove_unit(report: Report, unit: str) -> list[Edit]:
    used = len(rows_of_unit(report, unit))
    if used:
        raise UnitError(f"「{unit}」還是 {used} 列的承辦單位，請先把這些列改給別的單位，或與另一個單位合併。")
    return [SettingEdit("unit", unit, False)]


def assign_unit(report: Report, nodes: Iterable[Node], text: str) -> list[Edit]:
    """Every row at or under the given nodes gets the unit (it joins the list if new)."""
    name = _name(text)
    edits: list[Edit] = []
    seen: set[str] = set()
    for node in nodes:
        for row in node.rows():
            if row.id not in seen and row.unit != name:
                seen.add(row.id)
                edits.append(FieldEdit(row.id, "unit", name))
    if name not in units_of(report):
        edits.insert(0, SettingEdit("unit", name, True))
    return edits

