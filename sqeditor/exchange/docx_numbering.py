"""Word's own list definitions (numbering.xml) mapped onto the result's list levels 1 '1.', 2 '(1)', 3 '甲、'.

A paragraph's level comes from its list definition (numId → abstractNum → the ilvl's numFmt and
lvlText, with the num's overrides), never from the glyph Word happens to draw. A level whose
format draws one of our markers exactly takes that level ('(%2)' → 2, 甲乙丙 '%3、' → 3); any
other level sits one below the level above it in the same list (LibreOffice's nested '%2.' → 2,
Word's 「一、」 at the top → 1), never past 3. Bullets are not numbers: see `ListLevel.bullet`;
a level that draws nothing (numFmt none) is level 0, a plain paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from sqeditor.exchange.docx_package import W, val

_PARENS = (("(", ")"), ("（", "）"))
_STEM_FORMATS = ("ideographTraditional", "ideographZodiac", "ideographZodiacTraditional")
MAX_WORD_LEVELS = 9


@dataclass(frozen=True)
class ListLevel:
    """Our list level for one Word list level, whether Word draws a bullet there, and the
    number Word draws for this paragraph (0 when not known)."""

    level: int
    bullet: bool = False
    word_number: int = 0


@dataclass(frozen=True)
class _LevelFormat:
    fmt: str
    text: str
    start: int = 1


_DEFAULT = _LevelFormat("decimal", "%1.")


def _exact_level(fmt: str, text: str, ilvl: int) -> int:
    """The level whose marker this format draws exactly, or 0 when none does."""
    own = f"%{ilvl + 1}"
    if (any(text == f"{a}{own}{b}" for a, b in _PARENS) and fmt.startswith("decimal")) \
            or fmt == "decimalEnclosedParen":
        return 2
    if fmt in _STEM_FORMATS and text.startswith(own):
        return 3
    return 0


def list_levels(formats: dict[int, _LevelFormat]) -> dict[int, ListLevel]:
    """Our level for each Word level of one list definition (see the module docstring)."""
    levels: dict[int, ListLevel] = {}
    above = 0
    for ilvl in range(MAX_WORD_LEVELS):
        form = formats.get(ilvl, _LevelFormat("decimal", f"%{ilvl + 1}."))
        if form.fmt == "none" or (form.fmt != "bullet" and "%" not in form.text):
            levels[ilvl] = ListLevel(0)  # Word draws no number here: a plain paragraph
            continue
        level = min(3, max(_exact_level(form.fmt, form.text, ilvl), above + 1))
        levels[ilvl] = ListLevel(level, bullet=form.fmt == "bullet")
        above = level
    return levels


def _formats(parent: etree._Element) -> dict[int, _LevelFormat]:
    return {int(val(lvl, "ilvl") or 0): _LevelFormat(val(lvl.find(f"{W}numFmt")),
                                                     val(lvl.find(f"{W}lvlText")),
                                                     _int(val(lvl.find(f"{W}start")), 1))
            for lvl in parent.iterchildren(f"{W}lvl")}


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


@dataclass
class WordNumbering:
    """(numId, ilvl) → ListLevel for a document, and the numbering paragraph styles carry."""

    levels: dict[str, dict[int, ListLevel]] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    starts: dict[str, dict[int, int]] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def read_numbering(self, root: etree._Element, styles: etree._Element | None) -> None:
        abstracts = list(root.iterchildren(f"{W}abstractNum"))
        abstract_formats = {val(a, "abstractNumId"): _formats(a) for a in abstracts}
        links = {val(a, "abstractNumId"): val(a.find(f"{W}numStyleLink"))
                 for a in abstracts if a.find(f"{W}numStyleLink") is not None}
        style_num = self._style_num_ids(styles)
        nums = {val(n, "numId"): n for n in root.iterchildren(f"{W}num")}
        for num_id, num in nums.items():
            abstract_id = val(num.find(f"{W}abstractNumId"))
            if abstract_id in links:  # a list style: the definition is in the num that style names
                linked = nums.get(style_num.get(links[abstract_id], ""))
                if linked is not None:
                    abstract_id = val(linked.find(f"{W}abstractNumId"))
            formats = dict(abstract_formats.get(abstract_id, {}))
            starts = {ilvl: form.start for ilvl, form in formats.items()}
            for override in num.iterchildren(f"{W}lvlOverride"):
                formats.update(_formats(override))
                ilvl = _int(val(override, "ilvl"), 0)
                default = formats.get(ilvl, _DEFAULT).start
                starts[ilvl] = _int(val(override.find(f"{W}startOverride")), default)
            self.levels[num_id] = list_levels(formats)
            self.starts[num_id] = starts

    @staticmethod
    def _style_num_ids(styles: etree._Element | None) -> dict[str, str]:
        if styles is None:
            return {}
        return {val(s, "styleId"): val(s.find(f"{W}pPr/{W}numPr/{W}numId"))
                for s in styles.iterchildren(f"{W}style") if s.find(f"{W}pPr/{W}numPr/{W}numId") is not None}

    def read_styles(self, root: etree._Element) -> None:
        """Paragraph styles' numPr, following basedOn so a style inherits its parent's list."""
        own: dict[str, tuple[str | None, int | None]] = {}
        based_on: dict[str, str] = {}
        for style in root.iterchildren(f"{W}style"):
            style_id = val(style, "styleId")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                ilvl = val(num_pr.find(f"{W}ilvl"))
                own[style_id] = (val(num_pr.find(f"{W}numId")) or None, int(ilvl) if ilvl else None)
            if style.find(f"{W}basedOn") is not None:
                based_on[style_id] = val(style.find(f"{W}basedOn"))
        for style_id in {*own, *based_on}:
            num_id, ilvl, seen, current = None, None, set(), style_id
            while current and current not in seen:
                seen.add(current)
                found_id, found_lvl = own.get(current, (None, None))
                num_id = num_id or found_id
                ilvl = ilvl if ilvl is not None else found_lvl
                current = based_on.get(current, "")
            if num_id:
                self.style_numbering[style_id] = (num_id, ilvl)

    def level_of(self, num_id: str | None, ilvl: str | None, style: str | None) -> ListLevel | None:
        """The list level of a paragraph, or None when Word does not number it.

        Called once per paragraph in document order: it also counts the number Word draws (a
        list continued from an earlier cell, or one set to start at 3, draws other numbers than
        ours, which restart in every cell).
        """
        style_id, style_lvl = self.style_numbering.get(style or "", (None, None))
        num_id = num_id or style_id
        if not num_id or num_id == "0":
            return None
        word_level = min(int(ilvl) if ilvl and ilvl.isdigit() else (style_lvl or 0), MAX_WORD_LEVELS - 1)
        levels = self.levels.get(num_id)
        if levels is None:
            return None  # a numId with no definition: Word draws no number either
        found = levels[word_level]
        if found.bullet or not found.level:
            return found
        counters = self._counters.setdefault(num_id, {})
        number = counters[word_level] + 1 if word_level in counters else \
            self.starts.get(num_id, {}).get(word_level, 1)
        counters[word_level] = number
        for deeper in [k for k in counters if k > word_level]:
            del counters[deeper]
        return ListLevel(found.level, word_number=number)
