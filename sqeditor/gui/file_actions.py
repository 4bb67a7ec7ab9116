"""檔案 menu commands: new, open, save as, import, export, print, settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from sqeditor.errors import SqeditorError
from sqeditor.gui import preferences
from sqeditor.gui.folder_choice import named_target
from sqeditor.gui.held_files import write_or_write_beside
from sqeditor.gui.window_geometry import fit_dialog

if TYPE_CHECKING:
    from sqeditor.exchange.formats import ExportOptions
    from sqeditor.gui.window_host import ReportHost


class FileActions(QObject):
    """Opening and writing files for the window; errors are shown over `parent`, never swallowed."""

    def __init__(self, host: ReportHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent

    def _start_dir(self) -> str:
        session = self.host.session
        if session is not None and not session.untitled:
            return str(session.path.parent)
        recent = preferences.recent_files()
        return str(Path(recent[0]).parent) if recent else str(preferences.documents_dir())

    def _show_error(self, title: str, exc: SqeditorError) -> None:
        QMessageBox.warning(self.parent_widget, title, exc.message)

    def new_report(self) -> None:
        from sqeditor.exchange.builtin_reports import builtin_template
        self.host.open_report_as_untitled(builtin_template())

    def new_period(self) -> Path | None:
        """檔案 → 新增一期…: the new report is written, then opened."""
        from sqeditor.gui.new_period_dialog import NewPeriodDialog
        dialog = NewPeriodDialog(Path(self._start_dir()), self.parent_widget)
        if dialog.exec() and dialog.created is not None and self.host.open_path(dialog.created):
            return dialog.created
        return None

    def report_info(self) -> None:
        session = self.host.session
        if session is not None:
            from sqeditor.gui.report_info_dialog import ReportInfoDialog
            self.host.save_typing()
            ReportInfoDialog(session, self.parent_widget).exec()

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("開啟報告"), self._start_dir(), self.tr("評核報告 (*.sqreport)"))
        if name:
            self.host.open_path(Path(name))

    def open_recent(self, path: str) -> bool | None:
        """Open an entry of 最近開啟, checked only now; None when it is missing and was removed."""
        if Path(path).is_file():
            return self.host.open_path(Path(path))
        answer = QMessageBox.question(
            self.parent_widget, self.tr("找不到檔案"),
            self.tr("找不到「{0}」。檔案可能已被移動、刪除，或在目前沒有連線的網路磁碟機或隨身碟上。\n\n"
                    "要從「最近開啟」清單移除它嗎？").format(path))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        preferences.remove_recent_file(path)
        return None

    def save_as(self) -> bool:
        """Copy the open report to a name the clerk picks and continue there."""
        if self.host.session is None:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("另存新檔"), self._start_dir(), self.tr("評核報告 (*.sqreport)"))
        if not name:
            return False
        return self.save_to(named_target(Path(name).parent, Path(name).name, ".sqreport"))

    def save_to(self, target: Path) -> bool:
        session = self.host.session
        assert session is not None
        self.host.save_typing()
        old_path, was_untitled = session.path, session.untitled
        try:
            session.store.backup_to(target)
        except SqeditorError as exc:
            QMessageBox.warning(self.parent_widget, self.tr("無法儲存"), exc.message)
            return False
        if not self.host.open_path(target):
            return False
        if was_untitled:
            for suffix in ("", "-wal", "-shm"):
                Path(str(old_path) + suffix).unlink(missing_ok=True)
        return True

    def restore_backup(self) -> None:
        """Pick one of the report's automatic copies; it becomes a new file, then opens."""
        session = self.host.session
        if session is None or session.untitled:
            return
        from sqeditor.gui.backup_dialog import BackupDialog
        dialog = BackupDialog(session.path, self.parent_widget)
        dialog.restored.connect(lambda path: (dialog.accept(), self.host.open_path(path)))
        dialog.exec()

    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("匯入"), self._start_dir(),
            self.tr("可匯入的檔案 (*.docx *.doc *.json)"))
        if not name:
            return
        if Path(name).suffix.lower() in (".docx", ".doc"):
            self.preview_import("docx", Path(name))
            return
        from sqeditor.file_formats import read_report
        try:
            report = read_report(Path(name))
        except SqeditorError as exc:
            self._show_error(self.tr("無法匯入"), exc)
            return
        self.host.open_report_as_untitled(report)

    def import_xlsx(self) -> None:
        """An Excel sheet, previewed before it becomes a new report."""
        self.preview_import("xlsx")

    def preview_import(self, kind: str, path: Path | None = None) -> None:
        """The tree a file gives and the import's notes, shown before it becomes a new report."""
        from sqeditor.gui.import_preview_dialog import ImportPreviewDialog
        dialog = ImportPreviewDialog(kind, self.parent_widget)
        if path is not None:
            dialog.load(path)
        if dialog.exec() and dialog.report() is not None:
            self.host.open_report_as_untitled(dialog.report())

    def _options_dialog(self, suffix: str = ""):
        from sqeditor.gui.export_dialog import ExportOptionsDialog
        session = self.host.session
        assert session is not None
        target = Path(self._start_dir()) / (session.report.meta.title + suffix) if suffix else None
        return ExportOptionsDialog(session.report, self.parent_widget, suffix=suffix, target=target)

    def export_for_review(self) -> None:
        """Word with each unit's changes since a chosen point shown as revisions."""
        session = self.host.session
        if session is None:
            return
        from sqeditor.gui.review_export_dialog import ReviewExportDialog
        from sqeditor.store.result_history import last_export_at, last_split_at
        dialog = ReviewExportDialog(last_split_at(session.store), last_export_at(session.store),
                                    self.parent_widget)
        if dialog.exec():
            self.export(".docx", review=dialog.point())

    def export(self, suffix: str, *, against_last: bool = False, review: str = "") -> None:
        """The export's choices (remembered for this report) and where to write, then the file;
        with a linked last period the 進度 sheet counts carried-over rows, `against_last` marks
        this period's text as revisions of last period's (Word), and `review`: since when each
        unit's changes show as revisions (Word)."""
        session = self.host.session
        if session is None:
            return
        link = session.period_link
        if against_last and link is None:
            QMessageBox.information(self.parent_widget, self.tr("匯出"),
                                    self.tr("這份報告尚未連結上期報告；請先用「工具 › 連結上期報告」。"))
            return
        self.host.save_typing()
        dialog = self._options_dialog(suffix)
        if not dialog.exec():
            return
        from sqeditor.exchange.review_changes import review_options
        try:
            options = dialog.options()
            options.last_texts, options.against_last = (link.texts() if link else None), against_last
            if review:
                options = review_options(session.store, session.report, review, options)
        except SqeditorError as exc:
            self._show_error(self.tr("無法匯出"), exc)
            return
        self.export_to(dialog.target_path(), options)

    def export_to(self, target: Path, options: ExportOptions | None = None) -> Path | None:
        """Write the export (or, when Word holds the old file, one beside it), recording what it
        holds so the copy a unit returns merges against it; the file written."""
        from sqeditor.file_formats import export_recorded
        session = self.host.session
        written = write_or_write_beside(
            self.parent_widget, self.tr("無法匯出"), target,
            lambda path: export_recorded(session.store, session.report, path, options))
        if written is not None:
            self.host.show_message(self.tr("已匯出 {0}").format(written))
        return written

    def _printer(self) -> tuple[QPrinter, ExportOptions] | None:
        """The print choices first (as for an export), then a printer set to them."""
        if self.host.session is None:
            return None
        self.host.save_typing()
        dialog = self._options_dialog()
        if not dialog.exec():
            return None
        options = dialog.options()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.host.session.report.meta.title)
        return printer, options

    def print_report(self) -> None:
        """Ctrl+P: the official table layout, the same pages as the PDF export."""
        chosen = self._printer()
        if chosen is not None and QPrintDialog(chosen[0], self.parent_widget).exec():
            self.print_to(*chosen)

    def print_to(self, printer: QPrinter, options: ExportOptions | None = None) -> bool:
        """Print on the chosen printer; a printer that cannot print A4 is a message, not Letter."""
        from sqeditor.printing.pages import print_report
        try:
            print_report(self.host.session.report, printer, options)
        except SqeditorError as exc:
            self._show_error(self.tr("無法列印"), exc)
            return False
        return True

    def print_preview(self) -> None:
        chosen = self._printer()
        if chosen is None:
            return
        printer, options = chosen
        dialog = QPrintPreviewDialog(printer, self.parent_widget)
        dialog.paintRequested.connect(lambda p: self.print_to(p, options))
        fit_dialog(dialog, 1000, 760)
        dialog.exec()

    def settings_dialog(self) -> None:
        from sqeditor.gui.settings_dialog import SettingsDialog
        SettingsDialog(self.parent_widget).exec()
