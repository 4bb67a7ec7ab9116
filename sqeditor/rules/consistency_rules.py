"""Matchers over the whole report: one spelling, one punctuation width, no pasted duplicates,
section numbering used for all sections or none."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqeditor.model import Node, NodeKind, Report, strip_section_number
from sqeditor.rules.pack import PatternSpec, fill
from sqeditor.rules.text_rules import (
    _HAN,
    Hit,
    ParenthesisMatcher,
    _pairs,
    is_leading_marker,
    phrase_regex,
    phrase_spans,
)


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One checkable piece of text: a title, a standard, or one paragraph of a result."""

    node: Node
    field: str
    paragraph: int
    text: str


def text_units(report: Report) -> list[TextUnit]:
    """Every title and result paragraph of the report, in document order."""
    units = []
    for node in report.walk():
        field = "standard" if node.kind is NodeKind.STANDARD else "title"
        if node.title:
            units.append(TextUnit(node, field, 0, node.title))
        units.extend(TextUnit(node, "result", i, p.text) for i, p in enumerate(node.result))
    return units


@dataclass(frozen=True, slots=True)
class UnitHit:
    unit: TextUnit
    hit: Hit


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")


class ConsistentWordsMatcher:
    """The same word spelled two ways: the minority (or non-standard) spelling is flagged."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.groups = [(list(g["variants"]), g.get("preferred") or "", phrase_regex(list(g.get("allow", []))))
                       for g in spec.settings["groups"]]
        self.group_of = {v: index for index, (variants, _, _) in enumerate(self.groups) for v in variants}
        self.regex = phrase_regex(list(self.group_of))
        self.latin_case = bool(spec.settings.get("latin_case", False))

    def find(self, report: Report, units: Sequence[TextUnit]) -> Iterator[UnitHit]:
        places: list[list[tuple[TextUnit, re.Match[str]]]] = [[] for _ in self.groups]
        assert self.regex is not None
        for unit in units:
            for match in self.regex.finditer(unit.text):
                index = self.group_of[match.group()]
                allow = self.groups[index][2]
                if allow is None or not any(s <= match.start() and match.end() <= e
                                            for s, e in phrase_spans(allow, unit.text)):
                    places[index].append((unit, match))
        for (_, preferred, _), group_places in zip(self.groups, places, strict=True):
            yield from self._flag(group_places, preferred)
        if self.latin_case:
            yield from self._latin(units)

    def _flag(self, places: list[tuple[TextUnit, re.Match[str]]], preferred: str) -> Iterator[UnitHit]:
        counts = Counter(m.group() for _, m in places)
        if len(counts) < 2:
            return
        target = preferred or max(counts, key=lambda w: (counts[w], sum(c.isupper() for c in w)))
        summary = "、".join(f"「{w}」{n} 處" for w, n in counts.most_common())
        for unit, match in places:
            if match.group() != target:
                message = fill(self.spec.message, text=match.group(), suggestion=target, counts=summary)
                yield UnitHit(unit, Hit(*match.span(), message, (target,), self.spec))

    def _latin(self, units: Sequence[TextUnit]) -> Iterator[UnitHit]:
        words: dict[str, list[tuple[TextUnit, re.Match[str]]]] = defaultdict(list)
        for unit in units:
            for match in _LATIN_WORD.finditer(unit.text):
                words[match.group().lower()].append((unit, match))
        for places in words.values():
            spellings = {m.group() for _, m in places}
            # Data/data differ only at the start of an English sentence: not a spelling
            if len(spellings) > 1 and len({s[1:] for s in spellings}) > 1:
                yield from self._flag(places, "")


_LATIN = re.compile("[A-Za-z0-9]")


class ConsistentWidthMatcher:
    """Half-width parentheses that R1 lets pass (Latin on both sides) in a report that
    otherwise writes full-width ones inside Chinese paragraphs."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.chinese_context = ParenthesisMatcher(spec)

    def find(self, report: Report, units: Sequence[TextUnit]) -> Iterator[UnitHit]:
        if not any("（" in u.text for u in units):
            return
        for unit in units:
            text = unit.text
            if "(" not in text or len(_HAN.findall(text)) < len(_LATIN.findall(text)):
                continue
            flagged = {i for h in self.chinese_context.find(text) for i in range(h.start, h.end)}
            for pair in _pairs(text, "(", ")"):
                if is_leading_marker(text, *pair):
                    continue
                for index, full in zip(pair, "（）", strict=True):
                    if index >= 0 and index not in flagged:
                        message = fill(self.spec.message, text=text[index], suggestion=full)
                        yield UnitHit(unit, Hit(index, index + 1, message, (full,), self.spec))


class DuplicateResultMatcher:
    """Identical result text under two criteria: often a copy-paste slip when merging drafts."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.min_chars = int(spec.settings.get("min_chars", 15))

    def find(self, report: Report, units: Sequence[TextUnit]) -> Iterator[UnitHit]:
        by_text: dict[str, list[Node]] = defaultdict(list)
        for row in report.rows():
            key = "".join(row.result_text.split())
            if len(key) >= self.min_chars:
                by_text[key].append(row)
        for rows in by_text.values():
            for row in rows if len(rows) > 1 else ():
                other = next(r for r in rows if r is not row)
                names = [n.title for n in report.path(other)[1:-1] if n.title]
                message = fill(self.spec.message, other=" > ".join(names))
                first = row.result[0].text
                yield UnitHit(TextUnit(row, "result", 0, first), Hit(0, len(first), message, (), self.spec))


class SectionNumberingMatcher:
    """Sections with a literal '二、' beside sections without: numbers are drawn for all.

    Only the sections that carry a typed number are flagged; those without one are right.
    """

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec

    def find(self, report: Report, units: Sequence[TextUnit]) -> Iterator[UnitHit]:
        prefixes = [s.title[:len(s.title) - len(strip_section_number(s.title))] for s in report.sections]
        numbered = [p for p in prefixes if p]
        if not numbered or len(numbered) == len(prefixes):
            return
        for section, prefix in zip(report.sections, prefixes, strict=True):
            if prefix:
                message = fill(self.spec.message, text=prefix.strip())
                yield UnitHit(TextUnit(section, "title", 0, section.title),
                              Hit(0, len(prefix), message, ("",), self.spec))


REPORT_MATCHERS: dict[str, Callable[[PatternSpec], object]] = {
    "consistent_words": ConsistentWordsMatcher, "consistent_width": ConsistentWidthMatcher,
    "duplicate_results": DuplicateResultMatcher, "section_numbering": SectionNumberingMatcher,
}
