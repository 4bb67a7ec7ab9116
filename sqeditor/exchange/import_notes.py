"""What an import guessed or left out, so nothing read from a file is dropped silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqeditor.model import Report


@dataclass(frozen=True)
class ImportNote:
    """One thing the clerk should check: where it is (``第 12 列``) and what happened."""

    place: str
    text: str

    def __str__(self) -> str:
        return f"{self.place}：{self.text}" if self.place else self.text


@dataclass
class ImportResult:
    """A report read from a file, with the notes on what was guessed or left out."""

    report: Report
    notes: list[ImportNote] = field(default_factory=list)
