"""Result paragraphs as QTextDocument blocks: the list level is the block's indent.

Keeping the level in the block format makes level changes undoable with the text,
and lets Enter carry the level into the new block. Markers are never in the text:
they are computed from the levels (sqeditor.model.numbering) and painted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat

from sqeditor.gui.utf16 import from_utf16
from sqeditor.model import Paragraph
from sqeditor.model.numbering import MAX_LEVEL, list_numbers, marker_for, prefix_for

LITERAL_PROPERTY = QTextFormat.Property.UserProperty + 1


def blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.firstBlock()
    while block.isValid():
        yield block
        block = block.next()


def block_level(block: QTextBlock) -> int:
    return min(max(block.blockFormat().indent(), 0), MAX_LEVEL)


def block_literal(block: QTextBlock) -> str:
    value = block.blockFormat().property(LITERAL_PROPERTY)
    return value if isinstance(value, str) else ""


def level_format(level: int, literal: str = "") -> QTextBlockFormat:
    """A block format for a list level; ``literal`` is an imported marker kept as is."""
    fmt = QTextBlockFormat()
    fmt.setIndent(level)
    if literal:
        fmt.setProperty(LITERAL_PROPERTY, literal)
    return fmt


def read_paragraphs(document: QTextDocument) -> list[Paragraph]:
    """The document as result paragraphs; one empty plain block is an empty result."""
    items = [(b.text(), block_level(b), block_literal(b)) for b in blocks(document)]
    if len(items) == 1 and items[0][:2] == ("", 0):
        return []
    numbers = list_numbers(level for _, level, _ in items)
    return [
        Paragraph(text, level, "" if literal == prefix_for(level, n) else literal)
        for (text, level, literal), n in zip(items, numbers, strict=True)
    ]


def write_paragraphs(cursor: QTextCursor, paragraphs: Sequence[Paragraph], *, literals: bool) -> None:
    """Insert paragraphs at the cursor; the first one joins the cursor's block."""
    for index, paragraph in enumerate(paragraphs):
        fmt = level_format(paragraph.level, paragraph.literal if literals else "")
        if index == 0:
            cursor.setBlockFormat(fmt)
        else:
            cursor.insertBlock(fmt)
        cursor.insertText(paragraph.text)


def drawn_markers(document: QTextDocument) -> list[str]:
    """The marker painted before each block: its imported literal, else the computed one."""
    levels = [block_level(b) for b in blocks(document)]
    numbers = list_numbers(levels)
    return [
        (block_literal(b).strip() or marker_for(level, n)) if level else ""
        for b, level, n in zip(blocks(document), levels, numbers, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class MarkerRow:
    """A painted marker and where it goes, in document coordinates."""

    block: int
    marker: str
    top: float  # the block's first line
    bottom: float
    baseline: float
    text_x: float  # where the first line's text starts: the marker ends just before it


def marker_rows(document: QTextDocument) -> list[MarkerRow]:
    """The markers of the laid-out blocks that have one."""
    rows = []
    for block, marker in zip(blocks(document), drawn_markers(document), strict=True):
        layout = block.layout()
        if not marker or layout.lineCount() == 0:
            continue
        line, origin = layout.lineAt(0), layout.position()
        top = origin.y() + line.y()
        rows.append(
            MarkerRow(
                block.blockNumber(),
                marker,
                top,
                top + line.height(),
                top + line.ascent(),
                origin.x() + line.x(),
            )
        )
    return rows


def selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    """The blocks a cursor's selection touches (the cursor's block without one)."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    found = [first]
    while found[-1] != last and found[-1].isValid():
        found.append(found[-1].next())
    return [b for b in found if b.isValid()]


def selection_as_text(cursor: QTextCursor) -> str:
    """Selected text with list markers written out, so it pastes right in Word or back here."""
    if not cursor.hasSelection():
        return ""
    chosen = selected_blocks(cursor)
    if len(chosen) == 1:
        return cursor.selection().toPlainText()
    document = cursor.document()
    levels = [block_level(b) for b in blocks(document)]
    numbers = list_numbers(levels)
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    lines = []
    for block in chosen:
        number = block.blockNumber()
        head = max(start, block.position()) - block.position()
        tail = min(end, block.position() + block.length() - 1) - block.position()
        text = block.text()
        piece = text[from_utf16(text, head) : from_utf16(text, tail)]
        prefix = prefix_for(levels[number], numbers[number]) if head == 0 else ""
        lines.append(prefix + piece)
    return "\n".join(lines)
