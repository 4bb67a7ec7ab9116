"""Starting the editor: the application, its fonts and language, and the first window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from sqeditor import __version__
from sqeditor.gui import preferences
from sqeditor.printing.fonts import installed_family
from sqeditor.resource_files import resource_path, resources_dir

UI_FONTS = ("Microsoft JhengHei UI", "Microsoft JhengHei", "Noto Sans CJK TC", "Noto Sans TC")
PAGE_FONTS = ("標楷體", "DFKai-SB", "TW-Kai", "AR PL UKai TW")


def translations_dir() -> Path:
    return resources_dir().parent / "translations"


def ui_font_families() -> list[str]:
    """Traditional-Chinese faces installed here, best first (never a JP or SC face), under the
    name the system lists them by (微軟正黑體 on a Chinese Windows)."""
    installed = QFontDatabase.families()
    found = (installed_family(family, installed) for family in UI_FONTS)
    return list(dict.fromkeys(name for name in found if name is not None))


def apply_fonts(app: QApplication) -> None:
    families = ui_font_families()
    font = QFont(app.font())
    if families:
        font.setFamilies(families)
    app.setFont(font)
    # without these, fontconfig/Windows may pick a Japanese face for 標楷體 text
    QFont.insertSubstitutions("標楷體", [f for f in PAGE_FONTS[1:] if f != "標楷體"])


def app_icon() -> QIcon:
    """The drawing every window, the taskbar and Alt+Tab show, sharp at any size (the .exe and
    the installer carry the same drawing as sqeditor.ico)."""
    return QIcon(str(resource_path("icons", "sqeditor.svg")))


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load our strings and Qt's own (dialog buttons) for the language; keep them alive."""
    loaded = []
    ours = QTranslator(app)
    if ours.load(str(translations_dir() / f"sqeditor_{language}.qm")):
        app.installTranslator(ours)
        loaded.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        loaded.append(qt)
    return loaded


def create_application(argv: list[str]) -> QApplication:
    if QApplication.instance() is None:  # crisp text at 125 % and 150 % Windows scaling
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("sqeditor")
    app.setApplicationName("sqeditor")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    apply_fonts(app)
    install_translators(app, preferences.chosen_language())
    return app


def run_gui(argv_files: list[str]) -> int:
    """Open the editor on a file given on the command line, else on the sample as 未命名."""
    app = create_application([sys.argv[0] if sys.argv else "sqeditor"])
    from sqeditor.gui.error_report import install_error_reporter
    install_error_reporter(app)
    preferences.move_untitled_reports(preferences.roaming_data_dir(), preferences.data_dir())
    from sqeditor.gui.main_window import MainWindow

    window = MainWindow()
    if argv_files:
        window.open_path(Path(argv_files[0]))
    if window.session is None:
        window.open_sample()
    window.show()
    return app.exec()


def main() -> int:
    """Entry point of the sqeditor-gui script."""
    return run_gui([a for a in sys.argv[1:] if not a.startswith("-")])
