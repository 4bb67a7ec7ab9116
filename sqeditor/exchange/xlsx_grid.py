"""A worksheet as a grid of cell texts, with merged ranges filled in and hidden columns known."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import IO, Protocol
from zipfile import ZipFile

from lxml import etree
from openpyxl.utils import get_column_letter, range_boundaries

MAX_COLUMNS = 60  # criteria sheets have under 10; the rest is formatting run off to the right
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class StreamedSheet(Protocol):
    """What is read of an openpyxl read-only worksheet."""

    title: str
    sheet_state: str

    def reset_dimensions(self) -> None: ...

    def iter_rows(self, *, values_only: bool) -> Iterator[tuple[object, ...]]: ...


@dataclass
class SheetGrid:
    """Cell texts by 0-based (row, column); sheet row = index + 1."""

    name: str
    texts: list[list[str]]
    origins: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    hidden_columns: set[int] = field(default_factory=set)

    def text(self, row: int, col: int) -> str:
        line = self.texts[row]
        return line[col] if col < len(line) else ""

    def is_continued(self, row: int, col: int) -> bool:
        """Inside a merged range but not its top-left cell (its text is the top-left's)."""
        return (row, col) in self.origins

    def is_continued_across(self, row: int, col: int) -> bool:
        """Continued from a cell to its left in the same row (a horizontal merge)."""
        origin = self.origins.get((row, col))
        return origin is not None and origin[0] == row

    def is_continued_down(self, row: int, col: int) -> bool:
        origin = self.origins.get((row, col))
        return origin is not None and origin[0] != row

    def place(self, row: int, col: int) -> str:
        """'第 12 列 C 欄' for messages."""
        return f"第 {row + 1} 列 {get_column_letter(col + 1)} 欄"


def cell_text(value: object) -> str:
    """A cell value as the text a clerk sees: 110 not 110.0, dates without midnight."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def read_grid(ws: StreamedSheet, layout: IO[bytes]) -> SheetGrid:
    """The sheet's texts up to its last non-empty row, then its merged ranges and hidden columns.

    Read-only (streaming) worksheets: a normal openpyxl load restyles every merged range's edge
    cells and took 14 s for a 2,000-row export; streaming the values and reading the few layout
    elements ourselves (from `layout`, the sheet's part in the package) takes a fraction of a second.
    """
    ws.reset_dimensions()  # the stored dimensions may be wrong; read what is there
    texts: list[list[str]] = []
    blank_rows = 0  # held back, so formatting run down to row 1,048,576 costs no memory
    for values in ws.iter_rows(values_only=True):
        line = [cell_text(v) for v in values[:MAX_COLUMNS]]
        if not any(line):
            blank_rows += 1
            continue
        texts.extend([] for _ in range(blank_rows))
        blank_rows = 0
        texts.append(line)
    width = max((len(line) for line in texts), default=0)
    for line in texts:
        line.extend([""] * (width - len(line)))
    grid = SheetGrid(name=ws.title, texts=texts)
    merges, grid.hidden_columns = _read_layout(layout)
    for ref in merges:
        left, top, right, bottom = range_boundaries(ref)
        _fill_merge(grid, top - 1, left - 1, min(bottom, len(texts)) - 1, min(right, width) - 1)
    return grid


def sheet_parts(archive: ZipFile) -> dict[str, str]:
    """Each sheet's title and the name of its part in the package, as xl/workbook.xml and its
    relationships give them (openpyxl's read-only sheets do not tell)."""
    targets = {rel.get("Id"): rel.get("Target", "")
               for rel in _parse(archive.read("xl/_rels/workbook.xml.rels"))}
    parts = {}
    for sheet in _parse(archive.read("xl/workbook.xml")).iter("{*}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP_ID), "")
        part = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        parts[sheet.get("name", "")] = part
    return parts


def _parse(xml: bytes) -> etree._Element:
    """A package part (DOCTYPEs were refused before): no entities, nothing fetched."""
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))


def _read_layout(source: IO[bytes]) -> tuple[list[str], set[int]]:
    """Merged ranges and hidden columns from the sheet XML (DOCTYPEs were refused before)."""
    merges: list[str] = []
    hidden: set[int] = set()
    for _, element in etree.iterparse(source, tag=("{*}mergeCell", "{*}col"), resolve_entities=False,
                                      no_network=True):
        if element.tag.endswith("mergeCell") and element.get("ref"):
            merges.append(element.get("ref"))
        elif element.get("hidden") in ("1", "true"):
            hidden.update(range(int(element.get("min")) - 1, int(element.get("max"))))
        element.clear()
    return merges, hidden


def _fill_merge(grid: SheetGrid, top: int, left: int, bottom: int, right: int) -> None:
    if top >= len(grid.texts) or left >= len(grid.texts[top]):
        return
    value = grid.text(top, left)
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            if (row, col) != (top, left):
                grid.texts[row][col] = value
                grid.origins[(row, col)] = (top, left)
