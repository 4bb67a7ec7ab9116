"""Stale text carried over from last period (category 上期): copied results, years and halves
that do not fit this report, dates after its cut-off, and numbers that stayed while the text
says they changed.

The rules never read last period's report themselves: the caller matches the rows and passes
each row's last-period paragraphs in a `PeriodContext`, so this package stays independent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqeditor.model import Node, Report
from sqeditor.model.last_period import is_similar, similarity
from sqeditor.model.roc_date import ROC_OFFSET, format_roc_date
from sqeditor.rules.pack import PatternSpec, fill
from sqeditor.rules.structure_rules import ParagraphHit
from sqeditor.rules.text_rules import Hit

QUOTE_CHARS = 40
_BEFORE_NUMBER = {"年", "月", ".", ","}  # a month or day, or the rest of a number
_SENTENCE = re.compile(r"[^。；！？!?;]+[。；！？!?;]?")
_ROC_YEAR = re.compile(r"(?<![\d.,])(\d{2,3})\s*年")
_DATE = re.compile(
    r"(?<![\d./,-])(?P<y>\d{2,4})\s*(?:年\s*(?P<m1>\d{1,2})\s*月(?:\s*(?P<d1>\d{1,2})\s*日)?"
    r"|(?P<sep>[/.-])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?![\d./-]))")
# a number, not a year, month or day: 「1,234 件」「12.5%」, never 「110 年」 (what precedes it is
# checked in _figures: a pattern that starts with a digit is searched for far faster)
_NUMBER = re.compile(r"(\d(?:[\d,]*\d)?(?:\.\d+)?)(?![\d,.])(?!\s*[年月日])(\s*[%％])?")


@dataclass(frozen=True)
class PeriodContext:
    """What the stale-text rules compare with: this report's period and last period's rows.

    ``last_texts`` maps a row of this report to the paragraphs of its last-period counterpart;
    without a linked report it is empty and only this report's own period is checked.
    """

    roc_year: int
    period: str  # 上半年, 下半年 or 全年
    cutoff: date | None
    last_label: str = ""  # 「110年度下半年」
    last_year: int = 0
    last_texts: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @classmethod
    def of_report(cls, report: Report, last_label: str = "", last_year: int = 0,
                  last_texts: Mapping[str, Sequence[str]] | None = None) -> PeriodContext:
        meta = report.meta
        return cls(meta.roc_year, str(meta.period), meta.cutoff, last_label, last_year,
                   last_texts or {})

    @property
    def label(self) -> str:
        return f"{self.roc_year}年度{self.period}"


def quote(text: str) -> str:
    """A short quotation of last period's text for a message."""
    text = text.strip()
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def sentences(text: str) -> Iterator[re.Match[str]]:
    return _SENTENCE.finditer(text)


def _closest_sentence(sentence: str, last: Sequence[str]) -> str | None:
    """Last period's sentence most like this one, when they are at least half alike."""
    best, best_score = None, 0.5
    for paragraph in last:
        for match in sentences(paragraph):
            score = similarity(sentence, match.group())
            if score >= best_score:
                best, best_score = match.group(), score
    return best


def _copied(sentence: str, last: Sequence[str]) -> bool:
    """Whether last period's text has this sentence, or one nearly the same."""
    exact, every = _last_sentences(tuple(last))
    return "".join(sentence.split()) in exact or any(is_similar(sentence, s) for s in every)


@lru_cache(maxsize=4096)
def _last_sentences(last: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Last period's sentences of one row, without white space (for exact matches) and as written."""
    every = tuple(s.group() for t in last for s in sentences(t))
    return frozenset("".join(s.split()) for s in every), every


class _PeriodMatcher:
    """Shared by the four rules: the spec and the 「上期寫的是」 suffix of their messages."""

    def __init__(self, spec: PatternSpec) -> None:
        self.spec = spec

    def _hit(self, start: int, end: int, message: str) -> Hit:
        return Hit(start, end, message, (), self.spec)

    @staticmethod
    def _last_quote(context: PeriodContext, node: Node, sentence: str) -> str:
        last = context.last_texts.get(node.id)
        closest = _closest_sentence(sentence, last) if last else None
        return f"上期（{context.last_label}）此處寫的是：「{quote(closest)}」。" if closest else ""


class SameAsLastMatcher(_PeriodMatcher):
    """A result (or a paragraph of it) identical or nearly so to last period's."""

    def find(self, node: Node, context: PeriodContext) -> Iterator[ParagraphHit]:
        last = [t for t in context.last_texts.get(node.id, ()) if t.strip()]
        paragraphs = [p.text for p in node.result]
        if not last or not any(t.strip() for t in paragraphs):
            return
        min_chars = int(self.spec.settings.get("min_chars", 10))
        threshold = float(self.spec.settings.get("threshold", 0.9))
        whole, last_whole = "\n".join(paragraphs), "\n".join(last)
        if len(whole) >= min_chars and is_similar(whole, last_whole, threshold):
            yield ParagraphHit(0, self._message_hit(paragraphs[0], whole, last_whole, context))
            return
        for index, text in enumerate(paragraphs):
            if len("".join(text.split())) < min_chars:
                continue
            for last_text in last:
                if is_similar(text, last_text, threshold):
                    yield ParagraphHit(index, self._message_hit(text, text, last_text, context))
                    break

    def _message_hit(self, flagged: str, mine: str, theirs: str, context: PeriodContext) -> Hit:
        score = similarity(mine, theirs)
        how = "完全相同" if score == 1.0 else f"幾乎相同（{int(score * 100)}% 的字相同）"
        message = fill(self.spec.message, last=context.last_label, how=how, quote=quote(theirs))
        return self._hit(0, len(flagged), message)


class WrongPeriodMatcher(_PeriodMatcher):
    """Years and halves that do not fit this report, or that a copied sentence kept."""

    def __init__(self, spec: PatternSpec) -> None:
        super().__init__(spec)
        settings = spec.settings
        self.this_year = _any_of(settings["this_year_words"])
        self.halves = list(settings["half_words"])
        self.comparing = _any_of(settings["comparing_words"])

    def find(self, node: Node, context: PeriodContext) -> Iterator[ParagraphHit]:
        if not context.roc_year:
            return
        last = context.last_texts.get(node.id, ())
        wrong = [h for h in self.halves if h != context.period] if context.period in self.halves else []
        for index, para in enumerate(node.result):
            if not (_ROC_YEAR.search(para.text) or any(h in para.text for h in wrong)):
                continue
            for sentence in sentences(para.text):
                for hit in self._in_sentence(sentence, node, context, last, wrong):
                    yield ParagraphHit(index, hit)

    def _in_sentence(self, sentence: re.Match[str], node: Node, context: PeriodContext,
                     last: Sequence[str], wrong: list[str]) -> Iterator[Hit]:
        text, offset = sentence.group(), sentence.start()
        if self.comparing.search(text):
            return
        for year in _ROC_YEAR.finditer(text):
            value = int(year.group(1))
            if value == context.last_year != context.roc_year and _copied(text, last):
                message = fill(self.spec.settings["message_copied"], last=context.last_label,
                               text=year.group(), this=context.label)
            elif value < context.roc_year and (word := self.this_year.search(text)):
                message = fill(self.spec.settings["message_year"], this=context.label,
                               word=word.group(), text=year.group())
            else:
                continue
            yield self._hit(offset + year.start(), offset + year.end(),
                            fill(message, last_quote=self._last_quote(context, node, text)))
        for half in wrong:
            for found in re.finditer(half, text):
                message = fill(self.spec.settings["message_half"], this=context.label, text=half,
                               last_quote=self._last_quote(context, node, text))
                yield self._hit(offset + found.start(), offset + found.end(), message)


class AfterCutoffMatcher(_PeriodMatcher):
    """Dates after the report's 資料截止日期 that are not written as plans."""

    def __init__(self, spec: PatternSpec) -> None:
        super().__init__(spec)
        self.planned = _any_of(spec.settings["planned_words"])

    def find(self, node: Node, context: PeriodContext) -> Iterator[ParagraphHit]:
        if context.cutoff is None:
            return
        for index, para in enumerate(node.result):
            if not _DATE.search(para.text):
                continue
            for sentence in sentences(para.text):
                for found in _DATE.finditer(sentence.group()):
                    day = _date_of(found)
                    if day is None or day <= context.cutoff:
                        continue
                    if self.planned.search(sentence.group()[:found.start()]):
                        continue
                    message = fill(self.spec.message, text=found.group().strip(),
                                   cutoff=format_roc_date(context.cutoff),
                                   last_quote=self._last_quote(context, node, sentence.group()))
                    start = sentence.start() + found.start()
                    yield ParagraphHit(index, self._hit(start, start + len(found.group().rstrip()), message))


def _date_of(found: re.Match[str]) -> date | None:
    """The date a match names (the first day of a month named alone), or None if none."""
    year = int(found["y"])
    if len(found["y"]) == 4:
        year -= ROC_OFFSET
    if not 80 <= year <= 200:
        return None
    month = int(found["m1"] or found["m2"])
    day = int(found["d1"] or found["d2"] or 1)
    try:
        return date(year + ROC_OFFSET, month, day)
    except ValueError:
        return None


class UnchangedNumberMatcher(_PeriodMatcher):
    """A sentence that says a figure grew or fell, with a number last period's text also had."""

    def __init__(self, spec: PatternSpec) -> None:
        super().__init__(spec)
        self.change = _any_of(spec.settings["change_words"])

    def find(self, node: Node, context: PeriodContext) -> Iterator[ParagraphHit]:
        last = context.last_texts.get(node.id)
        if not last:
            return
        last_numbers: set[str] | None = None
        for index, para in enumerate(node.result):
            if not self.change.search(para.text):
                continue
            if last_numbers is None:
                last_numbers = {value for _, value in _figures("\n".join(last))}
            kept = [found for found, value in _figures(para.text) if value in last_numbers]
            for sentence in sentences(para.text) if kept else ():
                change = self.change.search(sentence.group())
                here = [f for f in kept if sentence.start() <= f.start() < sentence.end()]
                if change is None or not here or _copied(sentence.group(), last):
                    continue  # a copied sentence is the same-as-last rule's to report
                closest = quote(_closest_sentence(sentence.group(), last) or last[0])
                for found in here:
                    message = fill(self.spec.message, change=change.group(), text=found.group(1),
                                   last=context.last_label, quote=closest)
                    yield ParagraphHit(index, self._hit(found.start(1), found.end(1), message))


def _figures(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Numbers with their value without separators; dates and bare digits below 10 are left out
    (「3 件」 stays the same by chance, a percentage rarely)."""
    for found in _NUMBER.finditer(text):
        if text[max(0, found.start() - 2):found.start()].rstrip()[-1:] in _BEFORE_NUMBER:
            continue
        value = found.group(1).replace(",", "")
        if found.group(2) or "." in value or int(value) >= 10:
            yield found, value


def _any_of(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


LAST_PERIOD_MATCHERS: dict[str, Callable[[PatternSpec], _PeriodMatcher]] = {
    "same_as_last": SameAsLastMatcher, "wrong_period": WrongPeriodMatcher,
    "after_cutoff": AfterCutoffMatcher, "unchanged_number": UnchangedNumberMatcher,
}
