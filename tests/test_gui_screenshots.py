"""Screenshots of the main window on the sample, kept as test artifacts to look at."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
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
