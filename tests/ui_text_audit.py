"""Reads every visible text of a window or dialog and reports English left over or text cut off;
the `chinese` fixture installs the zh_TW translations as the program does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QModelIndex, QSettings, Qt, QTranslator
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from sqeditor.gui.app import apply_fonts

# names that stay as they are in a Chinese UI: file formats, products, key names
ALLOWED_WORDS = frozenset({
    "Word", "PDF", "Excel", "JSON", "PNG", "OpenCC", "sqeditor", "Qt", "PySide", "KB", "MB",
    "docx", "pdf", "xlsx", "json", "sqreport", "Ctrl", "Shift", "Alt", "Tab", "Enter", "Esc",
    "PgUp", "PgDown", "Up", "Down", "Del", "Home", "End", "Space", "Backspace",
})
_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。、）)」]*|\S+\.(?:sqreport|docx|xlsx|json|pdf|png)\b")
_WORD = re.compile(r"[A-Za-z]{2,}")
_SHORTCUT = re.compile(r"\bF\d{1,2}\b")


def english_words(text: str) -> list[str]:
    """Latin words that are not paths, file names, format names or key names."""
    plain = _SHORTCUT.sub(" ", _PATH.sub(" ", text.replace("&", "")))
    return [w for w in _WORD.findall(plain) if w not in ALLOWED_WORDS]


def plain_text(text: str) -> str:
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a clerk can see on this widget (not its children)."""
    name = type(widget).__name__
    found = [(f"{name} tooltip", widget.toolTip())]
    if widget.isWindow():
        found.append((f"{name} title", widget.windowTitle()))
    if isinstance(widget, QLabel):
        found.append((name, plain_text(widget.text())))
    elif isinstance(widget, QAbstractButton):
        found.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        found.append((name, widget.title()))
    elif isinstance(widget, QLineEdit):
        found.append((f"{name} placeholder", widget.placeholderText()))
    elif isinstance(widget, QTabWidget):
        found += [(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
    elif isinstance(widget, QMenu):
        found.append((f"{name} title", widget.title()))
        found += [(f"{name} action", a.text()) for a in widget.actions()]
        found += [(f"{name} action tooltip", a.toolTip()) for a in widget.actions()
                  if a.toolTip() != a.text()]
    elif isinstance(widget, (QTreeView, QTableView)) and widget.model() is not None:
        model = widget.model()
        found += [(f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                  for c in range(model.columnCount(QModelIndex()))]
    return [(where, text) for where, text in found if text]


def cut_off(widget: QWidget) -> str | None:
    """Why this label, button or check box does not show all its text, or None."""
    if isinstance(widget, QLabel) and not GuiQt.mightBeRichText(widget.text()) and widget.text():
        rect = widget.contentsRect()
        metrics = QFontMetrics(widget.font())
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            return f"height {widget.height()} < {need}" if widget.height() < need else None
        text = widget.text()
        if widget.buddy() is not None:  # '&' marks the mnemonic and is not drawn
            text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        need = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        return f"width {rect.width()} < {need}" if rect.width() < need else None
    if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text():
        hint = widget.minimumSizeHint() if isinstance(widget, QPushButton) else widget.sizeHint()
        if widget.width() < hint.width() or widget.height() < hint.height():
            return f"size {widget.width()}x{widget.height()} < {hint.width()}x{hint.height()}"
    return None


def audit(window: QWidget) -> list[str]:
    """Problems on a shown window: English words left, texts cut off, with the text concerned."""
    problems = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not (widget.isVisible() or isinstance(widget, QMenu)):
            continue
        for where, text in widget_texts(widget):
            words = english_words(text)
            if words:
                problems.append(f"{window.windowTitle()}: English {words} in {where}: {text!r}")
        reason = cut_off(widget) if widget.isVisible() else None
        if reason:
            problems.append(f"{window.windowTitle()}: cut off ({reason}): {type(widget).__name__} "
                            f"{getattr(widget, 'text', lambda: '')()!r}")
    return problems


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture
def chinese(qapp, tmp_path, monkeypatch):
    """The zh_TW translations as shipped: ours built from the .ts, and Qt's own for its buttons."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    apply_fonts(qapp)  # sizes are checked with the fonts the program uses
    qm = tmp_path / "sqeditor_zh_TW.qm"
    ts = ROOT / "translations" / "sqeditor_zh_TW.ts"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts),
                    "-qm", str(qm)], check=True)
    ours, qt = QTranslator(), QTranslator()
    assert ours.load(str(qm))
    assert qt.load("qtbase_zh_TW", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for translator in (ours, qt):
        qapp.installTranslator(translator)
    yield
    for translator in (ours, qt):
        qapp.removeTranslator(translator)
