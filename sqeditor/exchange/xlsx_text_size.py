"""How tall a wrapped cell is: Excel ignores merged cells when it fits rows, and LibreOffice's
converter does not fit them at all, so the export writes each row's height itself."""

from __future__ import annotations

POINTS_PER_LINE = 16.5  # 12 pt text, single spacing
PADDING_POINTS = 4
MAX_ROW_POINTS = 409  # Excel's tallest row
# A column of width w (in '0's of the default font, ~7 px) holds about 0.85 w half-width
# characters of 12 pt text (8 px each), leaving room for the cell margins and word wrap.
HALF_WIDTHS_PER_UNIT = 0.85


def display_width(text: str) -> int:
    """Width in half-width characters: Chinese characters and full-width punctuation count 2.

    They are the characters that take three bytes in UTF-8, so the byte count tells without
    looking at each character (100 times faster than `unicodedata.east_asian_width`).
    """
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def wrapped_lines(text: str, column_width: float) -> int:
    """Lines the text takes in a wrapped cell of this Excel column width."""
    per_line = max(1, int(column_width * HALF_WIDTHS_PER_UNIT))
    # -(-a // b) is ceil(a / b) in integers; an empty line still takes one.
    return sum(max(1, -(-display_width(line) // per_line)) for line in text.split("\n"))


def height_for(lines: int) -> float:
    """Row height in points for this many lines of 12 pt text, as tall as Excel allows at most."""
    return min(MAX_ROW_POINTS, lines * POINTS_PER_LINE + PADDING_POINTS)
