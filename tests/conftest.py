"""Shared fixtures: real report files in tmp_path, Qt offscreen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.model import Report
from sqeditor.store import ReportStore

REFERENCE_JSON = Path(__file__).resolve().parent.parent / "resources" / "sample-110H2.json"


@pytest.fixture(autouse=True, scope="session")
def one_qt_application(qapp) -> None:
    """A QApplication before any test: a PDF export makes a bare QGuiApplication when none exists,
    and a widget test run after it in the same process would abort Python."""


@pytest.fixture(autouse=True)
def backups_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups made by code under test (daily on open, before merges) stay out of the user's folder."""
    monkeypatch.setenv("SQEDITOR_BACKUP_DIR", str(tmp_path / "backups"))


@pytest.fixture
def gui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and untitled reports in tmp_path, not in the tester's home."""
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def window(qtbot, gui_env: Path, sample_file: Path):
    """The main window open on a copy of the sample, shown."""
    from sqeditor.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(sample_file)
    window.show()
    yield window
    window.close()


def visible_rows(window) -> list:
    """The standard rows the main window's filtered tree shows, in order."""
    from PySide6.QtCore import QModelIndex

    from sqeditor.model import NodeKind

    proxy, found = window.proxy, []

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            node = window.tree_model.node(proxy.mapToSource(index))
            if node.kind is NodeKind.STANDARD:
                found.append(node)
            walk(index)

    walk(QModelIndex())
    return found


def choose(box, data) -> None:
    """Pick the entry of a combo box holding `data`, as a click does (Qt then sends `activated`)."""
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)
    box.activated.emit(index)


def when_shown(find, act, tries: int = 1000) -> None:
    """Act on a modal dialog or popup as soon as find() returns it shown (polled every 10 ms
    from the event loop its exec() runs), rather than after a guessed delay."""
    from PySide6.QtCore import QTimer

    widget = find()
    if widget is not None and widget.isVisible():
        act(widget)
    elif tries:
        QTimer.singleShot(10, lambda: when_shown(find, act, tries - 1))


@pytest.fixture
def editor(qtbot):
    """A shown, focused result editor."""
    from sqeditor.gui.result_editor import ResultEditor

    widget = ResultEditor()
    qtbot.addWidget(widget)
    widget.resize(480, 320)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


@pytest.fixture
def sample_report() -> Report:
    return builtin_sample()


@pytest.fixture
def sample_file(tmp_path: Path, sample_report: Report) -> Path:
    path = tmp_path / "sample.sqreport"
    ReportStore.create(path, sample_report).close()
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures a test records with `record_property("summary", text)` (the installer bundle's size
    and build time), shown after the run: prints inside tests vanish under pytest-xdist."""
    for report in terminalreporter.getreports("passed"):
        for name, value in report.user_properties:
            if name == "summary":
                terminalreporter.write_line(str(value))
