"""The .ts files hold every UI string of the GUI sources, translated, and English can be chosen."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from sqeditor.gui import preferences
from sqeditor.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("zh_TW", "en")
BIN = Path(sys.executable).parent


def gui_sources() -> list[str]:
    return [str(p) for folder in ("gui", "printing")
            for p in sorted((ROOT / "sqeditor" / folder).glob("*.py"))]


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_is_up_to_date_with_the_sources(tmp_path, language):
    """Running pyside6-lupdate on the sources changes nothing: no string is missing or stale."""
    committed = TRANSLATIONS / f"sqeditor_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    subprocess.run([str(BIN / "pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                    *gui_sources(), "-ts", str(fresh)], check=True)
    assert messages(fresh).keys() == messages(committed).keys()
    assert fresh.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    found = messages(TRANSLATIONS / f"sqeditor_{language}.ts")
    assert len(found) > 100
    for (context, source), translation in found.items():
        assert translation is not None and translation.get("type") is None, (context, source)
        assert translation.text and translation.text.strip(), (context, source)
        if language == "en":
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in translation.text), (context, source)
            assert translation.text.count("{") == source.count("{"), (context, source)


@pytest.fixture
def english(qapp, tmp_path):
    qm = tmp_path / "sqeditor_en.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TRANSLATIONS / "sqeditor_en.ts"),
                    "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_english_main_window(qtbot, english, tmp_path, monkeypatch, sample_file):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_file)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Tools", "&Help"]
    assert window.windowTitle() == "sample.sqreport – Saved – Assessment Report Editor"
    assert QCoreApplication.translate("Status", "完成") == "Done"
    window.close()


def test_language_setting_is_remembered(tmp_path):
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    preferences.set_language("en")
    assert preferences.chosen_language() == "en"
    preferences.set_language("zh_TW")
    assert preferences.chosen_language() == "zh_TW"


def test_chinese_unless_the_system_names_another_language():
    for name, language in (("zh_TW", "zh_TW"), ("zh_HK", "zh_TW"), ("C", "zh_TW"),
                           ("en_US", "en"), ("ja_JP", "en")):
        assert preferences.system_language(QLocale(name)) == language, name
