"""Screenshots of the main window on the sample, kept as test artifacts to look at."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QFontInfo

from sqeditor.gui.app import apply_fonts, ui_font_families
from sqeditor.gui.main_window import MainWindow

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TARGET = "提供多元案件查詢管道"


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_main_window_screenshot(qtbot, qapp, tmp_path, monkeypatch, sample_file, size):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    apply_fonts(qapp)
    assert ui_font_families(), "install fonts-noto-cjk: no Traditional Chinese UI font"
    assert "JP" not in QFontInfo(qapp.font()).family() and "SC" not in QFontInfo(qapp.font()).family()
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_file)
    window.resize(*size)
    window.show()
    row = next(r for r in window.session.report.rows() if TARGET in r.title)
    window.select_node(row)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: len(window.findings.shown) > 0, timeout=10_000)
    editor = window.editor_for(row.id)
    check = editor.findChild(QTimer, "checkTimer")
    qtbot.waitUntil(lambda: not check.isActive() and bool(editor.extraSelections()), timeout=10_000)
    image = window.grab().toImage()
    assert (image.width(), image.height()) == size
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"main-window-{size[0]}x{size[1]}.png"
    assert image.save(str(path))
    assert path.stat().st_size > 20_000  # text rendered, not a blank window
    window.close()


def test_find_dialog_beside_the_marked_match(qtbot, qapp, tmp_path, monkeypatch, sample_file):
    """Enter in 尋找: the match is marked in the text and the dialog has moved off it."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor, QImage, QPainter

    from sqeditor.gui.result_editor import FOUND_COLOR
    from tests.test_gui_clerk_day import type_text

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    apply_fonts(qapp)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_file)
    window.resize(1280, 780)
    window.move(0, 0)
    window.show()
    qtbot.waitExposed(window)
    dialog = window.menus.tools.find()
    dialog.resize(420, 300)
    qtbot.waitExposed(dialog)
    type_text(dialog.find_edit, "廠商")
    window.select_node(dialog.matches[0].node)
    editor = window.editor_for(dialog.matches[0].node.id)
    dialog.move(editor.mapToGlobal(QPoint(0, 0)))  # over the text, where the match will be
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert editor.textCursor().selectedText() == "廠商"
    check = editor.findChild(QTimer, "checkTimer")
    qtbot.waitUntil(lambda: not check.isActive() and len(window.findings.shown) > 0, timeout=10_000)
    frame, shot = window.frameGeometry(), window.grab()
    place = dialog.geometry()
    canvas = QImage(frame.united(place).size(), QImage.Format.Format_RGB32)
    canvas.fill(QColor("#d0d0d0"))
    painter = QPainter(canvas)
    origin = frame.united(place).topLeft()
    painter.drawPixmap(window.geometry().topLeft() - origin, shot)
    painter.drawPixmap(place.topLeft() - origin, dialog.grab())
    painter.end()
    match = editor.cursorRect()
    centre = editor.viewport().mapToGlobal(match.center()) - origin
    assert not QRect(place.topLeft() - origin, place.size()).contains(centre)
    marked = [s for s in editor.extraSelections() if s.format.background().color() == FOUND_COLOR]
    assert len(marked) == 1
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "find-beside-match.png"
    assert canvas.save(str(path))
    window.close()
