"""What the checker reports: one problem at one place, with the fixes it offers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How sure the checker is that the text is wrong (errors block a clean export)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 2 for info: sorts errors first and filters by threshold."""
        return list(Severity).index(self)

    @property
    def label(self) -> str:
        return {"error": "錯誤", "warning": "警告", "info": "提示"}[self.value]


FIELDS = ("title", "standard", "result")
CRITERIA_FIELDS = frozenset({"title", "standard"})  # the fixed text, edited in template mode only


@dataclass(frozen=True)
class Finding:
    """A rule's finding in one field of one node.

    ``start``/``end`` count code points in the paragraph's text (or the title). A finding with
    ``on_marker`` is about the paragraph's literal list marker (``Paragraph.literal``), not
    its text: its span is empty at 0, ``text`` is the marker and a suggestion replaces it.
    """

    rule: str
    category: str
    severity: Severity
    message: str
    node_id: str
    field: str  # 'title' (section/item/indicator), 'standard' (a row's title) or 'result'
    paragraph: int
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()
    on_marker: bool = False
    safe: bool = False  # the first suggestion can be applied without a human reading it
    grouped: int = 0  # how many marks of one paragraph this finding fixes at once (pasted text)

    @property
    def place(self) -> tuple[str, str, int, int, int]:
        """Where it is, for merging duplicate findings from different rules."""
        return (self.node_id, self.field, self.paragraph, self.start, self.end)

    @property
    def in_criteria(self) -> bool:
        """On the fixed criteria text (a title or a standard), which only template mode edits."""
        return self.field in CRITERIA_FIELDS


def actionable(findings: Iterable[Finding], *, template: bool) -> list[Finding]:
    """The findings the reader can fix: those on the criteria text only in template mode.

    A new report must not open full of errors in text the clerk is not allowed to change.
    """
    return [f for f in findings if template or not f.in_criteria]
