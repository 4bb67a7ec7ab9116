"""標楷體 on machines without it: a Kai face with Taiwanese glyph forms, never a Japanese one."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from sqeditor.exchange.layout import FONT_FAMILY

WINDOWS_KAI = (FONT_FAMILY, "DFKai-SB")
# Debian fonts-cns11643-kai (教育部 standard forms), then fonts-arphic-ukai, then a TC face.
KAI_SUBSTITUTES = ("TW-Kai", "TW-Kai-Ext-B", "TW-Kai-Plus", "AR PL UKai TW", "Noto Serif CJK TC",
                   "Noto Sans CJK TC")


def install_kai_substitutions() -> None:
    """Let Qt draw 標楷體 / DFKai-SB with the first Kai face present (screen, preview, PDF)."""
    for family in WINDOWS_KAI:
        if family not in QFontDatabase.families():
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
