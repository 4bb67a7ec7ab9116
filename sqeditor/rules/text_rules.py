"""Matchers that look at one piece of text: a title or one paragraph (run on every keystroke)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from sqeditor.chinese_text import to_taiwan_traditional
from sqeditor.rules.conversions import CONVERSIONS
from sqeditor.rules.finding import Severity
from sqeditor.rules.pack import HAN, PatternSpec, expand_classes, fill

_HAN = re.compile(f"[{HAN}]")
_CJK = re.compile(expand_classes("[{cjk}]"))
# URLs and e-mail addresses are never Chinese text, whatever surrounds them.
PROTECTED = re.compile(r"https?://[!-~]+|www\.[!-~]+|[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
                       re.ASCII)


@dataclass(frozen=True, slots=True)
class Hit:
    """A matcher's raw result: a span of the text, what to say, and the fixes."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...]
    spec: PatternSpec
    severity: Severity | None = None
    grouped: int = 0


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def phrase_spans(regex: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    """Where the phrases of an allow-list occur in the text."""
    return [] if regex is None else [m.span() for m in regex.finditer(text)]


def phrase_regex(phrases: list[str]) -> re.Pattern[str] | None:
    """One alternation, longest phrase first, or None for an empty list."""
    if not phrases:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True)))


_PLAIN_CLASS = re.compile(r"\[([^\]\\^\-{}]{1,6})\]|([^\[\]\\^$.|?*+(){}\-])")


class RegexMatcher:
    """A regular expression with a fix: fixed strings, a template, or a named conversion."""

    def __init__(self, spec: PatternSpec) -> None:
        settings = spec.settings
        self.spec = spec
        self.regex = re.compile(expand_classes(settings["regex"]))
        self.suggest: list[str] = list(settings.get("suggest", []))
        self.convert = CONVERSIONS[settings["convert"]] if "convert" in settings else None
        self.unless = [re.compile(expand_classes(u)) for u in settings.get("unless", [])]
        self.allow = phrase_regex(list(settings.get("allow", [])))
        # A cheap test that must pass before the full pattern runs: patterns that start with
        # a lookbehind are tried at every position, a character class is scanned in C.
        self.requires = re.compile(expand_classes(settings["requires"])) if "requires" in settings else None
        # A test of a few plain characters: str's own search is faster than a regex's.
        plain = _PLAIN_CLASS.fullmatch(settings.get("requires", ""))
        self.requires_chars = tuple(plain.group(1) or plain.group(2)) if plain else ()

    def find(self, text: str) -> list[Hit]:
        """A list, not a generator: most texts fail the cheap test, and on every keystroke."""
        if self.requires_chars:
            for char in self.requires_chars:
                if char in text:
                    break
            else:
                return []
        elif self.requires is not None and self.requires.search(text) is None:
            return []
        return list(self._matches(text))

    def _matches(self, text: str) -> Iterator[Hit]:
        exempt: list[tuple[int, int]] | None = None
        for match in self.regex.finditer(text):
            start, end = match.span("flag") if "flag" in self.regex.groupindex else match.span()
            if exempt is None:
                exempt = [m.span() for u in self.unless for m in u.finditer(text)]
                exempt += phrase_spans(self.allow, text)
            if _covered(start, end, exempt):
                continue
            flagged = text[start:end]
            if self.convert is not None:
                suggestions: tuple[str, ...] = (self.convert(flagged),)
            else:
                suggestions = tuple(match.expand(s) if "\\" in s else s for s in self.suggest)
            message = fill(self.spec.message, text=flagged.strip() or flagged,
                           suggestion=suggestions[0] if suggestions else "")
            yield Hit(start, end, message, suggestions, self.spec)


class WordMatcher:
    """Wrong words and their right forms; longer entries win, allow-listed phrases are skipped.

    An entry is [wrong, right] or [wrong, right, source]; an empty right form flags the word
    without a fix (the right word depends on the sentence)."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.right = {entry[0]: entry[1] for entry in spec.settings["words"]}
        self.regex = phrase_regex(list(self.right))
        self.allow = phrase_regex(list(spec.settings.get("allow", [])))

    def find(self, text: str) -> list[Hit]:
        assert self.regex is not None
        matches = list(self.regex.finditer(text))
        if not matches:
            return []
        allowed = phrase_spans(self.allow, text)
        hits = []
        for match in matches:
            if _covered(*match.span(), allowed):
                continue
            wrong = match.group()
            right = self.right[wrong]
            hits.append(Hit(*match.span(), fill(self.spec.message, text=wrong, suggestion=right),
                            (right,) if right else (), self.spec))
        return hits


def _neighbour(text: str, index: int, step: int) -> str:
    """The first non-space character from index in direction step ('' at either end)."""
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _spaced_span(text: str, index: int) -> tuple[int, int]:
    """A one-character span widened over the spaces on both sides of it."""
    start, end = index, index + 1
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    return start, end


class ParenthesisMatcher:
    """Half-width parentheses around or beside Chinese text: both of the pair are flagged."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec

    def find(self, text: str) -> Iterator[Hit]:
        if "(" not in text and ")" not in text:
            return
        for opening, closing in _pairs(text, "(", ")"):
            if opening >= 0 and is_leading_marker(text, opening, closing):
                continue
            inside = text[opening + 1:closing] if opening >= 0 and closing >= 0 else ""
            before = _neighbour(text, opening - 1, -1) if opening >= 0 else ""
            after = _neighbour(text, closing + 1, 1) if closing >= 0 else ""
            if not (_HAN.search(inside) or _CJK.match(before or " ") or _CJK.match(after or " ")):
                continue
            for index, full in ((opening, "（"), (closing, "）")):
                if index >= 0:
                    start, end = _spaced_span(text, index)
                    yield Hit(start, end, fill(self.spec.message, text=text[index], suggestion=full),
                              (full,), self.spec)


_LEADING_MARKER = re.compile(r"[ \t\u3000]*\(\d{1,3}\)")


def is_leading_marker(text: str, opening: int, closing: int) -> bool:
    """'(1)' opening the text: a list marker as results draw it (level 2), written half-width
    in a standard's title too, so both read alike."""
    match = _LEADING_MARKER.match(text)
    return match is not None and (opening, closing) == (match.group().index("("), match.end() - 1)


def _pairs(text: str, opening: str, closing: str) -> Iterator[tuple[int, int]]:
    """(open, close) index pairs; -1 for a side that has no partner."""
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == opening:
            stack.append(index)
        elif char == closing:
            yield (stack.pop() if stack else -1), index
    for index in stack:
        yield index, -1


class QuoteMatcher:
    """“” "" ‘’ used in Chinese text: 「」 and 『』 instead."""

    KINDS = (("“", "”", "「", "」"), ("‘", "’", "『", "』"))

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec

    def find(self, text: str) -> Iterator[Hit]:
        for opening, closing, full_open, full_close in self.KINDS:
            if opening in text or closing in text:
                yield from self._flag(text, list(_pairs(text, opening, closing)), full_open, full_close)
        if '"' in text:
            marks = [i for i, c in enumerate(text) if c == '"']
            pairs = list(zip(marks[::2], marks[1::2], strict=False))
            if len(marks) % 2:
                pairs.append((marks[-1], -1))
            yield from self._flag(text, pairs, "「", "」")

    def _flag(self, text: str, pairs: list[tuple[int, int]], full_open: str,
              full_close: str) -> Iterator[Hit]:
        for opening, closing in pairs:
            inside = text[opening + 1:closing] if opening >= 0 and closing >= 0 else ""
            before = text[opening - 1] if opening > 0 else ""
            after = text[closing + 1] if 0 <= closing < len(text) - 1 else ""
            if not (_HAN.search(inside) or _CJK.match(before or " ") or _CJK.match(after or " ")):
                continue
            for index, full in ((opening, full_open), (closing, full_close)):
                if index >= 0:
                    yield Hit(index, index + 1, fill(self.spec.message, text=text[index]),
                              (full,), self.spec)


class PairedMarksMatcher:
    """（） 「」 『』 without their partner, and 『』 used as the quotes of a paragraph.

    An unpartnered mark gets no fix (where the partner belongs is the writer's call). 『』 in
    a paragraph with no 「」 at all are outer quotes and become 「」; beside 「」 the writer
    may mean a nested quote, so they are left alone."""

    PAIRS = (("（", "）"), ("「", "」"), ("『", "』"))
    MARKS = tuple(re.compile(f"[{a}{b}]") for a, b in PAIRS)
    FLAT = tuple(re.compile(f"[^{a}{b}]*(?:{a}[^{a}{b}]*{b}[^{a}{b}]*)*") for a, b in PAIRS)

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.unpaired = spec.settings["message_unpaired"]
        self.outer = spec.settings["message_outer"]

    def find(self, text: str) -> Iterator[Hit]:
        for (opening, closing), marks, flat in zip(self.PAIRS, self.MARKS, self.FLAT, strict=True):
            if opening not in text and closing not in text:
                continue
            if flat.fullmatch(text) and (opening != "『" or "「" in text):
                continue  # every mark closed before the next opens: nothing to say
            for start, end in _mark_pairs(marks.finditer(text), opening):
                if start < 0 or end < 0:
                    index = end if start < 0 else start
                    partner = opening if start < 0 else closing
                    message = fill(self.unpaired, text=text[index], partner=partner)
                    yield Hit(index, index + 1, message, (), self.spec)
                elif opening == "『" and "「" not in text:
                    for index, full in ((start, "「"), (end, "」")):
                        yield Hit(index, index + 1, fill(self.outer, text=text[index], suggestion=full),
                                  (full,), self.spec)


def _mark_pairs(marks: Iterator[re.Match[str]], opening: str) -> Iterator[tuple[int, int]]:
    """Like _pairs, over the matches of the two marks only (a paragraph has few of them)."""
    stack: list[int] = []
    for match in marks:
        if match.group() == opening:
            stack.append(match.start())
        else:
            yield (stack.pop() if stack else -1), match.start()
    for index in stack:
        yield index, -1


class RepeatedPunctuationMatcher:
    """Two marks in a row (。。 ，， 、。): keep the stronger one."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        self.ranks: dict[str, int] = dict(spec.settings["ranks"])
        marks = re.escape("".join(self.ranks))
        self.regex = re.compile(f"[{marks}]{{2,}}")

    def find(self, text: str) -> Iterator[Hit]:
        for match in self.regex.finditer(text):
            run = match.group()
            if set(run) == {"。"} and len(run) > 2:
                continue  # 。。。 is an ellipsis written wrong (R3)
            keep = max(reversed(run), key=lambda c: self.ranks[c])
            yield Hit(*match.span(), fill(self.spec.message, text=run, suggestion=keep),
                      (keep,), self.spec)


@cache
def simplified_characters(extra: str) -> frozenset[str]:
    """Characters the Simplified → Taiwan converter changes that are not in Big5 (plus extra)."""
    candidates = [chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000)) for c in range(*r)]
    converted = to_taiwan_traditional("\n".join(candidates)).split("\n")
    found = set(extra)
    for char, traditional in zip(candidates, converted, strict=True):
        if char != traditional:
            try:
                char.encode("big5")
            except UnicodeEncodeError:
                found.add(char)
    return frozenset(found)


class SimplifiedMatcher:
    """Simplified characters, found with OpenCC (never used to rewrite Traditional text)."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec
        extra = "".join(spec.settings.get("also_simplified", "").split())
        self.regex = re.compile("[" + re.escape("".join(sorted(simplified_characters(extra)))) + "]+")

    def find(self, text: str) -> Iterator[Hit]:
        for match in self.regex.finditer(text):
            for offset, char in enumerate(match.group()):
                right = to_taiwan_traditional(char)
                start = match.start() + offset
                yield Hit(start, start + 1, fill(self.spec.message, text=char, suggestion=right),
                          (right,) if right != char else (), self.spec)


TEXT_MATCHERS: dict[str, Callable[[PatternSpec], object]] = {
    "regex": RegexMatcher, "words": WordMatcher, "parentheses": ParenthesisMatcher,
    "quotes": QuoteMatcher, "paired_marks": PairedMarksMatcher,
    "repeated_punctuation": RepeatedPunctuationMatcher,
    "simplified": SimplifiedMatcher,
}
