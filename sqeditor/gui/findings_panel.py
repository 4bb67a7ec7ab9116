"""The 文字檢查 panel: every finding of the report, with go-to, apply, apply-all and ignore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqeditor.gui.findings_index import FindingsIndex, fix_label
from sqeditor.gui.palette_colours import accent_on_base
from sqeditor.gui.utf16 import to_utf16

if TYPE_CHECKING:
    from sqeditor.gui.window_host import ReportHost
    from sqeditor.rules.finding import Finding

# Severity values; the rules package is not imported before the first check
SEVERITIES = ("error", "warning", "info")
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#e08a00", "info": "#1565c0"}


class FindingsPanel(QDockWidget):
    """Lists findings of the whole report; the tree and editors show the same ones as marks."""

    def __init__(self, host: ReportHost, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("文字檢查"), parent)
        self.setObjectName("findingsPanel")  # its place is kept with the window's (saveState)
        self.setObjectName("findingsDock")
        self.host = host
        self.index: FindingsIndex | None = None
        self.shown: list[Finding] = []
        self._stale = True
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(self._build_bar())
        self.list = QTreeWidget(objectName="findingsList")
        self.list.setHeaderLabels([self.tr("嚴重度"), self.tr("位置"), self.tr("說明"), self.tr("建議")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setColumnWidth(0, 60)
        self.list.setColumnWidth(1, 260)
        self.list.setColumnWidth(2, 520)
        self.list.itemActivated.connect(lambda item, _c: self.go_to(self.list.indexOfTopLevelItem(item)))
        layout.addWidget(self.list)
        self.setWidget(body)
        self.visibilityChanged.connect(lambda visible: visible and self._stale and self.refresh())

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.severity_box = QComboBox(objectName="severityFilter")
        self.severity_box.addItem(self.tr("全部"), None)
        for severity in SEVERITIES:
            self.severity_box.addItem(self._severity_text(severity), severity)
        self.severity_box.activated.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        bar.addWidget(self.severity_box)
        bar.addWidget(self.summary, 1)
        for text, slot in ((self.tr("套用建議"), self.apply_current),
                           (self.tr("全部套用"), self.apply_all_current),
                           (self.tr("忽略"), self.ignore_current),
                           (self.tr("重新檢查"), self.run_check)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            bar.addWidget(button)
        return bar

    def _severity_text(self, severity: str) -> str:
        return {"error": self.tr("錯誤"), "warning": self.tr("警告"), "info": self.tr("提示")}[severity]

    def set_index(self, index: FindingsIndex) -> None:
        self.index = index
        index.changed.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.index is None:
            return
        self._stale = False
        wanted = self.severity_box.currentData()
        self.shown = [f for f in self.index.findings() if wanted is None or f.severity == wanted]
        nodes = self.index.session.nodes
        palette = self.list.palette()
        names = {s: self._severity_text(s) for s in SEVERITIES}  # translated once, not per line
        brushes = {s: QBrush(accent_on_base(palette, QColor(colour)))
                   for s, colour in SEVERITY_COLOURS.items()}
        deleted = self.tr("（刪除）")
        items = []
        for finding in self.shown:
            node = nodes.get(finding.node_id)
            where = (node.title if node else "").replace("\n", " ")[:40]
            suggestion = "、".join(s or deleted for s in finding.suggestions)
            item = QTreeWidgetItem([names[finding.severity], where,
                                    f"{finding.message}「{finding.text}」", suggestion])
            item.setForeground(0, brushes[finding.severity])
            items.append(item)
        self.list.clear()
        self.list.addTopLevelItems(items)
        self.summary.setText(self.tr("共 {0} 個問題").format(len(self.shown)))

    def current(self) -> Finding | None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem()) if self.list.currentItem() else -1
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def go_to(self, row: int) -> None:
        """Show the finding's row and put the cursor on the flagged text."""
        finding = self.shown[row]
        self.host.select_node(self.index.session.nodes.get(finding.node_id))
        editor = self.host.editor_for(finding.node_id)
        if editor is None or finding.field != "result":
            return
        block = editor.document().findBlockByNumber(finding.paragraph)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + to_utf16(block.text(), finding.start))
        cursor.setPosition(block.position() + to_utf16(block.text(), finding.end),
                           QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_current(self) -> None:
        finding = self.current()
        if finding is not None and finding.suggestions and self.index is not None:
            self.host.save_typing()
            edits = self.index.edits_for([finding], finding.suggestions[0])
            if edits:
                self.index.session.apply(edits, fix_label(finding, finding.suggestions[0]))

    def apply_all_current(self) -> None:
        finding = self.current()
        if finding is not None and finding.suggestions and self.index is not None:
            self.host.save_typing()
            self.index.apply_all(finding, finding.suggestions[0])

    def ignore_current(self) -> None:
        finding = self.current()
        if finding is not None and self.index is not None:
            self.index.ignore(finding)

    def run_check(self) -> None:
        if self.index is not None:
            self.host.save_typing()
            self.index.run_now()
