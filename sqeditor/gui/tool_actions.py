"""Commands of 編輯 (find, replace), 工具 and 說明 that open dialogs or panels."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from sqeditor.gui.search_dialog import FindDialog

if TYPE_CHECKING:
    from sqeditor.gui.main_window import MainWindow
    from sqeditor.gui.session import ReportSession


class ToolActions(QObject):
    """Search dialogs, the text check, drafts, and the help dialogs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.find_dialog: FindDialog | None = None
        self.replace_dialog: FindDialog | None = None

    def session_changed(self, _session: ReportSession) -> None:
        for dialog in (self.find_dialog, self.replace_dialog):
            if dialog is not None:
                dialog.close()
        self.find_dialog = self.replace_dialog = None

    def _open(self, replace: bool) -> FindDialog:
        dialog = self.replace_dialog if replace else self.find_dialog
        if dialog is None:
            dialog = FindDialog(self.window, replace)
            if replace:
                self.replace_dialog = dialog
            else:
                self.find_dialog = dialog
        form = self.window.rows.current_form if self.window.rows else None
        selected = form.editor.textCursor().selectedText() if form is not None else ""
        if selected:
            dialog.find_edit.setText(selected)
        dialog.show()
        dialog.raise_()
        dialog.find_edit.setFocus()
        dialog.find_edit.selectAll()
        return dialog

    def find(self) -> FindDialog:
        return self._open(replace=False)

    def replace(self) -> FindDialog:
        return self._open(replace=True)

    def check_text(self) -> None:
        self.window.findings.show()
        self.window.findings.run_check()

    def _drafts_ready(self) -> bool:
        if self.window.session is None:
            return False
        if self.window.rows is not None:
            self.window.rows.save_all()
        return True

    def split_drafts(self) -> None:
        if self._drafts_ready():
            from sqeditor.gui.merge_dialog import SplitDialog
            SplitDialog(self.window).exec()

    def merge_drafts(self, paths: list[Path] | None = None) -> None:
        """The merge dialog; drafts dropped on the window are merged as it opens."""
        if not self._drafts_ready():
            return
        from sqeditor.gui.merge_dialog import MergeDialog
        dialog = MergeDialog(self.window)
        if paths:
            dialog.merge_files(paths)
        dialog.exec()

    def show_shortcuts(self) -> None:
        """A two-column table: tabs in a message box do not line up for long keys like Ctrl+Shift+上鍵."""
        rows = "".join(f"<tr><td>{escape(key)}</td><td style='padding-left: 16px'>{escape(text)}</td></tr>"
                       for text, key in self.window.keyboard_help())
        QMessageBox.information(self.window, self.tr("快速鍵"), f"<table>{rows}</table>")

    def about(self) -> None:
        from sqeditor.gui.about_dialog import AboutDialog
        AboutDialog(self.window).exec()

    def user_guide(self) -> None:
        from sqeditor.gui.guide_dialog import UserGuideDialog
        UserGuideDialog(self.window).exec()
