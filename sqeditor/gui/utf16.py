"""Offsets between Python code points and Qt's UTF-16 units.

Python counts a character beyond U+FFFF (𠀋, in names) as one; QTextCursor and QTextLayout
count it as two. Every conversion in the GUI goes through these two functions.
"""

_ASTRAL = "\U00010000"


def _has_astral(text: str) -> bool:
    return bool(text) and max(text) >= _ASTRAL


def to_utf16(text: str, index: int) -> int:
    """Qt position of code-point offset ``index`` in ``text``."""
    head = text[:index]
    if not _has_astral(head):
        return len(head)
    return len(head) + sum(1 for ch in head if ch >= _ASTRAL)


def from_utf16(text: str, position: int) -> int:
    """Code-point offset of Qt position ``position`` in ``text`` (a split pair counts whole)."""
    if not _has_astral(text):
        return min(position, len(text))
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ch >= _ASTRAL else 1
    return len(text)
