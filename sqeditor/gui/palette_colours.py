"""Colours drawn from the palette, so text stays readable in Windows' dark mode as in the light one.

A fixed light colour (a pale red behind text, grey text) is unreadable when Windows gives Qt a
dark palette: the text turns white. Each colour here starts from the palette's own roles and is
darkened or lightened until it has WCAG's 4.5:1 contrast with what it is drawn on.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

READABLE = 4.5  # WCAG AA contrast for normal text
Role = QPalette.ColorRole


def luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    keep = 1 - share_of_b
    return QColor.fromRgbF(a.redF() * keep + b.redF() * share_of_b,
                           a.greenF() * keep + b.greenF() * share_of_b,
                           a.blueF() * keep + b.blueF() * share_of_b)


def readable_on(colour: QColor, background: QColor) -> QColor:
    """The colour, moved toward black or white (whichever is farther from the background) until
    it reaches the readable contrast."""
    target = QColor("black") if luminance(background) > 0.18 else QColor("white")
    for step in range(11):
        candidate = mix(colour, target, step / 10)
        if contrast(candidate, background) >= READABLE:
            return candidate
    return target


def secondary_text(palette: QPalette) -> QColor:
    """Quieter than the text (a last-edited line, a breadcrumb), still readable."""
    background = palette.color(Role.Window)
    return readable_on(mix(palette.color(Role.WindowText), background, 0.4), background)


def error_text(palette: QPalette) -> QColor:
    """Red for a refusal, readable on the window."""
    return readable_on(QColor("#b00020"), palette.color(Role.Window))


def accent_on_base(palette: QPalette, colour: QColor) -> QColor:
    """A status or severity colour for text in a list or tree."""
    return readable_on(colour, palette.color(Role.Base))


def marked_background(palette: QPalette, hue: QColor) -> QColor:
    """A background that marks text (only one side has it) while the palette's text stays readable:
    a tint of the list background, not a fixed pastel."""
    base, text = palette.color(Role.Base), palette.color(Role.Text)
    for share in (0.35, 0.25, 0.15, 0.08):
        tinted = mix(base, hue, share)
        if contrast(text, tinted) >= READABLE:
            return tinted
    return base


def set_text_colour(widget: QWidget, colour: QColor) -> None:
    """Colour a label's text through its palette (a style sheet's colour would ignore the theme)."""
    palette = widget.palette()
    palette.setColor(Role.WindowText, colour)
    palette.setColor(Role.Text, colour)
    widget.setPalette(palette)
