"""Column names of criteria sheets: what the export writes and the header texts import accepts."""

from __future__ import annotations

import re
from enum import StrEnum


class Column(StrEnum):
    """A column the importer understands; the value is the official header text."""

    SECTION = "構面"
    ITEM = "評核項目"
    INDICATOR = "評核指標"
    STANDARD = "次評核指標/參考標準"
    RESULT = "評核結果說明"
    UNIT = "承辦單位"
    STATUS = "狀態"


# Columns 1-4 of the official table; 構面 is a full-width row there, not a column.
OFFICIAL_COLUMNS = [Column.ITEM, Column.INDICATOR, Column.STANDARD, Column.RESULT]
REQUIRED_COLUMNS = [Column.SECTION, Column.ITEM, Column.INDICATOR, Column.STANDARD]
UNFILLED_MARK = "（未填）"

_ALIASES: dict[Column, tuple[str, ...]] = {
    Column.SECTION: ("構面", "構面名稱"),
    Column.ITEM: ("評核項目", "項目"),
    Column.INDICATOR: ("評核指標", "指標"),
    Column.STANDARD: ("次評核指標/參考標準", "次評核指標", "參考標準", "次評核指標及參考標準",
                      "次評核指標參考標準",
                      "次評核指標/評核參考標準", "次評核指標或參考標準"),
    Column.RESULT: ("評核結果說明", "評核結果", "結果說明", "辦理情形", "辦理情形說明"),
    Column.UNIT: ("承辦單位", "負責單位", "主辦單位", "填報單位", "單位"),
    Column.STATUS: ("狀態", "填寫狀態", "辦理狀態"),
}
_BY_TEXT = {alias: column for column, aliases in _ALIASES.items() for alias in aliases}
# Header cells carry notes in brackets, required-field stars, spaces and line breaks
# (「次評核指標」 and 「參考標準」 on two lines of one cell, without the slash, too).
_NOISE = re.compile(r"[(（][^)）]*[)）]|[\s\u3000*＊:：]")


def normalise_header(text: str) -> str:
    """Header text as compared: no spaces, line breaks, stars or bracketed notes; '／' is '/'."""
    return _NOISE.sub("", text).replace("／", "/")


def column_for(text: str) -> Column | None:
    """The column a header cell names, or None for any other text."""
    return _BY_TEXT.get(normalise_header(text))
