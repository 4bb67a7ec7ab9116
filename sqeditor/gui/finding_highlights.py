"""Checker findings placed in a result document and drawn as wavy underlines.

Each finding is held by a QTextCursor selection, so it moves with the text the clerk
types around it; a finding whose text was edited away is stale and is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from sqeditor.gui.list_blocks import block_literal
from sqeditor.gui.utf16 import to_utf16

if TYPE_CHECKING:
    from sqeditor.rules.finding import Finding

UNDERLINE_COLORS = {"error": QColor("#d32f2f"), "warning": QColor("#1565c0"), "info": QColor("#7a7a7a")}


def severity_name(finding: Finding) -> str:
    """'error', 'warning' or 'info', whether severity is an enum or a string."""
    severity = finding.severity
    return str(getattr(severity, "value", severity)).lower()


@dataclass
class PlacedFinding:
    """A finding and the selection that covers its text in the document."""

    finding: Finding
    cursor: QTextCursor
    from_checker: bool  # found by the editor's own per-paragraph pass

    @property
    def on_marker(self) -> bool:
        """About the paragraph's imported list marker, which is painted, not in the text."""
        return getattr(self.finding, "on_marker", False)

    def is_stale(self) -> bool:
        if self.on_marker:
            return block_literal(self.cursor.block()) != self.finding.text
        return self.cursor.selectedText() != self.finding.text

    def covers(self, position: int) -> bool:
        return self.cursor.selectionStart() <= position <= self.cursor.selectionEnd()


class FindingHighlights:
    """The findings shown in one document, as tracked selections."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self.placed: list[PlacedFinding] = []

    def clear(self) -> None:
        self.placed = []

    def place(self, findings: Iterable[Finding], *, from_checker: bool = False) -> None:
        """Add result findings whose text is still where the finding says."""
        for finding in findings:
            if getattr(finding, "field", "result") != "result":
                continue
            block = self._document.findBlockByNumber(finding.paragraph)
            if block.isValid():
                self.place_in_block(block, finding, from_checker=from_checker)

    def place_in_block(self, block: QTextBlock, finding: Finding, *, from_checker: bool) -> bool:
        if getattr(finding, "on_marker", False):
            return self._place_on_marker(block, finding, from_checker)
        text = block.text()
        if not 0 <= finding.start <= finding.end <= len(text):
            return False
        if text[finding.start : finding.end] != finding.text:
            return False
        cursor = QTextCursor(self._document)
        cursor.setPosition(block.position() + to_utf16(text, finding.start))
        cursor.setPosition(block.position() + to_utf16(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
        if any(self._same(p, finding, cursor) for p in self.placed):
            return False
        self.placed.append(PlacedFinding(finding, cursor, from_checker))
        return True

    def _place_on_marker(self, block: QTextBlock, finding: Finding, from_checker: bool) -> bool:
        if block_literal(block) != finding.text:
            return False
        cursor = QTextCursor(block)
        if any(self._same(p, finding, cursor) for p in self.placed):
            return False
        self.placed.append(PlacedFinding(finding, cursor, from_checker))
        return True

    @staticmethod
    def _same(placed: PlacedFinding, finding: Finding, cursor: QTextCursor) -> bool:
        return (
            placed.finding.rule == finding.rule
            and placed.cursor.selectionStart() == cursor.selectionStart()
            and placed.cursor.selectionEnd() == cursor.selectionEnd()
        )

    def remove(self, predicate: Callable[[PlacedFinding], bool]) -> bool:
        """Drop the findings matching predicate; True if any went."""
        kept = [p for p in self.placed if not predicate(p)]
        changed = len(kept) != len(self.placed)
        self.placed = kept
        return changed

    def drop_stale(self) -> bool:
        return self.remove(PlacedFinding.is_stale)

    def at(self, position: int) -> list[PlacedFinding]:
        """Findings under a document position (UTF-16), errors first."""
        hits = [p for p in self.placed if p.covers(position)]
        return sorted(hits, key=lambda p: severity_name(p.finding) != "error")

    def marker_severities(self) -> dict[int, str]:
        """Block number → severity of a finding on its painted marker (errors win)."""
        found: dict[int, str] = {}
        for placed in self.placed:
            if placed.on_marker:
                number = placed.cursor.block().blockNumber()
                if found.get(number) != "error":
                    found[number] = severity_name(placed.finding)
        return found

    def findings(self) -> list[Finding]:
        return [p.finding for p in self.placed]

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        """Wavy underlines: red errors, blue warnings, grey notes."""
        result = []
        for placed in self.placed:
            if placed.on_marker:
                continue  # drawn under the painted marker
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._visible_cursor(placed.cursor)
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            color = UNDERLINE_COLORS.get(severity_name(placed.finding), UNDERLINE_COLORS["info"])
            fmt.setUnderlineColor(color)
            selection.format = fmt
            result.append(selection)
        return result

    @staticmethod
    def _visible_cursor(cursor: QTextCursor) -> QTextCursor:
        """A finding about a missing mark (empty range) underlines the character before it."""
        if cursor.hasSelection():
            return cursor
        widened = QTextCursor(cursor)
        if widened.positionInBlock() > 0:
            widened.movePosition(QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor)
        else:
            widened.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        return widened
