"""A row's result through its successive versions, as Word's tracked changes see it (no XML).

The result's paragraphs are one text joined by line breaks, each break standing for a paragraph
mark. Every version after the first is compared with the text visible before it, character by
character (Chinese has no words to compare): characters it drops are marked deleted by its
author, characters it adds inserted by its author. A character one author inserted and the same
author later dropped is simply gone, as in Word. Cut at the marks, the characters give the
paragraphs Word shows with changes displayed; accepting every change gives the last version,
rejecting every change the first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from sqeditor.model.last_period import similarity

MARK = "\n"  # a paragraph mark in the joined text
_FOLDED = 2  # equal stretches at most this long between two changes read as part of them
PAIRED = 0.6  # paragraphs this alike are one paragraph edited; less alike, one out and one in


@dataclass(frozen=True)
class Revision:
    """Who made a change and when: a revision's w:author and w:date."""

    author: str
    at: datetime


@dataclass(frozen=True)
class Version:
    """A result's paragraph texts after a change (``by`` None: the text the changes start from)."""

    paragraphs: tuple[str, ...]
    by: Revision | None = None


@dataclass
class Piece:
    """Consecutive characters with the same story: inserted by, deleted by (None: neither)."""

    text: str
    inserted: Revision | None = None
    deleted: Revision | None = None


@dataclass
class ShownParagraph:
    """A paragraph as Word shows it with changes displayed.

    ``mark_inserted``/``mark_deleted`` tell what happened to the mark that ends it (the cell's
    last paragraph's mark is never tracked). ``index`` is the paragraph of the last version it
    becomes part of when every change is accepted.
    """

    pieces: list[Piece] = field(default_factory=list)
    mark_inserted: Revision | None = None
    mark_deleted: Revision | None = None
    index: int = 0

    @property
    def visible(self) -> str:
        """Its text once every change is accepted."""
        return "".join(p.text for p in self.pieces if p.deleted is None)

    @property
    def all_deleted(self) -> bool:
        return all(p.deleted is not None for p in self.pieces)


@dataclass
class _Char:
    char: str
    inserted: Revision | None = None
    deleted: Revision | None = None


def tracked_paragraphs(versions: Sequence[Version]) -> list[ShownParagraph]:
    """The paragraphs, with their changes, that take the first version to the last."""
    if not versions:
        return [ShownParagraph()]
    chars = [_Char(c) for c in MARK.join(versions[0].paragraphs)]
    for version in versions[1:]:
        chars = _apply(chars, MARK.join(version.paragraphs), version.by or Revision("", datetime.now()))
    return _paragraphs(chars)


def changed(versions: Sequence[Version]) -> bool:
    """Whether the last version reads otherwise than the first."""
    return len(versions) > 1 and versions[0].paragraphs != versions[-1].paragraphs


def _apply(chars: list[_Char], new: str, by: Revision) -> list[_Char]:
    visible = [i for i, c in enumerate(chars) if c.deleted is None]
    old = "".join(chars[i].char for i in visible)
    out: list[_Char] = []
    taken = 0  # chars[:taken] are copied to out

    def copy_until(index: int) -> None:
        nonlocal taken
        out.extend(chars[taken:index])
        taken = index

    for tag, i1, i2, j1, j2 in paragraph_opcodes(old, new):
        if tag == "equal":
            continue
        start = visible[i1] if i1 < len(visible) else len(chars)
        copy_until(start)
        for index in visible[i1:i2]:
            copy_until(index)
            char = chars[index]
            taken = index + 1
            if char.inserted is not None and char.inserted.author == by.author:
                continue  # inserted and dropped again by the same author: never there
            out.append(_Char(char.char, char.inserted, by))
        out.extend(_Char(c, by) for c in new[j1:j2])
    copy_until(len(chars))
    return out


Opcode = tuple[str, int, int, int, int]  # (tag, old start, old end, new start, new end)


def paragraph_opcodes(old: str, new: str) -> list[Opcode]:
    """Differences between two results paragraph by paragraph: paragraphs kept or alike
    enough to be one paragraph edited are compared character by character; others are one
    paragraph out and one in, whole. Each paragraph after the first carries the mark before it."""
    old_units, new_units = _units(old), _units(new)
    old_texts, new_texts = [u.lstrip(MARK) for u in old_units], [u.lstrip(MARK) for u in new_units]
    old_at, new_at = _starts(old_units), _starts(new_units)
    out: list[Opcode] = []
    for kind, i, j in _aligned(old_texts, new_texts):
        if kind == "pair":
            out += [(tag, old_at[i] + a, old_at[i] + b, new_at[j] + c, new_at[j] + d)
                    for tag, a, b, c, d in _readable_opcodes(old_units[i], new_units[j])]
        elif kind == "delete":
            out.append(("delete", old_at[i], old_at[i + 1], new_at[j], new_at[j]))
        else:
            out.append(("insert", old_at[i], old_at[i], new_at[j], new_at[j + 1]))
    return out


def _units(text: str) -> list[str]:
    paragraphs = text.split(MARK)
    return [paragraphs[0]] + [MARK + p for p in paragraphs[1:]]


def _starts(units: list[str]) -> list[int]:
    """Where each unit starts, and the end of the text last."""
    starts = [0]
    for unit in units:
        starts.append(starts[-1] + len(unit))
    return starts


def _aligned(old: list[str], new: list[str]) -> Iterator[tuple[str, int, int]]:
    """('pair', i, j), ('delete', i, j) and ('insert', i, j) in reading order, i and j the
    next paragraphs on each side: equal paragraphs pair, and within a changed stretch a
    paragraph pairs with the next one on the other side when they are alike enough."""
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("pair", i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        i, j = i1, j1
        while i < i2 or j < j2:
            if i < i2 and j < j2 and similarity(old[i], new[j]) >= PAIRED:
                yield "pair", i, j
                i, j = i + 1, j + 1
            elif i < i2:
                yield "delete", i, j
                i += 1
            else:
                yield "insert", i, j
                j += 1


def _readable_opcodes(old: str, new: str) -> list[Opcode]:
    """Character differences (the longest common subsequence, computed by rapidfuzz in C++:
    difflib took seconds for 200 rows), each change slid as far right as it can go, so that an
    added paragraph reads as its mark and text added after the last one, not as the last one's
    「。」 added; and a stretch of one or two characters left equal between two changes folded
    into them: a paragraph rewritten reads as old text out and new text in, not as the same
    「申」 and 「。」 kept among scraps. A paragraph mark is never folded."""
    out: list[Opcode] = []
    ops = _slid([[op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end]
                 for op in Indel.opcodes(old, new)], old, new)
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        between = 0 < index < len(ops) - 1 and i2 - i1 <= _FOLDED and MARK not in old[i1:i2]
        if tag == "equal" and not between:
            out.append((tag, i1, i2, j1, j2))
        elif out and out[-1][0] != "equal":
            out[-1] = ("replace", out[-1][1], i2, out[-1][3], j2)
        else:
            out.append(("replace", i1, i2, j1, j2))
    return out


def _slid(ops: list[list], old: str, new: str) -> list[Opcode]:
    """Each insertion or deletion between two equal stretches moved to where it reads best:
    the same text can be cut elsewhere while the characters on either side repeat it.
    Whole paragraphs (from just after a mark to a mark) are preferred, then a change starting
    with a mark, then the leftmost place."""
    for index in range(1, len(ops) - 1):
        before, op, after = ops[index - 1], ops[index], ops[index + 1]
        if before[0] != "equal" or after[0] != "equal" or op[0] not in ("insert", "delete"):
            continue
        text, start, end = (new, op[3], op[4]) if op[0] == "insert" else (old, op[1], op[2])
        left = right = 0
        while left < before[2] - before[1] and text[start - left - 1] == text[end - left - 1]:
            left += 1
        while right < after[2] - after[1] and text[start + right] == text[end + right]:
            right += 1
        best = max(range(-left, right + 1), key=lambda k: (_boundary_score(text, start + k, end + k), -k))
        for item, step in ((before, (0, 1, 0, 1)), (op, (1, 1, 1, 1)), (after, (1, 0, 1, 0))):
            item[1:] = [v + s * best for v, s in zip(item[1:], step, strict=True)]
    return [tuple(op) for op in ops if op[0] != "equal" or op[2] > op[1]]


def _boundary_score(text: str, start: int, end: int) -> int:
    after_mark = start == 0 or text[start - 1] == MARK
    return 2 * after_mark + 2 * (text[end - 1] == MARK) + (text[start] == MARK)


def _paragraphs(chars: list[_Char]) -> list[ShownParagraph]:
    paragraphs = [ShownParagraph()]
    index = 0
    for char in chars:
        current = paragraphs[-1]
        if char.char == MARK:
            current.mark_inserted, current.mark_deleted = char.inserted, char.deleted
            if char.deleted is None:
                index += 1
            paragraphs.append(ShownParagraph(index=index))
            continue
        last = current.pieces[-1] if current.pieces else None
        if last is not None and (last.inserted, last.deleted) == (char.inserted, char.deleted):
            last.text += char.char
        else:
            current.pieces.append(Piece(char.char, char.inserted, char.deleted))
    return paragraphs
