"""No error is ever silent: sqeditor.exe has no console, so an exception nobody caught (in a
slot, a timer or a worker thread) is written to a log in the local app-data folder and shown
to the clerk in a dialog that says where the log is."""

from __future__ import annotations

import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from sqeditor import __version__
from sqeditor.gui import preferences

LOG_NAME = "sqeditor-errors.log"
MAX_LOG_BYTES = 1_000_000  # then the log starts again, the previous one kept as .1


def log_path() -> Path:
    folder = preferences.data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / LOG_NAME


def write_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
              where: str = "") -> Path:
    """Append the exception with the time, version and system to the log; returns its path."""
    path = log_path()
    if path.is_file() and path.stat().st_size > MAX_LOG_BYTES:
        path.replace(path.with_name(LOG_NAME + ".1"))
    lines = [f"=== {datetime.now().isoformat(timespec='seconds')} sqeditor {__version__} "
             f"Python {platform.python_version()} {platform.platform()} {where}\n",
             *traceback.format_exception(exc_type, exc, tb), "\n"]
    with path.open("a", encoding="utf-8", errors="backslashreplace") as log:
        log.writelines(lines)
    return path


class ErrorReporter(QObject):
    """The process's sys.excepthook and threading.excepthook while installed."""

    reported = Signal(str, str)  # what happened, the log's path; queued to the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box: QMessageBox | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        self._report(exc_type, exc, tb, "")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "?"
            self._report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    def _report(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                where: str) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        try:
            path = str(write_log(exc_type, exc, tb, where))
        except OSError:  # no log folder: the dialog says so instead of where
            path = ""
        if sys.stderr is not None:  # a console (python -m sqeditor), not sqeditor.exe
            traceback.print_exception(exc_type, exc, tb)
        self.reported.emit(f"{exc_type.__name__}: {exc}", path)

    def _show(self, summary: str, path: str) -> None:
        """One dialog at a time; errors while it is up go to the log only."""
        if self.box is not None and self.box.isVisible():
            return
        text = self.tr("發生未預期的錯誤，剛才的操作可能沒有完成。已經存入報告檔的修改不受影響。")
        where = (self.tr("詳細內容已記錄在：\n{0}\n請把這個檔案交給資訊人員。").format(path) if path
                 else self.tr("錯誤記錄檔無法寫入。"))
        self.box = QMessageBox(QMessageBox.Icon.Critical, self.tr("發生錯誤"), f"{text}\n\n{where}",
                               QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        self.box.setDetailedText(summary)
        self.box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.box.finished.connect(self._forget_box)
        self.box.show()

    def _forget_box(self) -> None:
        self.box = None


def install_error_reporter(app: QApplication) -> ErrorReporter:
    """Called once at start; the reporter lives as long as the application."""
    reporter = ErrorReporter(app)
    reporter.install()
    return reporter
