"""ROC (民國) dates: year 1 is 1912."""

import re
from datetime import date

ROC_OFFSET = 1911
_ROC_PATTERN = re.compile(r"^\s*(?:民國)?\s*(\d{2,3})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_roc_date(text: str) -> date:
    """Read '110-12-10', '110/12/10' or '110年12月10日' (spaces allowed) as a date."""
    match = _ROC_PATTERN.match(text)
    if not match:
        raise ValueError(f"not an ROC date: {text!r}")
    year, month, day = (int(g) for g in match.groups())
    return date(year + ROC_OFFSET, month, day)


def format_roc_date(value: date, *, spaced: bool = False) -> str:
    """'110年12月10日' (official text) or '110 年 12 月 10 日' (screen)."""
    year = value.year - ROC_OFFSET
    if spaced:
        return f"{year} 年 {value.month} 月 {value.day} 日"
    return f"{year}年{value.month}月{value.day}日"


def roc_iso(value: date) -> str:
    """'110-12-10': the compact form used in files."""
    return f"{value.year - ROC_OFFSET}-{value.month:02d}-{value.day:02d}"
