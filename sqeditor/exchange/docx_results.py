"""A result cell's paragraphs with their list levels: Word's numbering first, typed markers otherwise.

Word numbering decides the level (docx_numbering); a marker typed in front of the text at the
same level ('1. 本局' in a paragraph Word numbers '1.') is the same number twice and goes.
Bullets are not numbers: a bullet list on its own becomes plain paragraphs; bullets under a
numbered paragraph take the level below it so the numbers around them do not restart. Either
way the change is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqeditor.exchange.docx_cells import CellContent
from sqeditor.exchange.docx_numbering import WordNumbering
from sqeditor.exchange.layout import EMPTY_MARK
from sqeditor.model import Paragraph, parse_paragraph, parse_paragraphs
from sqeditor.model.numbering import list_markers, list_numbers, marker_for


@dataclass
class ResultReader:
    numbering: WordNumbering

    def read(self, content: CellContent) -> tuple[list[Paragraph], list[str]]:
        """The result paragraphs, and notes on what was changed (bullets)."""
        lines: list[str] = []
        word_levels: list[int | None] = []
        word_numbers: dict[int, int] = {}  # line index → the number Word draws there
        anchor = 0  # level of the last numbered paragraph, 0 after a plain one
        bullets: dict[int, int] = {}
        for paragraph in content.paragraphs:
            pieces = [line.replace("\t", " ").rstrip() for line in paragraph.text.split("\n")]
            pieces = [line for line in pieces if line.strip()]
            if not pieces:
                continue
            found = self.numbering.level_of(paragraph.num_id, paragraph.ilvl, paragraph.style)
            if found is None or (found.level == 0 and not found.bullet):
                lines.extend(pieces)
                word_levels.extend([None] * len(pieces))
                anchor = 0
                continue
            level = min(anchor + 1, 3) if found.bullet and anchor else 0 if found.bullet else found.level
            if found.bullet:
                bullets[level] = bullets.get(level, 0) + 1
            else:
                anchor = level
                word_numbers[len(lines)] = found.word_number
            self._numbered(pieces, level, lines, word_levels)
        if [line.strip() for line in lines] == [EMPTY_MARK]:
            return [], []
        parsed = parse_paragraphs(lines)
        paragraphs = [
            Paragraph(line, level) if level is not None else p
            for p, line, level in zip(parsed, lines, word_levels, strict=True)
        ]
        notes = [f"{count} 個項目符號段落改為"
                 + ("一般段落" if level == 0 else f"第 {level} 層編號（{marker_for(level, 1)}）")
                 for level, count in sorted(bullets.items())]
        notes.extend(_renumbered(paragraphs, word_numbers))
        return _drop_matching_literals(paragraphs), notes

    @staticmethod
    def _numbered(pieces: list[str], level: int, lines: list[str], word_levels: list[int | None]) -> None:
        """A numbered paragraph: the typed marker of its own level goes; lines after a manual break
        join it, unless they start with a typed marker of their own."""
        typed_level, text, _, _ = parse_paragraph(pieces[0])
        lines.append((text if typed_level == level else pieces[0]).strip())
        word_levels.append(level)
        for piece in pieces[1:]:
            typed_level, _, _, _ = parse_paragraph(piece)
            if typed_level:
                lines.append(piece)
                word_levels.append(None)
            else:
                lines[-1] += piece.strip()


def _renumbered(paragraphs: list[Paragraph], word_numbers: dict[int, int]) -> list[str]:
    """The first place where Word drew another number than ours (ours restart in every cell)."""
    numbers = list_numbers(p.level for p in paragraphs)
    for index, word_number in word_numbers.items():
        level, ours = paragraphs[index].level, numbers[index]
        if word_number and word_number != ours:
            return [f"Word 的自動編號在這裡是「{marker_for(level, word_number)}」（接續前面的清單"
                    f"或設定了起始號碼），匯入後依位置重新編號為「{marker_for(level, ours)}」"]
    return []


def _drop_matching_literals(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A literal marker that is just the computed one written another way ('甲、 ') goes."""
    if not any(p.literal for p in paragraphs):
        return paragraphs
    computed = list_markers(paragraphs)
    return [
        Paragraph(p.text, p.level) if p.literal and "".join(p.literal.split()) == marker else p
        for p, marker in zip(paragraphs, computed, strict=True)
    ]
