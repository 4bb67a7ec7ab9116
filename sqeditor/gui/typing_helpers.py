"""Text helpers for typing Traditional Chinese: full-width punctuation, PDF paste cleaning,
and the preview diff of the explicit Simplified → Taiwan conversion (sqeditor.chinese_text).

Plain functions over strings (no Qt), so they are tested without a display.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from sqeditor.chinese_text import CHINESE_RANGES, FULL_WIDTH, char_class, is_chinese
from sqeditor.model import parse_paragraph

_CJK_CLASS = char_class(CHINESE_RANGES)
_SENTENCE_END = "。！？；：」』）"
_SPACE = r"[ \t\u3000\u00a0]+"


def full_width_for(typed: str, before: str) -> str | None:
    """The full-width mark to insert instead of ``typed``, or None to keep it.

    ``before`` is the paragraph text left of the cursor. A half-width mark right after
    a Chinese character turns full-width; so does ')' closing a full-width '（', so that
    pairs stay alike. Marks inside English or numbers (3.14) stay half-width.
    """
    if typed not in FULL_WIDTH:
        return None
    if typed == ")" and _open_parenthesis(before) == "（":
        return "）"
    if before and is_chinese(before[-1]):
        return FULL_WIDTH[typed]
    return None


def _open_parenthesis(before: str) -> str | None:
    depth = 0
    for ch in reversed(before):
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return ch
            depth -= 1
    return None


@cache
def _cleaners() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled on first paste, not at start-up (the CJK classes take a while to compile)."""
    return (
        (re.compile(rf"(?<=[{_CJK_CLASS}]){_SPACE}(?=[{_CJK_CLASS}])"), ""),
        (re.compile(rf"(?<=[{_CJK_CLASS}]){_SPACE}(?=[0-9A-Za-z%])"), ""),
        (re.compile(rf"(?<=[0-9A-Za-z%]){_SPACE}(?=[{_CJK_CLASS}])"), ""),
        (re.compile(rf"(?<=\d,){_SPACE}(?=\d{{3}}(?!\d))"), ""),
        (re.compile(rf"(?<=\d){_SPACE}(?=[.,]\d)"), ""),
        (re.compile(rf"(?<=\d[.]){_SPACE}(?=\d)"), ""),
    )


def clean_pdf_line(text: str) -> str:
    """Remove the spaces a PDF puts between Chinese characters and around digits."""
    for pattern, replacement in _cleaners():
        text = pattern.sub(replacement, text)
    return text.strip(" \t\u3000")


def clean_pdf_text(text: str) -> list[str]:
    """Paragraph lines of text pasted from a PDF: broken lines joined, stray spaces gone.

    A line continues the one before unless that one ends a sentence or this one starts
    a list marker; a leading marker (``3 定期辦理``) is kept as typed for parse_paragraphs.
    """
    paragraphs: list[list[str]] = []  # [raw marker, body]
    expected_bare: int | None = None
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").split("\n"):
        line = raw_line.strip(" \t\u3000")
        if not line:
            expected_bare = None
            if paragraphs and paragraphs[-1][1]:
                paragraphs.append(["", ""])
            continue
        level, body, raw, number = parse_paragraph(line, expected_bare)
        expected_bare = number + 1 if level == 1 else expected_bare
        last = paragraphs[-1] if paragraphs else None
        if last is not None and not raw and last[1] and last[1][-1] not in _SENTENCE_END:
            last[1] = _join(last[1], body)
        elif last is not None and not last[1] and not last[0]:
            last[0], last[1] = raw, body
        else:
            paragraphs.append([raw, body])
    return [raw + clean_pdf_line(body) for raw, body in paragraphs if raw or body]


def _join(head: str, tail: str) -> str:
    if head[-1].isascii() and head[-1].isalnum() and tail[:1].isascii() and tail[:1].isalnum():
        return f"{head} {tail}"
    return head + tail


@dataclass(frozen=True)
class ConversionChange:
    """One changed stretch of a paragraph: code-point offsets into the old text."""

    paragraph: int
    start: int
    end: int
    old: str
    new: str


def conversion_changes(paragraph: int, old: str, new: str) -> list[ConversionChange]:
    """The stretches where ``new`` differs from ``old``, for a preview before applying."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        ConversionChange(paragraph, i1, i2, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
