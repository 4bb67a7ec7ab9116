"""標楷體 on machines without it: a Kai face with Taiwanese glyph forms, never a Japanese one."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase

from sqeditor.exchange.layout import FONT_FAMILY

WINDOWS_KAI = (FONT_FAMILY, "DFKai-SB")
# Debian fonts-cns11643-kai (教育部 standard forms), then fonts-arphic-ukai, then a TC face.
KAI_SUBSTITUTES = ("TW-Kai", "TW-Kai-Ext-B", "TW-Kai-Plus", "AR PL UKai TW", "Noto Serif CJK TC",
                   "Noto Sans CJK TC")


# Windows lists these faces by their Chinese names on a Chinese system, by the English elsewhere.
LOCALIZED_FAMILIES = (("Microsoft JhengHei", "微軟正黑體"), ("Microsoft JhengHei UI", "微軟正黑體 UI"),
                      ("DFKai-SB", "標楷體"), ("PMingLiU", "新細明體"), ("MingLiU", "細明體"))


def family_names(family: str) -> set[str]:
    """A family's English and localized names."""
    names = {family}
    for english, localized in LOCALIZED_FAMILIES:
        if family in (english, localized):
            names |= {english, localized}
    return names


def installed_family(family: str, installed: Iterable[str]) -> str | None:
    """The name under which this system lists the family, in either language; None if absent."""
    listed = {name.casefold(): name for name in installed}
    return next((listed[n.casefold()] for n in sorted(family_names(family)) if n.casefold() in listed), None)


def install_kai_substitutions() -> None:
    """Let Qt draw 標楷體 / DFKai-SB with the first Kai face present (screen, preview, PDF)."""
    installed = QFontDatabase.families()
    for family in WINDOWS_KAI:
        if installed_family(family, installed) is None:
            QFont.insertSubstitutions(family, list(KAI_SUBSTITUTES))


def kai_families() -> list[str]:
    """Families to ask for, in order: the Windows names, then the substitutes for fallback."""
    return [*WINDOWS_KAI, *KAI_SUBSTITUTES]


def kai_font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(kai_families())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
