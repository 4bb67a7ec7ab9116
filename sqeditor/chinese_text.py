"""What the program counts as Chinese text, defined once for the rules and the editor.

The Han character ranges, the full-width punctuation, the half-width marks that have a
full-width form, and the one Simplified → Taiwan converter (OpenCC s2twp: Taiwan's characters
and words, e.g. 软件 → 軟體, 钚 → 鈽).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

Ranges = tuple[tuple[str, str], ...]

HAN_RANGES: Ranges = (
    ("\u3400", "\u4dbf"),  # Extension A
    ("\u4e00", "\u9fff"),  # Unified Ideographs
    ("\uf900", "\ufaff"),  # Compatibility Ideographs
    ("\U00020000", "\U0003ffff"),  # Extensions B and later (𠀋): planes 2 and 3 hold only Han
)
BOPOMOFO_RANGES: Ranges = (("\u3100", "\u312f"), ("\u31a0", "\u31bf"))
BOPOMOFO_TONES = "ˊˇˋ˙"  # 2nd to 5th tone; the 1st is typed as a space and has no mark
PUNCTUATION_RANGES: Ranges = (
    ("\u2014", "\u2014"),  # ——
    ("\u2026", "\u2026"),  # ……
    ("\u3001", "\u303f"),  # CJK punctuation: 、。「」『』〈〉《》【】 (not the ideographic space)
    ("\uff01", "\uff0f"),  # full-width ！＂＃…／
    ("\uff1a", "\uff20"),  # full-width ：；＜＝＞？＠
)
CHINESE_RANGES: Ranges = HAN_RANGES + BOPOMOFO_RANGES + PUNCTUATION_RANGES

# Half-width marks typed or pasted beside Chinese, with the full-width form official text uses.
FULL_WIDTH = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def char_class(ranges: Ranges) -> str:
    """The inside of a regular-expression class ``[...]`` matching these ranges."""
    return "".join(lo if lo == hi else f"{lo}-{hi}" for lo, hi in ranges)


def is_chinese(ch: str) -> bool:
    """True for a Han character, Bopomofo or a full-width punctuation mark."""
    return any(lo <= ch <= hi for lo, hi in CHINESE_RANGES)


_BOPOMOFO = re.compile(f"[{char_class(BOPOMOFO_RANGES)}{BOPOMOFO_TONES}]+")


def without_bopomofo(text: str) -> str:
    """Text without Bopomofo letters and tone marks: what an input method leaves of a half-typed
    syllable when it is made to commit (「中ㄨㄣ」 → 「中」)."""
    return _BOPOMOFO.sub("", text)


@cache
def _s2twp() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2twp").convert


def to_taiwan_traditional(text: str) -> str:
    """Simplified Chinese text in Taiwan's standard characters and words (OpenCC s2twp).

    Only for text known to be Simplified: on Traditional text it may change words.
    """
    return _s2twp()(text)
