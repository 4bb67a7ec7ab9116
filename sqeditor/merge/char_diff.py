"""Character-level differences between two texts: Chinese has no spaces to diff words on."""

from __future__ import annotations

from difflib import SequenceMatcher

Span = tuple[int, int]  # code-point offsets [start, end)


def char_spans(mine: str, theirs: str) -> tuple[list[Span], list[Span]]:
    """Ranges only in mine (deleted or replaced) and only in theirs (inserted or replaced)."""
    matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
    only_mine: list[Span] = []
    only_theirs: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            only_mine.append((i1, i2))
        if tag in ("replace", "insert"):
            only_theirs.append((j1, j2))
    return only_mine, only_theirs
