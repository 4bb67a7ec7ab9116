"""The main window: criteria tree on the left, the rows' forms on the right, title and status."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.gui import preferences
from sqeditor.gui.dates import shown_iso
from sqeditor.gui.filter_bar import FilterBar
from sqeditor.gui.findings_index import FindingsIndex
from sqeditor.gui.findings_panel import FindingsPanel
from sqeditor.gui.menus import MainMenus
from sqeditor.gui.progress_panel import ProgressPanel
from sqeditor.gui.result_editor import ResultEditor
from sqeditor.gui.rows_panel import RowsPanel
from sqeditor.gui.session import ReportSession
from sqeditor.gui.tree_model import ReportFilterModel, ReportTreeModel
from sqeditor.gui.window_geometry import place_window, remember_window
from sqeditor.model import Node, NodeKind, Report, Status
from sqeditor.store import ReportStore
from sqeditor.store.lock import UNKNOWN

LOCK_REFRESH_MS = 3 * 60 * 1000
SMALL_REPORT_ROWS = 300


class MainWindow(QMainWindow):
    """One report at a time; every change goes through its session and is saved as it happens."""

    def __init__(self) -> None:
        super().__init__()
        self.session: ReportSession | None = None
        self.tree_model: ReportTreeModel | None = None
        self.proxy: ReportFilterModel | None = None
        self.findings_index: FindingsIndex | None = None
        self.template_mode = False
        self.save_error = ""
        self._last_row_id = ""
        self._build()
        self.menus = MainMenus(self, self)
        place_window(self)
        self._lock_timer = QTimer(self, interval=LOCK_REFRESH_MS)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self._lock_timer.start()
        self.setAcceptDrops(True)
        self.update_title()

    def _build(self) -> None:
        self.banner = QLabel(objectName="readOnlyBanner", wordWrap=True)
        self.banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px;")
        self.banner.hide()
        self.filter_bar = FilterBar(self)
        self.filter_bar.filter_changed.connect(self.apply_filter)
        self.tree = QTreeView(objectName="criteriaTree")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setDragDropMode(QTreeView.DragDropMode.InternalMove)
        self.tree.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)  # 承辦單位 for many rows
        tree_box = QWidget()
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.filter_bar)
        tree_layout.addWidget(self.tree)
        self.progress = ProgressPanel(self)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(tree_box)
        left.addWidget(self.progress)
        left.setStretchFactor(0, 1)
        left.setSizes([800, 110])
        self.right = QWidget()
        self.right_layout = QVBoxLayout(self.right)
        self.right_layout.setContentsMargins(0, 0, 0, 0)
        self.rows: RowsPanel | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([460, 820])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.findings = FindingsPanel(self, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings)
        self.resizeDocks([self.findings], [170], Qt.Orientation.Vertical)
        self.save_label = QLabel(objectName="saveState")
        self.progress_label = QLabel(objectName="progressSummary")
        self.statusBar().addWidget(self.progress_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)

    # --- opening -------------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a .sqreport (read-only when someone else holds it); show why if it cannot be."""
        if self.session is not None and Path(path).resolve() == self.session.store.path.resolve():
            return True  # already open here: reopening would find our own lock and go read-only
        try:
            store = ReportStore.open(path)
        except SqeditorError as exc:
            QMessageBox.warning(self, self.tr("無法開啟"), exc.message)
            return False
        try:
            session = ReportSession(store)
        except SqeditorError as exc:  # rows no report could hold: said, and the lock given back
            store.close()
            QMessageBox.warning(self, self.tr("無法開啟"), exc.message)
            return False
        self.set_session(session)
        for text in store.notices:  # a crashed session's -wal set aside: the clerk must know
            QMessageBox(QMessageBox.Icon.Information, self.tr("注意"), text, parent=self).open()
        QTimer.singleShot(0, lambda: self._daily_backup(store))  # once the window is up
        preferences.add_recent_file(path)
        self.menus.update_recent()
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _report_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Report files dropped on the window: opened when none is open, else merged as drafts."""
        paths = _report_paths(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        if self.session is None:
            self.open_path(paths[0])
        else:  # after the drop returns, so the dialog does not run inside the drag's event
            QTimer.singleShot(0, lambda: self.menus.tools.merge_drafts(paths))

    def _daily_backup(self, store: ReportStore) -> None:
        """The first open of the day keeps a copy (檔案 › 還原備份); failing to copy is not fatal."""
        if self.session is None or self.session.store is not store:
            return
        from sqeditor.store.backups import daily_backup_if_due  # not needed before the first paint
        try:
            daily_backup_if_due(store)
        except (SqeditorError, OSError) as exc:
            message = exc.message if isinstance(exc, SqeditorError) else str(exc)
            self.statusBar().showMessage(self.tr("無法備份：{0}").format(message), 10000)

    def show_save_error(self, message: str) -> None:
        """A write failed: say so where the clerk looks, and keep the text in the form."""
        self.save_error = message
        self.update_title()
        self.banner.setText(self.tr("無法儲存：{0}　修改仍保留在畫面上，會再試著儲存。").format(message))
        self.banner.setStyleSheet("background: #f8d7da; color: #842029; padding: 6px;")
        self.banner.show()

    def _on_pending_changed(self, pending: bool) -> None:
        if not pending and self.save_error:
            self.save_error = ""
            self._show_banner()
        self.update_title()

    def open_report_as_untitled(self, report: Report) -> None:
        """A report that has no file of its own yet (the sample, a template, an import)."""
        store = ReportStore.create(preferences.untitled_path(), report)
        self.set_session(ReportSession(store, untitled=True))

    def open_sample(self) -> None:
        from sqeditor.exchange.builtin_reports import builtin_sample
        self.open_report_as_untitled(builtin_sample())

    def set_session(self, session: ReportSession) -> None:
        self.close_session()
        self.session = session
        self._last_row_id = ""
        self.tree_model = ReportTreeModel(session)
        self.tree_model.template_mode = self.template_mode
        self.tree_model.move_requested.connect(self.menus.structure.move_to)
        self.proxy = ReportFilterModel(self.tree_model)
        self._show_model(self.tree_model)
        if sum(1 for _ in session.report.rows()) <= SMALL_REPORT_ROWS:
            self.tree.expandToDepth(1)
        else:  # expanding hundreds of sections costs more than the clerk gains
            self.tree.expand(self.tree_model.index(0, 0))
        self.findings_index = FindingsIndex(session)
        self.findings_index.template_mode = self.template_mode
        self.findings_index.changed.connect(self._on_findings_changed)
        self.findings.set_index(self.findings_index)
        self.rows = RowsPanel(session)
        self.rows.findings = self.findings_index
        self.rows.template_mode = self.template_mode
        self.rows.history_actions = {"edit-undo": self.menus.undo_action, "edit-redo": self.menus.redo_action}
        self.rows.pending_changed.connect(self._on_pending_changed)
        self.rows.save_failed.connect(self.show_save_error)
        self.right_layout.addWidget(self.rows)
        session.undo_stack.indexChanged.connect(self.update_title)
        session.nodes_changed.connect(self._on_nodes_changed)
        session.structure_edit.connect(lambda _e: self._on_nodes_changed(set(), None))
        self.filter_bar.set_session(session)
        self.progress.set_session(session)
        self.menus.session_changed(session)
        self._show_banner()
        self._on_nodes_changed(set(), None)
        self.findings_index.recheck_all()
        last = session.nodes.get(preferences.last_row(session.report.id))
        self.select_node(last or (session.report.sections[0] if session.report.sections else None))

    def _set_up_tree_columns(self) -> None:
        """Fixed widths: sizing a column to its contents would read every row of a large report."""
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("待審　資訊室組") + 12)

    def _remember_untitled(self) -> None:
        """An edited 未命名 report is listed in 最近開啟, so it is found again after a crash."""
        path = str(self.session.path.resolve())
        if path not in preferences.recent_files():
            preferences.add_recent_file(self.session.path)
            self.menus.update_recent()

    def _on_findings_changed(self) -> None:
        if self.tree_model is not None and self.findings_index is not None:
            self.tree_model.set_findings(self.findings_index.counts())

    def close_session(self) -> None:
        """Save everything typed and close the file."""
        if self.session is None:
            return
        if self.rows is not None:
            self.rows.show_node(None)
            self.rows.setParent(None)
            self.rows.deleteLater()
            self.rows = None
        self.tree.setModel(None)
        if self.findings_index is not None:
            self.findings_index.stop()
            self.findings_index = None
        session, self.session = self.session, None
        session.close()
        if session.untitled and session.store.last_step is None:  # an unchanged copy: not kept
            for suffix in ("", "-wal", "-shm"):
                Path(str(session.path) + suffix).unlink(missing_ok=True)

    def _show_banner(self) -> None:
        store = self.session.store if self.session else None
        if store is not None and store.read_only:
            if store.lock_holder is not None and store.lock_holder.user == UNKNOWN:
                text = self.tr("這份報告正由另一個程式（可能經由另一個檔名或連結）編輯，目前以唯讀方式開啟。")
            elif store.lock_holder is not None:
                holder = store.lock_holder
                text = self.tr("這份報告正由 {0}（電腦 {1}，自 {2} 起）編輯，目前以唯讀方式開啟。").format(
                    holder.user, holder.host, shown_iso(holder.since))
            else:
                text = self.tr("這份報告以唯讀方式開啟（檔案無法寫入），修改不會儲存。")
            self.banner.setText(text)
        self.banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px;")
        self.banner.setVisible(store is not None and store.read_only)

    def _refresh_lock(self) -> None:
        if self.session is not None and self.session.store.lock is not None:
            self.session.store.lock.refresh()

    # --- navigation ----------------------------------------------------------------------

    def select_node(self, node: Node | None) -> None:
        """Make node current in the tree (clearing a filter that hides it) and show its rows."""
        if node is None or self.tree_model is None:
            return
        index = self._to_view(self.tree_model.index_of(node))
        if not index.isValid():
            self.filter_bar.clear()
            index = self._to_view(self.tree_model.index_of(node))
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self.tree.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def current_node(self) -> Node | None:
        if self.tree_model is None:
            return None
        return self.tree_model.node(self._to_source(self.tree.currentIndex()))

    def selected_nodes(self) -> list[Node]:
        if self.tree_model is None:
            return []
        rows = self.tree.selectionModel().selectedRows()
        nodes = [n for n in (self.tree_model.node(self._to_source(i)) for i in rows) if n is not None]
        chosen = {n.id for n in nodes}
        return [n for n in nodes  # a row inside a selected item is already in it
                if not any(p.id in chosen for p in self.session.path_to(n)[:-1])]

    def apply_filter(self, unit: str | None, status: Status | None, problems_only: bool) -> None:
        """Filter the tree; without a filter the view reads the model directly (faster)."""
        if self.proxy is None or self.tree_model is None:
            return
        current = self.current_node()
        self.proxy.set_filter(unit, status, problems_only)
        self._show_model(self.proxy if self.proxy.active else self.tree_model)
        if self.proxy.active:
            self.tree.expandAll()
        if current is not None and self._to_view(self.tree_model.index_of(current)).isValid():
            self.select_node(current)

    def _show_model(self, model: ReportTreeModel | ReportFilterModel) -> None:
        if self.tree.model() is model:
            return
        self.tree.setModel(model)
        self._set_up_tree_columns()
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    def _to_view(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapFromSource(index) if self.tree.model() is self.proxy else index

    def _to_source(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapToSource(index) if self.tree.model() is self.proxy else index

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.rows is not None and self.tree_model is not None:
            node = self.tree_model.node(self._to_source(current))
            if node is not self.rows.node:
                self.rows.show_node(node)

    def next_row(self, offset: int) -> None:
        """Go to the next (or previous) row the tree shows, keeping the cursor in the text."""
        if self.tree_model is None or self.session is None:
            return
        current = self.current_node()
        rows = [r for r in self.session.report.rows()
                if self._to_view(self.tree_model.index_of(r)).isValid()]
        if not rows:
            return
        at = next((i for i, r in enumerate(rows) if r is current), -1 if offset > 0 else len(rows))
        target = rows[max(0, min(len(rows) - 1, at + offset))]
        self.select_node(target)
        if self.rows is not None and self.rows.forms:
            self.rows.forms[0].editor.setFocus()

    def toggle_focus(self) -> None:
        """F6: between the tree and the first result editor, for keyboard-only work."""
        form = self.rows.current_form if self.rows is not None else None
        if self.tree.hasFocus() and form is not None:
            form.editor.setFocus()
        else:
            self.tree.setFocus()

    def expand_all(self) -> None:
        self.tree.expandAll()

    def collapse_all(self) -> None:
        self.tree.collapseAll()

    def clear_filter(self) -> None:
        self.filter_bar.clear()

    def set_progress_visible(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        left = self.progress.parentWidget()
        if visible and isinstance(left, QSplitter) and left.sizes()[1] == 0:  # dragged shut
            left.setSizes([max(1, left.height() - 110), 110])

    def check_text(self) -> None:
        self.findings.show()
        self.findings.run_check()

    # --- what the window's parts ask (window_host.ReportHost) ----------------------------

    def editor_for(self, node_id: str) -> ResultEditor | None:
        form = self.rows.form_for(node_id) if self.rows is not None else None
        return form.editor if form is not None else None

    def current_editor(self) -> ResultEditor | None:
        form = self.rows.current_form if self.rows is not None else None
        return form.editor if form is not None else None

    def save_typing(self, *, close_composition: bool = True) -> None:
        if self.rows is None:
            return
        if close_composition:
            self.rows.save_all()
        else:
            self.rows.flush_typing()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    # --- state shown ---------------------------------------------------------------------

    def update_title(self) -> None:
        session = self.session
        if session is None:
            self.setWindowTitle(self.tr("評核報告編輯器"))
            return
        name = self.tr("未命名") if session.untitled else session.path.name
        if session.read_only:
            state = self.tr("唯讀")
        elif self.rows is not None and self.rows.pending:
            state = self.tr("未儲存") if self.save_error else self.tr("儲存中")
        else:
            state = self.tr("已儲存")
        self.save_label.setText(state)
        shared = self.tr("網路或卸除式磁碟：安全模式") if session.store.location.shared else ""
        self.setWindowTitle(" – ".join(filter(None, [name, state, shared, self.tr("評核報告編輯器")])))

    def _on_nodes_changed(self, ids: set[str], _origin: object) -> None:
        if self.session is None:
            return
        if len(ids) == 1 and (node := self.session.nodes.get(next(iter(ids)))) is not None \
                and node.kind is NodeKind.STANDARD and node.id != self._last_row_id:
            self._last_row_id = node.id  # written once per row, not on every save
            preferences.remember_last_row(self.session.report.id, node.id)
        if self.session.untitled and self.session.store.last_step is not None:
            self._remember_untitled()
        rows = list(self.session.report.rows())
        done = sum(1 for r in rows if str(r.status) == "完成")
        empty = sum(1 for r in rows if not r.result)
        self.progress_label.setText(
            self.tr("完成 {0}/{1} 列，未寫 {2} 列").format(done, len(rows), empty))
        self.update_title()

    # --- edit commands -------------------------------------------------------------------

    def undo(self) -> None:
        if self.session is None or self.rows is None or self.rows.is_composing():
            return  # the input method's text is not the report's yet
        self.rows.save_all()
        self.session.undo_stack.undo()

    def redo(self) -> None:
        if self.session is None or self.rows is None or self.rows.is_composing():
            return
        self.rows.save_all()
        self.session.undo_stack.redo()

    def save_now(self) -> None:
        """Ctrl+S: everything is already saved as typed; an untitled report asks for a name."""
        if self.rows is not None:
            self.rows.save_all()
        if self.session is not None and self.session.untitled:
            self.menus.files.save_as()
        else:
            self.statusBar().showMessage(self.tr("所有修改都已存入檔案。"), 3000)

    def set_template_mode(self, on: bool) -> None:
        self.template_mode = on
        if self.tree_model is not None:
            self.tree_model.template_mode = on
        if self.findings_index is not None:
            self.findings_index.set_template_mode(on)
        if self.rows is not None:
            self.rows.template_mode = on
            self.rows.show_node(self.rows.node)

    def closeEvent(self, event: QCloseEvent) -> None:
        remember_window(self)
        self.close_session()
        event.accept()


def _report_paths(mime: QMimeData) -> list[Path]:
    """Local .sqreport files among dropped URLs."""
    return [Path(url.toLocalFile()) for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".sqreport")]
