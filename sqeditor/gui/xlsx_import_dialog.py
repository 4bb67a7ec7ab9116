"""匯入 Excel: pick a workbook, see the criteria tree (or why it cannot be read), then import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.exchange.xlsx_import import read_xlsx
from sqeditor.gui.labels import status_text
from sqeditor.model import Node, NodeKind, Report, section_label
from sqeditor.model.numbering import render_paragraphs

PREVIEW_RESULT_CHARS = 40


class XlsxImportDialog(QDialog):
    """Reads the chosen workbook at once and shows the tree it gives; 匯入 only when it reads."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("匯入 Excel 評核表"))
        self.resize(820, 560)
        self._report: Report | None = None
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("尚未選擇檔案"))
        browse = QPushButton(self.tr("選擇檔案(&F)…"))
        browse.clicked.connect(self.choose_file)
        self.results_box = QCheckBox(self.tr("一併匯入評核結果說明、承辦單位與狀態"))
        self.results_box.setChecked(True)
        self.results_box.toggled.connect(self._reload)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("評核項目"), self.tr("承辦單位"), self.tr("狀態"),
                                   self.tr("評核結果說明")])
        self.tree.setColumnWidth(0, 360)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("匯入(&I)"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Excel 檔：")))
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.results_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self._show_message(self.tr("請選擇要匯入的 Excel 活頁簿（.xlsx）。"), error=False)

    def report(self) -> Report | None:
        """The report read from the workbook, once the clerk pressed 匯入; else None."""
        return self._report if self.result() == QDialog.DialogCode.Accepted else None

    def choose_file(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, self.tr("選擇 Excel 評核表"), start,
                                              self.tr("Excel 活頁簿 (*.xlsx)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read the workbook and show its tree, or the message that says why it cannot be read."""
        self.path_edit.setText(str(path))
        self._reload()

    def _reload(self) -> None:
        self._report = None
        self.tree.clear()
        self.import_button.setEnabled(False)
        if not self.path_edit.text():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._report = read_xlsx(Path(self.path_edit.text()), results=self.results_box.isChecked())
        except SqeditorError as exc:
            self._show_message(exc.message, error=True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._fill_tree(self._report)
        self.import_button.setEnabled(True)
        rows = list(self._report.rows())
        self._show_message(self.tr("共 {0} 個構面、{1} 列評核標準，其中 {2} 列已有評核結果說明。").format(
            len(self._report.sections), len(rows), sum(1 for r in rows if r.result)), error=False)

    def _show_message(self, text: str, *, error: bool) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b00020;" if error else "")

    def _fill_tree(self, report: Report) -> None:
        for index, section in enumerate(report.sections):
            top = QTreeWidgetItem([section_label(index, section.title)])
            self.tree.addTopLevelItem(top)
            self._add_children(top, section)
            top.setExpanded(index == 0)

    def _add_children(self, parent: QTreeWidgetItem, node: Node) -> None:
        for child in node.children:
            item = QTreeWidgetItem(self._columns(child))
            item.setToolTip(0, child.title)
            if child.kind is NodeKind.STANDARD:
                item.setToolTip(3, "\n".join(render_paragraphs(child.result)))
            parent.addChild(item)
            self._add_children(item, child)
            item.setExpanded(child.kind is not NodeKind.STANDARD)

    def _columns(self, node: Node) -> list[str]:
        if node.kind is NodeKind.INDICATOR and not node.title:
            return [self.tr("（無評核指標）")]
        if node.kind is not NodeKind.STANDARD:
            return [node.title]
        first = next(iter(render_paragraphs(node.result)), "")[:PREVIEW_RESULT_CHARS]
        return [node.title, node.unit, status_text(node.status), first]
