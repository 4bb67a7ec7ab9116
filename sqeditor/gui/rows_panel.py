"""The right-hand side: the selected node's breadcrumb and its rows one under another."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from sqeditor.gui.findings_index import FindingsIndex
from sqeditor.gui.palette_colours import secondary_text, set_text_colour
from sqeditor.gui.row_form import RowForm
from sqeditor.gui.session import ReportSession
from sqeditor.model import Node, NodeKind, Status, section_label

MAX_ROWS_SHOWN = 40  # a whole section of a large report would be slow to lay out


class RowsPanel(QScrollArea):
    """Shows one row's form, or all rows of an item or indicator so they can be written together."""

    pending_changed = Signal(bool)
    save_failed = Signal(str)
    current_form_changed = Signal(object)

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.template_mode = False
        self.findings: FindingsIndex | None = None
        self.history_actions: dict[str, QAction] = {}  # the window's 復原/重做 for the editors' menus
        self.node: Node | None = None
        self.forms: list[RowForm] = []
        self.current_form: RowForm | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._empty_body()

    def _empty_body(self) -> QVBoxLayout:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.breadcrumb = QLabel(wordWrap=True, objectName="breadcrumb")
        self.breadcrumb.setStyleSheet("font-weight: bold")
        set_text_colour(self.breadcrumb, secondary_text(self.breadcrumb.palette()))
        layout.addWidget(self.breadcrumb)
        self.setWidget(body)
        return layout

    def breadcrumb_text(self, node: Node) -> str:
        parts = []
        for step in self.session.path_to(node):
            if step.kind is NodeKind.SECTION:
                parts.append(section_label(self.session.position_of(step), step.title))
            elif step.kind is not NodeKind.STANDARD and step.title:
                parts.append(step.title)
        return " › ".join(parts)

    def show_node(self, node: Node | None) -> None:
        """Save the forms shown so far, then show the rows of node."""
        self.save_all()
        if self._reuse_single_form(node):
            return
        self.node = node
        for form in self.forms:
            form.detach()
        self.forms, self.current_form = [], None
        layout = self._empty_body()
        if node is None:
            return
        self.breadcrumb.setText(self.breadcrumb_text(node))
        rows = list(node.rows())
        if node.kind is NodeKind.SECTION:
            layout.addWidget(self._section_summary(node, rows))
            rows = []
        compact = len(rows) > 1
        for row in rows[:MAX_ROWS_SHOWN]:
            form = RowForm(self.session, row, template_mode=self.template_mode, compact=compact)
            form.set_read_only(self.session.read_only)
            form.editor.history_actions = self.history_actions
            if self.findings is not None:
                form.use_findings(self.findings)
            form.pending_changed.connect(self._on_pending)
            form.save_failed.connect(self.save_failed)
            form.focused.connect(self._on_focused)
            self.forms.append(form)
            layout.addWidget(form, 0 if compact else 1)
        if compact:
            layout.addStretch()
        self.current_form = self.forms[0] if self.forms else None
        self.current_form_changed.emit(self.current_form)

    def _reuse_single_form(self, node: Node | None) -> bool:
        """Going from one row to another keeps the form and swaps its row."""
        form = self.forms[0] if len(self.forms) == 1 else None
        if (form is None or node is None or node.kind is not NodeKind.STANDARD
                or self.node is None or self.node.kind is not NodeKind.STANDARD
                or form.template_mode != self.template_mode):
            return False
        self.node = node
        self.breadcrumb.setText(self.breadcrumb_text(node))
        form.set_node(node)
        return True

    def _section_summary(self, section: Node, rows: list[Node]) -> QLabel:
        done = sum(1 for r in rows if r.status is Status.DONE)
        empty = sum(1 for r in rows if not r.result)
        text = self.tr("本構面共 {0} 列：完成 {1} 列，未寫 {2} 列。請在左邊選擇評核項目或指標。")
        label = QLabel(text.format(len(rows), done, empty), wordWrap=True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop)
        return label

    def save_all(self) -> None:
        for form in self.forms:
            form.end_burst()

    def flush_typing(self) -> None:
        """Save what waits in the forms without closing a composition (timer-like)."""
        for form in self.forms:
            form.flush()

    def is_composing(self) -> bool:
        return any(form.editor.is_composing() for form in self.forms)

    @property
    def pending(self) -> bool:
        return any(form.pending for form in self.forms)

    def form_for(self, node_id: str) -> RowForm | None:
        return next((f for f in self.forms if f.node.id == node_id), None)

    def _on_pending(self, _pending: bool) -> None:
        self.pending_changed.emit(self.pending)

    def _on_focused(self, form: RowForm) -> None:
        self.current_form = form
        self.current_form_changed.emit(form)
