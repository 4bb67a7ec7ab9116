"""匯入 Excel / Word: pick a file, see the criteria tree it gives (or why it cannot be read) and
what the import guessed or left out, then import. Nothing is written before 匯入."""

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
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.file_formats import import_report
from sqeditor.gui.labels import status_text
from sqeditor.gui.palette_colours import error_text, set_text_colour
from sqeditor.gui.window_geometry import fit_dialog
from sqeditor.model import Node, NodeKind, Report, section_label
from sqeditor.model.numbering import render_paragraphs

PREVIEW_RESULT_CHARS = 40


class ImportPreviewDialog(QDialog):
    """Reads the chosen file at once and shows the tree it gives and the import's notes;
    匯入 only when it reads. `kind` is 'xlsx' (Excel) or 'docx' (Word, also .doc)."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        word = kind == "docx"
        self.setWindowTitle(self.tr("匯入 Word 評核報告") if word else self.tr("匯入 Excel 評核表"))
        fit_dialog(self, 820, 620)
        self._report: Report | None = None
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("尚未選擇檔案"))
        browse = QPushButton(self.tr("選擇檔案(&F)…"))
        browse.clicked.connect(self.choose_file)
        self.results_box = QCheckBox(self.tr("一併匯入評核結果說明、承辦單位與狀態(&R)"))
        self.results_box.setChecked(True)
        self.results_box.toggled.connect(self._reload)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("評核項目"), self.tr("承辦單位"), self.tr("狀態"),
                                   self.tr("評核結果說明")])
        self.tree.setColumnWidth(0, 360)
        self.notes_label = QLabel()
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.setMaximumHeight(150)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("匯入(&I)"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Word 檔：") if word else self.tr("Excel 檔：")))
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.results_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self._show_notes([])
        self._show_message(self.tr("請選擇要匯入的 Word 文件（.docx 或 .doc）。") if word
                           else self.tr("請選擇要匯入的 Excel 活頁簿（.xlsx）。"), error=False)

    def report(self) -> Report | None:
        """The report read from the file, once the clerk pressed 匯入; else None."""
        return self._report if self.result() == QDialog.DialogCode.Accepted else None

    def choose_file(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else str(Path.home())
        if self.kind == "docx":
            title, filters = self.tr("選擇 Word 評核報告"), self.tr("Word 文件 (*.docx *.doc)")
        else:
            title, filters = self.tr("選擇 Excel 評核表"), self.tr("Excel 活頁簿 (*.xlsx)")
        name, _ = QFileDialog.getOpenFileName(self, title, start, filters)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read the file and show its tree, or the message that says why it cannot be read."""
        self.path_edit.setText(str(path))
        self._reload()

    def _reload(self) -> None:
        self._report = None
        self.tree.clear()
        self._show_notes([])
        self.import_button.setEnabled(False)
        if not self.path_edit.text():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            imported = import_report(Path(self.path_edit.text()), results=self.results_box.isChecked())
        except SqeditorError as exc:
            self._show_message(exc.message, error=True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._report = imported.report
        self._fill_tree(self._report)
        self._show_notes([str(note) for note in imported.notes])
        self.import_button.setEnabled(True)
        rows = list(self._report.rows())
        self._show_message(self.tr("共 {0} 個構面、{1} 列參考標準，其中 {2} 列已有評核結果說明。").format(
            len(self._report.sections), len(rows), sum(1 for r in rows if r.result)), error=False)

    def _show_notes(self, notes: list[str]) -> None:
        self.notes.clear()
        self.notes.addItems(notes)
        self.notes_label.setText(self.tr("匯入時推定或未匯入的內容（{0} 項），請核對：").format(len(notes)))
        self.notes_label.setVisible(bool(notes))
        self.notes.setVisible(bool(notes))

    def _show_message(self, text: str, *, error: bool) -> None:
        self.summary.setText(text)
        palette = self.palette()
        plain = palette.color(palette.ColorRole.WindowText)
        set_text_colour(self.summary, error_text(palette) if error else plain)

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
