"""Last period's report as this one keeps it: a snapshot of its rows, and how alike two texts are.

The snapshot lives in the report file, so the link survives last period's file being moved
and works the same for a .sqreport, .docx, .xlsx or .json source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from rapidfuzz import fuzz

from sqeditor.model.report import Paragraph, Period

SIMILAR = 0.9  # this share of characters in common or more counts as carried over unchanged


@dataclass(frozen=True)
class LastRow:
    """One standard row of last period's report: its criteria path, result and unit."""

    id: str
    path: tuple[str, ...]  # titles from the section down to the row itself
    result: tuple[Paragraph, ...]
    unit: str = ""

    @property
    def title(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def result_text(self) -> str:
        return "\n".join(p.text for p in self.result)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.result)


@dataclass
class LastPeriod:
    """Last period's report linked to this one, with the rows matched by hand.

    ``overrides`` maps a row of this report to a last-period row id, or to "" when the clerk
    said it has no counterpart.
    """

    source: str  # the file it was read from, as the clerk chose it
    title: str
    roc_year: int
    period: Period
    cutoff: date | None
    linked_at: datetime
    rows: list[LastRow]
    overrides: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """「110年度下半年」: how messages name last period."""
        return f"{self.roc_year}年度{self.period}" if self.roc_year else self.title

    def row_index(self) -> dict[str, LastRow]:
        return {row.id: row for row in self.rows}


def _plain(text: str) -> str:
    return "".join(text.split())


def similarity(mine: str, theirs: str) -> float:
    """The share of characters the two texts have in common, in order (white space ignored):
    twice their longest common subsequence over their total length."""
    mine, theirs = _plain(mine), _plain(theirs)
    if mine == theirs:
        return 1.0
    return fuzz.ratio(mine, theirs) / 100


def is_similar(mine: str, theirs: str, threshold: float = SIMILAR) -> bool:
    """Whether similarity reaches the threshold (and the texts are not both empty)."""
    mine, theirs = _plain(mine), _plain(theirs)
    if mine == theirs:
        return bool(mine)
    return bool(fuzz.ratio(mine, theirs, score_cutoff=threshold * 100))


class Carry(StrEnum):
    """What became of a row since last period, for the progress summary."""

    REWRITTEN = "改寫"  # written this period, or new
    UNCHANGED = "沿用上期"  # last period's text, (nearly) unchanged
    EMPTY = "無內容"


def carry_over(result_text: str, last: Sequence[str] | None) -> Carry:
    """A row's result against its last-period counterpart's paragraphs (None: it has none)."""
    if not result_text.strip():
        return Carry.EMPTY
    if last is not None and is_similar(result_text, "\n".join(last)):
        return Carry.UNCHANGED
    return Carry.REWRITTEN
