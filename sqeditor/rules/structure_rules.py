"""Matchers over all paragraphs of one result: list numbering (R16) and list endings (L1)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqeditor.model import Paragraph
from sqeditor.model.numbering import STEMS, list_numbers, parse_paragraph, prefix_for
from sqeditor.rules.finding import Severity
from sqeditor.rules.pack import PatternSpec, fill
from sqeditor.rules.text_rules import Hit

_LITERAL = re.compile(rf"^\s*([(（]?)\s*(\d{{1,3}}|[{STEMS}])\s*([)）.．、]?)\s*$")
_EXPECTED_PUNCT = {1: ("", "."), 2: ("(", ")"), 3: ("", "、")}


@dataclass(frozen=True, slots=True)
class ParagraphHit:
    """A hit in one paragraph of a result; ``on_marker`` when it is about the list marker."""

    paragraph: int
    hit: Hit
    on_marker: bool = False


class NumberingMatcher:
    """Literal markers that are wrong (no period, skipped number, other style); skipped levels."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.messages: dict[str, str] = dict(spec.settings["messages"])
        self.style_severity = Severity(spec.settings.get("style_severity", spec.severity))
        self.doubled_severity = Severity(spec.settings.get("doubled_severity", spec.severity))

    def find(self, paragraphs: Sequence[Paragraph]) -> Iterator[ParagraphHit]:
        numbers = list_numbers(p.level for p in paragraphs)
        # A result that opens with a list is itself the level above it: a clerk who numbers
        # the items of a result (1) (2) skipped nothing. After a plain paragraph, 1. comes first.
        opens_with_list = bool(paragraphs) and paragraphs[0].level > 0
        base = min(p.level for p in paragraphs if p.level) if opens_with_list else 1
        previous = base - 1
        for index, (para, number) in enumerate(zip(paragraphs, numbers, strict=True)):
            if para.level > previous + 1:
                message = fill(self.messages["level"], level=para.level)
                yield ParagraphHit(index, Hit(0, 0, message, (), self.spec), on_marker=True)
            previous = para.level or base - 1
            if para.level and para.literal:
                hit = self._literal(para, number)
                if hit is not None:
                    yield ParagraphHit(index, hit, on_marker=True)

    def _literal(self, para: Paragraph, number: int) -> Hit | None:
        expected = prefix_for(para.level, number)
        match = _LITERAL.match(para.literal)
        if match is None:
            return self._hit("style", para.literal, expected, self.style_severity)
        opening, token, closing = match.groups()
        written = int(token) if token.isdigit() else STEMS.index(token) + 1
        if written != number:
            return self._hit("number", para.literal, expected, None)
        if para.level == 1 and not closing:
            return self._hit("bare", para.literal, expected, None)
        if (opening, closing) != _EXPECTED_PUNCT[para.level]:
            return self._hit("style", para.literal, expected, self.style_severity)
        return None  # differs only in spacing

    def doubled(self, text: str) -> Hit | None:
        """A marker typed at the start of an already numbered paragraph's text."""
        level, _, raw, _ = parse_paragraph(text)
        if not level:
            return None
        return Hit(0, len(raw), fill(self.messages["doubled"], text=raw.strip()), ("",), self.spec,
                   self.doubled_severity)

    def _hit(self, kind: str, literal: str, expected: str, severity: Severity | None) -> Hit:
        message = fill(self.messages[kind], text=literal.strip(), suggestion=expected.strip())
        return Hit(0, 0, message, (expected,), self.spec, severity)


class ListEndingMatcher:
    """Items of one list end alike: all with 。 or none; the minority is flagged."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.ends = spec.settings["sentence_ends"]
        self.neutral = spec.settings["neutral_ends"]

    def find(self, paragraphs: Sequence[Paragraph]) -> Iterator[ParagraphHit]:
        for members in _lists(paragraphs):
            with_end = [i for i in members if self._ending(paragraphs[i].text) == "end"]
            without = [i for i in members if self._ending(paragraphs[i].text) == "none"]
            if not with_end or not without:
                continue
            if len(with_end) >= len(without):
                for i in without:
                    yield ParagraphHit(i, self._add_hit(paragraphs[i].text))
            else:
                for i in with_end:
                    yield ParagraphHit(i, self._remove_hit(paragraphs[i].text))

    def _ending(self, text: str) -> str:
        stripped = text.rstrip()
        if not stripped or stripped[-1] in self.neutral:
            return "neutral"
        return "end" if stripped[-1] in self.ends else "none"

    def _add_hit(self, text: str) -> Hit:
        end = len(text.rstrip())
        last = text[end - 1]
        # An item left ending in ， or 、 (the list was once one sentence) gets 。 in its place.
        fix = "。" if last in self.spec.settings.get("weak_ends", "") else last + "。"
        return Hit(end - 1, end, self.spec.settings["message_add"], (fix,), self.spec)

    def _remove_hit(self, text: str) -> Hit:
        end = len(text.rstrip())
        mark = text[end - 1]
        return Hit(end - 1, end, fill(self.spec.settings["message_remove"], text=mark), ("",),
                   self.spec)


def _lists(paragraphs: Sequence[Paragraph]) -> list[list[int]]:
    """Indexes of the items of each list (siblings at one level under one parent)."""
    numbers = list_numbers(p.level for p in paragraphs)
    open_lists: dict[int, list[int]] = {}
    done: list[list[int]] = []
    for index, (para, number) in enumerate(zip(paragraphs, numbers, strict=True)):
        if para.level == 0:
            continue
        if number == 1 and para.level in open_lists:
            done.append(open_lists.pop(para.level))
        open_lists.setdefault(para.level, []).append(index)
    done.extend(open_lists.values())
    return [members for members in done if len(members) > 1]


STRUCTURE_MATCHERS: dict[str, Callable[[PatternSpec], object]] = {
    "list_numbering": NumberingMatcher, "list_endings": ListEndingMatcher,
}
