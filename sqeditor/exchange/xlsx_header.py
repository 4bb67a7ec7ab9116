"""Finding the header row of a criteria sheet: by its text, anywhere in the first rows."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from sqeditor.exchange.xlsx_columns import REQUIRED_COLUMNS, Column, column_for
from sqeditor.exchange.xlsx_grid import SheetGrid

HEADER_SEARCH_ROWS = 20


@dataclass
class Header:
    """Where the header is (0-based rows, inclusive) and which column holds what."""

    first_row: int
    last_row: int
    columns: dict[Column, int]
    problem: str = ""  # why this sheet cannot be imported, for the clerk
    matched: int = 0  # how many known columns the header names


def find_header(grid: SheetGrid) -> Header | None:
    """The header block: the row naming most known columns and the named rows touching it."""
    searched = range(min(HEADER_SEARCH_ROWS, len(grid.texts)))
    counts = [len(set(_names_in_row(grid, r).values())) for r in searched]
    best = max(counts, default=0)
    if best < 2:
        return None
    first = last = counts.index(best)
    while first > 0 and counts[first - 1] > 0:  # group titles above may be any text
        first -= 1
    while last + 1 < len(counts) and counts[last + 1] > 0 and _only_names(grid, last + 1):
        last += 1
    found: dict[int, Column] = {}
    for row in range(first, last + 1):
        found.update(_names_in_row(grid, row))  # the lowest row names a column last
    header = Header(first, last, {}, matched=len(set(found.values())))
    _assign_columns(grid, header, found)
    return header


def _only_names(grid: SheetGrid, row: int) -> bool:
    """A row below the header is part of it only if it holds nothing but column names."""
    return all(column_for(text) is not None or grid.is_continued(row, col)
               for col, text in enumerate(grid.texts[row]) if text)


def _names_in_row(grid: SheetGrid, row: int) -> dict[int, Column]:
    names = {}
    for col, text in enumerate(grid.texts[row]):
        if text and not grid.is_continued_across(row, col):
            column = column_for(text)
            if column is not None:
                names[col] = column
    return names


def _assign_columns(grid: SheetGrid, header: Header, found: dict[int, Column]) -> None:
    where = f"工作表「{grid.name}」第 {header.last_row + 1} 列的標題列"
    for column in Column:
        places = [c for c, name in found.items() if name is column]
        visible = [c for c in places if c not in grid.hidden_columns] or places
        if len(visible) > 1:
            letters = "、".join(get_column_letter(c + 1) for c in visible)
            header.problem = header.problem or (
                f"{where}有 {len(visible)} 欄都是「{column}」（{letters} 欄），請只留一欄。")
        if visible:
            header.columns[column] = visible[0]
    missing = [c for c in REQUIRED_COLUMNS if c not in header.columns and c is not Column.SECTION]
    if missing and not header.problem:
        have = "、".join(f"{get_column_letter(c + 1)} 欄「{found[c]}」" for c in sorted(found))
        header.problem = f"{where}缺少「{'」「'.join(missing)}」欄（找到的欄：{have}）。"
