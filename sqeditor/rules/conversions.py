"""The fixes a pattern computes from what it matched (named by `convert` in the packs)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from sqeditor.chinese_text import FULL_WIDTH

_FULLWIDTH = str.maketrans(FULL_WIDTH)
_CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                   "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
_DATE = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")


def fullwidth(text: str) -> str:
    """', ' → '，': half-width punctuation (and the spaces around it) as full-width."""
    return text.strip(" \t").translate(_FULLWIDTH)


def halfwidth(text: str) -> str:
    """'９２．３％' → '92.3%'."""
    return unicodedata.normalize("NFKC", text)


def chinese_number(text: str) -> int:
    """'十二' → 12, '一百二十' → 120, '三千' → 3000 (below 10,000)."""
    total, digit = 0, None
    for char in text:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _CHINESE_UNITS[char]
            digit = None
    return total + (digit or 0)


def arabic(text: str) -> str:
    return str(chinese_number(text))


_NUMERAL_RUN = re.compile("[零〇○0一二兩三四五六七八九十百千][零〇○0一二兩三四五六七八九十百千.．]*")
_DIGIT_CHARS = str.maketrans("零〇○一二兩三四五六七八九．", "0001223456789.")


def _numeral_run(run: str) -> str:
    if any(unit in run for unit in "十百千"):
        return str(chinese_number(run.replace("〇", "零").replace("○", "零")))
    return run.translate(_DIGIT_CHARS)  # written digit by digit: 一〇五, 一0.四三四


def arabic_numerals(text: str) -> str:
    """'八十六年九月三十日' → '86年9月30日'; '一0.四三四平方公里' → '10.434平方公里'.

    A run with 十百千 is read as a number; any other run is read one digit at a time."""
    return _NUMERAL_RUN.sub(lambda m: _numeral_run(m.group()), text)


def thousands(text: str) -> str:
    """'13510' → '13,510'."""
    return f"{int(text):,}"


def roc_date(text: str) -> str:
    """'2021/12/10' → '110年12月10日'."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(g) for g in match.groups())
    return f"{year - 1911}年{month}月{day}日"


CONVERSIONS: dict[str, Callable[[str], str]] = {
    "fullwidth": fullwidth, "halfwidth": halfwidth, "arabic": arabic,
    "arabic_numerals": arabic_numerals,
    "thousands": thousands, "roc_date": roc_date,
}
