"""Dialogs reachable without a human: about, settings, recent files, printing preview source."""



from sqeditor import __version__
from sqeditor.gui import preferences
from sqeditor.gui.about_dialog import AboutDialog
from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.settings_dialog import SettingsDialog
from sqeditor.store.schema import SCHEMA_VERSION


def test_about_names_version_format_and_settings_file(qtbot, gui_env):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.label.text()
    assert __version__ in text and f"報告檔格式版本：{SCHEMA_VERSION}" in text
    assert str(gui_env / "config") in text


def test_settings_dialog_chooses_english(qtbot, gui_env):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.accept()
    assert preferences.chosen_language() == "en"


def test_recent_files_menu(qtbot, gui_env, sample_file, tmp_path):
    other = tmp_path / "other.sqreport"
    other.write_bytes(sample_file.read_bytes())
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_file)
    window.open_path(other)
    names = [a.text() for a in window.menus.recent_menu.actions()]
    assert names == ["other.sqreport", "sample.sqreport"]
    window.menus.recent_menu.actions()[1].trigger()
    assert window.session.path == sample_file
    window.close()


def test_refuses_a_file_that_is_not_a_report(qtbot, gui_env, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append(text))
    bad = tmp_path / "notes.sqreport"
    bad.write_text("not a database", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_path(bad)
    assert shown and "notes.sqreport" in shown[0]
    assert window.session is None
    window.close()
