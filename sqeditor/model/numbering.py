"""List numbers of result paragraphs and section labels: computed, never stored.

A paragraph's marker comes from its level and position. A literal marker read from
imported text is kept on the paragraph only when it differs from what numbering would
draw (``3 `` for ``3. ``, a repeated number), so the checker can point at it.
"""

import re
from collections.abc import Iterable, Sequence

from sqeditor.model.report import Paragraph

STEMS = "甲乙丙丁戊己庚辛壬癸"
_DIGITS = "零一二三四五六七八九"
MAX_LEVEL = 3

_LEVEL1 = re.compile(r"^[ \t\u3000]*(\d{1,3})[ \t]*[.．、](?!\d)[ \t\u3000]*")
_LEVEL1_BARE = re.compile(r"^[ \t\u3000]*(\d{1,3})[ \t\u3000]+(?=[^\d\s.．、%])")
_LEVEL2 = re.compile(r"^[ \t\u3000]*[(（][ \t]*(\d{1,3})[ \t]*[)）][ \t\u3000]*")
_LEVEL3 = re.compile(rf"^[ \t\u3000]*([{STEMS}])[ \t]*[、.．][ \t\u3000]*")
_SECTION_NUMERALS = "一二三四五六七八九十百零壹貳參叁肆伍陸柒捌玖拾佰"
# 一、 壹、 （一） 構面一： 第一構面： 構面：, as agencies type section labels in front of the title
_SECTION_NUMBER = re.compile(
    rf"^[ \t\u3000]*(?:第?[{_SECTION_NUMERALS}]+[ \t]*構面|構面[ \t]*[{_SECTION_NUMERALS}]*"
    rf"|[(（][ \t]*[{_SECTION_NUMERALS}]+[ \t]*[)）]|[{_SECTION_NUMERALS}]+(?=[ \t]*[、.．：:]))"
    rf"[ \t]*[、.．：:]?[ \t\u3000]*")


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 110 → 一百一十 (up to 999)."""
    if number >= 100:
        hundreds, rest = divmod(number, 100)
        head = _DIGITS[hundreds] + "百"
        if not rest:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        return head + _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
    if number < 10:
        return _DIGITS[number]
    tens, ones = divmod(number, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def marker_for(level: int, number: int) -> str:
    """The marker drawn for the number-th paragraph of a list level ('' for plain)."""
    if level == 1:
        return f"{number}."
    if level == 2:
        return f"({number})"
    if level == 3:
        return STEMS[(number - 1) % len(STEMS)] + "、"
    return ""


def prefix_for(level: int, number: int) -> str:
    """The marker with the separator that follows it in plain text."""
    marker = marker_for(level, number)
    return marker + " " if level in (1, 2) else marker


def list_numbers(levels: Iterable[int]) -> list[int]:
    """Position of each paragraph in its list; a plain paragraph ends every list."""
    counters = [0] * (MAX_LEVEL + 1)
    numbers = []
    for level in levels:
        if level == 0:
            counters = [0] * (MAX_LEVEL + 1)
            numbers.append(0)
            continue
        counters[level] += 1
        for deeper in range(level + 1, MAX_LEVEL + 1):
            counters[deeper] = 0
        numbers.append(counters[level])
    return numbers


def list_markers(paragraphs: Sequence[Paragraph]) -> list[str]:
    """The computed marker of each paragraph ('' for plain ones)."""
    levels = [p.level for p in paragraphs]
    return [marker_for(lv, n) for lv, n in zip(levels, list_numbers(levels), strict=True)]


def display_prefixes(paragraphs: Sequence[Paragraph]) -> list[str]:
    """What stands before each paragraph's text: its literal marker, else the computed one."""
    levels = [p.level for p in paragraphs]
    numbers = list_numbers(levels)
    return [
        p.literal or prefix_for(p.level, n) for p, n in zip(paragraphs, numbers, strict=True)
    ]


def render_paragraphs(paragraphs: Sequence[Paragraph]) -> list[str]:
    """Paragraphs as plain text lines with their markers written out."""
    prefixes = display_prefixes(paragraphs)
    return [prefix + p.text for prefix, p in zip(prefixes, paragraphs, strict=True)]


def parse_paragraph(line: str, expected_bare: int | None = None) -> tuple[int, str, str, int]:
    """Split a literal marker off a line: (level, text, raw prefix, number).

    A bare number without its period (``3 定期辦理``) counts as a marker only when it is
    the number the list expects next, so ``110 年受理`` stays plain text.
    """
    for level, pattern in ((2, _LEVEL2), (3, _LEVEL3), (1, _LEVEL1)):
        match = pattern.match(line)
        if match:
            token = match.group(1)
            number = int(token) if token.isdigit() else STEMS.index(token) + 1
            return level, line[match.end():], match.group(0), number
    match = _LEVEL1_BARE.match(line)
    if match and expected_bare is not None and int(match.group(1)) == expected_bare:
        return 1, line[match.end():], match.group(0), expected_bare
    return 0, line, "", 0


def parse_paragraphs(lines: Iterable[str]) -> list[Paragraph]:
    """Turn text lines with literal markers into paragraphs with list levels."""
    parsed: list[tuple[int, str, str]] = []
    last_level1 = 0
    for line in lines:
        level, text, raw, _ = parse_paragraph(
            line, expected_bare=last_level1 + 1 if last_level1 else None
        )
        if level == 1:
            last_level1 += 1
        elif level == 0:
            last_level1 = 0
        parsed.append((level, text, raw))
    numbers = list_numbers(level for level, _, _ in parsed)
    return [
        Paragraph(text, level, "" if raw == prefix_for(level, n) else raw)
        for (level, text, raw), n in zip(parsed, numbers, strict=True)
    ]


def strip_section_number(title: str) -> str:
    """A section title without a literal label in front: '二、' '貳、' '（二）' '構面二：' '第二構面：'."""
    return _SECTION_NUMBER.sub("", title, count=1)


def section_label(index: int, title: str) -> str:
    """'一、基礎服務' for the first section, whatever numbering the title carried."""
    return f"{chinese_numeral(index + 1)}、{strip_section_number(title)}"
