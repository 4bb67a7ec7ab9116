"""Commands of 編輯 (find, replace), 工具 and 說明 that open dialogs or panels."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from sqeditor.gui.search_dialog import FindDialog

if TYPE_CHECKING:
    from sqeditor.gui.session import ReportSession
    from sqeditor.gui.units_dialog import UnitsDialog
    from sqeditor.gui.window_host import ReportHost


class ToolActions(QObject):
    """Search dialogs, drafts, and the help dialogs; dialogs open over `parent`."""

    def __init__(self, host: ReportHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent
        self.find_dialog: FindDialog | None = None
        self.replace_dialog: FindDialog | None = None
        self.units_dialog: UnitsDialog | None = None

    def session_changed(self, _session: ReportSession) -> None:
        for dialog in (self.find_dialog, self.replace_dialog):
            if dialog is not None:
                dialog.close()
        self.find_dialog = self.replace_dialog = None
        if self.units_dialog is not None:
            self.units_dialog.close()
            self.units_dialog = None

    def _open(self, replace: bool) -> FindDialog:
        dialog = self.replace_dialog if replace else self.find_dialog
        if dialog is None:
            dialog = FindDialog(self.host, self.parent_widget, replace)
            if replace:
                self.replace_dialog = dialog
            else:
                self.find_dialog = dialog
        editor = self.host.current_editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        if selected and selected != dialog.find_edit.text():
            dialog.find_edit.setText(selected)
        else:
            dialog.run_search()  # the report may have changed since the dialog last searched
        dialog.show()
        dialog.raise_()
        dialog.find_edit.setFocus()
        dialog.find_edit.selectAll()
        return dialog

    def find(self) -> FindDialog:
        return self._open(replace=False)

    def replace(self) -> FindDialog:
        return self._open(replace=True)

    def _drafts_ready(self) -> bool:
        if self.host.session is None:
            return False
        self.host.save_typing()
        return True

    def units(self) -> None:
        """工具 → 承辦單位…: stays open beside the tree, so items can be selected while it is up."""
        session = self.host.session
        if session is None:
            return
        self.host.save_typing()
        from sqeditor.gui.units_dialog import UnitsDialog
        if self.units_dialog is not None:
            self.units_dialog.close()
        self.units_dialog = UnitsDialog(session, self.host.selected_nodes, self.parent_widget)
        self.units_dialog.show()

    def split_drafts(self) -> None:
        if self._drafts_ready():
            from sqeditor.gui.merge_dialog import SplitDialog
            SplitDialog(self.parent_widget, self.host.session.store).exec()

    def merge_drafts(self, paths: list[Path] | None = None) -> None:
        """The merge dialog; drafts dropped on the window are merged as it opens."""
        if not self._drafts_ready():
            return
        from sqeditor.gui.merge_dialog import MergeDialog
        dialog = MergeDialog(self.parent_widget, session=self.host.session)
        if paths:
            dialog.merge_files(paths)
        dialog.exec()

    def link_last_period(self) -> None:
        """Choose last period's report (.sqreport, .docx, .xlsx or .json) and link it."""
        if self._drafts_ready():
            from sqeditor.gui.last_period_dialog import LastPeriodDialog, LastPeriodLinker
            session = self.host.session
            if LastPeriodLinker(session, self.parent_widget).choose_and_link(str(session.path.parent)):
                LastPeriodDialog(session, self.parent_widget).exec()

    def last_period_matches(self) -> None:
        """The rows matched to last period's, to confirm doubtful ones and fix wrong ones."""
        if self._drafts_ready():
            from sqeditor.gui.last_period_dialog import LastPeriodDialog
            LastPeriodDialog(self.host.session, self.parent_widget, self.host.current_node()).exec()

    def about(self) -> None:
        from sqeditor.gui.about_dialog import AboutDialog
        AboutDialog(self.parent_widget).exec()

    def user_guide(self) -> None:
        from sqeditor.gui.guide_dialog import UserGuideDialog
        UserGuideDialog(self.parent_widget).exec()
