"""Text as sqeditor writes it into .xlsx cells: one way for every workbook it makes.

Every text goes in as a string cell, never a formula, link or number, so a unit, file name or
title beginning with = + - @ stays text in Excel. What XML cannot hold is dropped and line
ends become line feeds. A text longer than a cell holds is never cut silently: the export
splits results over continuation cells (`split_for_cells`), anything else is refused.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from sqeditor.atomic_output import atomic_output
from sqeditor.errors import SqeditorError
from sqeditor.exchange.xml_text import xml_text

MAX_CELL_UNITS = 32767  # Excel's limit per cell, counted in UTF-16 code units
# A cell continuing the line of the cell above starts with this (a cut inside a line); a cell
# continuing after a line break starts with the next line itself.
CONTINUED_MARK = "（續上格）"
# Never convert text to anything else, whichever `write` method a caller uses; parts assembled in
# memory, so no temporary files holding report text are left behind if the program is killed.
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                    "in_memory": True}

_RICH_LOOKING = ("<r>", "</r>")  # XlsxWriter passes such a string through as rich-text XML


def new_workbook(path: Path) -> xlsxwriter.Workbook:
    """A workbook that writes text as text, saved to `path` by `save_workbook`."""
    return xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)


def save_workbook(book: xlsxwriter.Workbook) -> None:
    """Zip the workbook in memory, then write it in one go: XlsxWriter leaves its zip open when
    a write fails (a full disk), and Windows cannot delete a file still open."""
    target, buffer = Path(book.filename), io.BytesIO()
    book.filename = buffer
    book.close()
    target.write_bytes(buffer.getbuffer())


def clean(text: str) -> str:
    """Without what XML cannot hold (`xml_text`), CR LF and CR as LF: Excel and openpyxl read a
    CR differently."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return xml_text(text)


def cell_units(text: str) -> int:
    """Length as Excel counts it: characters beyond U+FFFF take two UTF-16 units."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def write_cell_text(ws: Worksheet, row: int, col: int, text: str, cell_format: Format | None = None) -> None:
    """A cleaned text as a string cell (0-based row and column); an empty one as a blank cell."""
    text = clean(text)
    if not text:
        ws.write_blank(row, col, None, cell_format)
        return
    if len(text) > MAX_CELL_UNITS // 2 and cell_units(text) > MAX_CELL_UNITS:  # at most 2 units a character
        raise SqeditorError(f"「{text[:20]}…」有 {len(text):,} 字，超過 Excel 一格的上限 "
                            f"{MAX_CELL_UNITS:,} 字，無法寫入活頁簿。")
    if text.startswith(_RICH_LOOKING[0]) and text.endswith(_RICH_LOOKING[1]):
        formats = () if cell_format is None else (cell_format,)  # a None would be taken for a fragment
        ws.write_rich_string(row, col, text[:1], text[1:3], text[3:], *formats)
    else:
        ws.write_string(row, col, text, cell_format)


def split_for_cells(text: str, limit: int = MAX_CELL_UNITS) -> list[str]:
    """A cleaned text in pieces that each fit a cell, cut after a line break where one is near;
    a piece cut inside a line starts the next with `CONTINUED_MARK`, as the importer expects."""
    pieces: list[str] = []
    rest = clean(text)
    while cell_units(rest) > limit:
        room = limit - len(CONTINUED_MARK)
        head = _fitting_prefix(rest, room)
        newline = head.rfind("\n")
        # A next line that itself begins with the mark is cut inside a line, so the mark is ours.
        if newline >= len(head) // 2 and not rest.startswith(CONTINUED_MARK, newline + 1):
            pieces.append(head[:newline])
            rest = rest[newline + 1:]
        else:
            cut = _cut_inside_line(rest, len(head))
            pieces.append(head[:cut])
            rest = CONTINUED_MARK + rest[cut:]
    pieces.append(rest)
    return pieces


def _fitting_prefix(text: str, units: int) -> str:
    """The longest start of `text` within `units` UTF-16 units, never half a character."""
    head = text[:units]
    while cell_units(head) > units:
        head = head[:len(head) - (cell_units(head) - units)]
    return head


def _cut_inside_line(text: str, end: int) -> int:
    """Where to cut a too-long line at or before `end`: not beside white space, which the
    importer strips from each cell's lines."""
    cut = end
    while cut > end // 2 and (text[cut - 1].isspace() or text[cut].isspace()):
        cut -= 1
    return cut


def write_text_table(path: Path, sheet_name: str, lines: Sequence[Sequence[str]],
                     widths: Sequence[float]) -> None:
    """One sheet of text lines (the first a header), written through `atomic_output`."""
    with atomic_output(path) as tmp:
        book = new_workbook(tmp)
        sheet = book.add_worksheet(sheet_name)
        for row, line in enumerate(lines):
            for col, text in enumerate(line):
                write_cell_text(sheet, row, col, text)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        save_workbook(book)
