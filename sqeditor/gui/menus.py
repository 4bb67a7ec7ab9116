"""Menus 檔案/編輯/檢視/工具/說明 with Word's shortcuts, and the toolbar."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QMessageBox

from sqeditor.gui import preferences
from sqeditor.gui.file_actions import FileActions
from sqeditor.gui.structure_actions import StructureActions
from sqeditor.gui.tool_actions import ToolActions

if TYPE_CHECKING:
    from sqeditor.gui.session import ReportSession
    from sqeditor.gui.window_host import WindowCommands

Keys = QKeySequence.StandardKey


class MainMenus(QObject):
    """Builds the window's menus and toolbar and keeps them in step with the open report."""

    def __init__(self, window: QMainWindow, host: WindowCommands) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.files = FileActions(host, window)
        self.structure = StructureActions(host, window)
        self.tools = ToolActions(host, window)
        bar = window.menuBar()
        self._file_menu(bar.addMenu(self.tr("檔案(&F)")))
        self._edit_menu(bar.addMenu(self.tr("編輯(&E)")))
        self._view_menu(bar.addMenu(self.tr("檢視(&V)")))
        self._tools_menu(bar.addMenu(self.tr("工具(&T)")))
        self._help_menu(bar.addMenu(self.tr("說明(&H)")))
        self._toolbar()

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object],
             shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _file_menu(self, menu: QMenu) -> None:
        f = self.files
        self._add(menu, self.tr("新增(&N)"), f.new_report, Keys.New)
        self.new_period_action = self._add(menu, self.tr("新增一期(&D)…"), f.new_period)
        self.open_action = self._add(menu, self.tr("開啟(&O)…"), f.open_dialog, Keys.Open)
        self.recent_menu = menu.addMenu(self.tr("最近開啟(&R)"))
        self.update_recent()
        menu.addSeparator()
        self.save_action = self._add(menu, self.tr("儲存(&S)"), self.host.save_now, Keys.Save)
        self._add(menu, self.tr("另存新檔(&A)…"), f.save_as, "Ctrl+Shift+S")
        self._add(menu, self.tr("還原備份…"), f.restore_backup)
        self._add(menu, self.tr("報告資訊(&M)…"), f.report_info)
        menu.addSeparator()
        import_menu = menu.addMenu(self.tr("匯入(&I)"))
        self._add(import_menu, self.tr("Excel 評核表（.xlsx）…"), f.import_xlsx)
        self._add(import_menu, self.tr("Word 或 JSON…"), f.import_dialog)
        export = menu.addMenu(self.tr("匯出(&E)"))
        self._add(export, self.tr("Word 文件（.docx）…"), lambda: f.export(".docx"))
        self._add(export, self.tr("Word 審閱版（以修訂標示各單位的修改）…"), f.export_for_review)
        self._add(export, self.tr("PDF（.pdf）…"), lambda: f.export(".pdf"))
        self._add(export, self.tr("Excel 活頁簿（.xlsx）…"), lambda: f.export(".xlsx"))
        self._add(export, self.tr("Word 文件，標示與上期的差異（.docx）…"),
                  lambda: f.export(".docx", against_last=True))
        menu.addSeparator()
        self._add(menu, self.tr("列印(&P)…"), f.print_report, Keys.Print)
        self._add(menu, self.tr("預覽列印(&V)…"), f.print_preview)
        menu.addSeparator()
        self._add(menu, self.tr("設定…"), f.settings_dialog)
        self._add(menu, self.tr("結束(&X)"), self.window.close, "Ctrl+Q")

    def _edit_menu(self, menu: QMenu) -> None:
        h = self.host
        self.undo_action = self._add(menu, self.tr("復原(&U)"), h.undo, Keys.Undo)
        self.redo_action = self._add(menu, self.tr("取消復原(&R)"), h.redo, "Ctrl+Y")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        menu.addSeparator()
        self._add(menu, self.tr("剪下(&T)"), lambda: _focus_call("cut"), Keys.Cut)
        self._add(menu, self.tr("複製(&C)"), lambda: _focus_call("copy"), Keys.Copy)
        self._add(menu, self.tr("貼上(&P)"), lambda: _focus_call("paste"), Keys.Paste)
        for action in menu.actions()[-3:]:
            action.setShortcutContext(action.shortcutContext().WidgetShortcut)  # widgets handle keys
        menu.addSeparator()
        self.find_action = self._add(menu, self.tr("尋找(&F)…"), self.tools.find, "Ctrl+F")
        self._add(menu, self.tr("取代(&E)…"), self.tools.replace, "Ctrl+H")
        menu.addSeparator()
        self.template_action = self._add(menu, self.tr("範本編輯模式"), lambda: None)
        self.template_action.setCheckable(True)
        self.template_action.toggled.connect(self._set_template_mode)
        self.structure_menu = menu.addMenu(self.tr("評核架構"))
        s = self.structure
        self._add(self.structure_menu, self.tr("新增同層項目"), s.add_sibling)
        self._add(self.structure_menu, self.tr("新增下層項目"), s.add_child)
        self._add(self.structure_menu, self.tr("重新命名…"), s.rename, "F2")
        self._add(self.structure_menu, self.tr("刪除"), s.delete)
        self._add(self.structure_menu, self.tr("上移"), lambda: s.move_by(-1), "Ctrl+Shift+Up")
        self._add(self.structure_menu, self.tr("下移"), lambda: s.move_by(1), "Ctrl+Shift+Down")
        self.structure_menu.setEnabled(False)

    def _view_menu(self, menu: QMenu) -> None:
        h = self.host
        self._add(menu, self.tr("全部展開"), h.expand_all)
        self._add(menu, self.tr("全部摺疊"), h.collapse_all)
        self._add(menu, self.tr("清除篩選"), h.clear_filter)
        menu.addSeparator()
        self._add(menu, self.tr("上一列"), lambda: h.next_row(-1), "Ctrl+PgUp")
        self._add(menu, self.tr("下一列"), lambda: h.next_row(1), "Ctrl+PgDown")
        self._add(menu, self.tr("切換評核項目樹／評核結果說明"), h.toggle_focus, "F6")
        menu.addSeparator()
        progress = self._add(menu, self.tr("各單位進度"), lambda: None)
        progress.setCheckable(True)
        progress.setChecked(True)
        progress.toggled.connect(h.set_progress_visible)
        for dock in self.window.findChildren(QDockWidget):  # a closed panel comes back from here
            menu.addAction(dock.toggleViewAction())
        self.view_menu = menu

    def _tools_menu(self, menu: QMenu) -> None:
        t = self.tools
        self._add(menu, self.tr("檢查文字(&K)"), self.host.check_text, "F7")
        menu.addSeparator()
        self._add(menu, self.tr("承辦單位(&U)…"), t.units)
        self._add(menu, self.tr("分割草稿…"), t.split_drafts)
        self._add(menu, self.tr("合併草稿…"), t.merge_drafts)
        menu.addSeparator()
        self._add(menu, self.tr("連結上期報告…"), t.link_last_period)
        self._add(menu, self.tr("上期對應…"), t.last_period_matches)

    def _help_menu(self, menu: QMenu) -> None:
        t = self.tools
        self._add(menu, self.tr("使用說明(&G)"), t.user_guide)
        self._add(menu, self.tr("快速鍵"), self.show_shortcuts, "F1")
        self._add(menu, self.tr("關於(&A)"), t.about)

    def _toolbar(self) -> None:
        bar = self.window.addToolBar(self.tr("工具列"))
        bar.setObjectName("mainToolbar")
        self.view_menu.addAction(bar.toggleViewAction())
        for action in (self.open_action, self.save_action, self.undo_action, self.redo_action,
                       self.find_action):
            bar.addAction(action)

    def _set_template_mode(self, on: bool) -> None:
        if on and QMessageBox.question(
                self.window, self.tr("範本編輯模式"),
                self.tr("範本編輯模式可以新增、改名、刪除或移動評核項目。確定要開啟嗎？")
        ) != QMessageBox.StandardButton.Yes:
            self.template_action.setChecked(False)
            return
        self.structure_menu.setEnabled(on)
        self.host.set_template_mode(on)

    def update_recent(self) -> None:
        """Names only: no file is looked at here (an offline share stalls the menu)."""
        self.recent_menu.clear()
        for path in preferences.recent_files():
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _open_recent(self, path: str) -> None:
        if self.files.open_recent(path) is None:
            self.update_recent()

    def session_changed(self, session: ReportSession) -> None:
        stack = session.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._show_undo_text)
        stack.redoTextChanged.connect(self._show_redo_text)
        self.tools.session_changed(session)

    def _show_undo_text(self, text: str) -> None:
        self.undo_action.setText(self.tr("復原：{0}").format(text) if text else self.tr("復原(&U)"))

    def _show_redo_text(self, text: str) -> None:
        self.redo_action.setText(self.tr("取消復原：{0}").format(text) if text else self.tr("取消復原(&R)"))

    def keyboard_help(self) -> list[tuple[str, str]]:
        """(command, shortcut) of every menu command that has one."""
        keys = QKeySequence.SequenceFormat.NativeText
        return [(a.text().replace("&", ""), a.shortcut().toString(keys))
                for a in self.all_actions() if not a.shortcut().isEmpty()]

    def show_shortcuts(self) -> None:
        """A two-column table: tabs in a message box do not line up for long keys like Ctrl+Shift+上鍵."""
        rows = "".join(f"<tr><td>{escape(key)}</td><td style='padding-left: 16px'>{escape(text)}</td></tr>"
                       for text, key in self.keyboard_help())
        QMessageBox.information(self.window, self.tr("快速鍵"), f"<table>{rows}</table>")

    def all_actions(self) -> list[QAction]:
        found = []
        for menu in self.window.menuBar().findChildren(QMenu):
            found += [a for a in menu.actions() if not a.isSeparator() and a.menu() is None]
        return list(dict.fromkeys(found))


def _focus_call(method: str) -> None:
    widget = QApplication.focusWidget()
    if widget is not None and hasattr(widget, method):
        getattr(widget, method)()
