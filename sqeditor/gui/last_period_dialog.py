"""Linking last period's report, and the rows matched to it, with a way to fix a match by hand.

Criteria are reworded between periods, so rows matched by likeness show their confidence and the
doubtful ones are marked; the clerk picks the right last-period row (or none) for any row, and
each fix is one undoable step kept in the report.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.gui.palette_colours import marked_background
from sqeditor.gui.session import ReportSession
from sqeditor.gui.window_geometry import fit_dialog
from sqeditor.model import Node

LOW_HUE = QColor("#e0a000")  # behind a match of low confidence (a tint of the palette's base)
NONE_HUE = QColor("#808080")  # behind a row with no match
LAST_FILES = "*.sqreport *.docx *.xlsx *.json"


class LastPeriodLinker(QObject):
    """Links last period's report, from a file the clerk chooses, to the open one."""

    def __init__(self, session: ReportSession, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window

    def choose_and_link(self, start_dir: str = "") -> bool:
        """Ask for last period's file and link it (one undoable step). True when linked."""
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("連結上期報告"), start_dir,
                                              self.tr("報告") + f" ({LAST_FILES})")
        return bool(name) and self.link_file(Path(name))

    def link_file(self, path: Path) -> bool:
        """Read last period's report and keep it in this one; a plain message when it cannot be read."""
        from sqeditor.last_period import read_last_period
        from sqeditor.store import LastPeriodLink
        try:
            if path.resolve() == self.session.path.resolve():
                raise SqeditorError(self.tr("「{0}」就是這份報告，請選擇上一期的報告。").format(path.name))
            last = read_last_period(path)
        except SqeditorError as exc:
            QMessageBox.warning(self.window, self.tr("無法連結上期報告"), exc.message)
            return False
        self.session.apply([LastPeriodLink(last)], self.tr("連結上期報告"))
        return True


class LastPeriodDialog(QDialog):
    """This period's rows beside their last-period rows, with confidence; fix one by hand."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None,
                 row: Node | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("上期對應"))
        self.setObjectName("lastPeriodDialog")
        fit_dialog(self, 980, 620)
        self.session = session
        self.rows: list[Node] = []
        self.summary = QLabel(wordWrap=True, objectName="lastPeriodSummary")
        self.doubtful_only = QCheckBox(self.tr("只列出依相似度對應或沒有對應的列(&O)"), checked=row is None)
        self.doubtful_only.toggled.connect(lambda _on: self.refresh())
        self.table = QTableWidget(0, 3, objectName="lastPeriodMatches")
        self.table.setHorizontalHeaderLabels([self.tr("本期評核列"), self.tr("上期評核列"), self.tr("信心")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_choice)
        self.choice = QComboBox(objectName="lastPeriodChoice")
        self.choice.setMinimumContentsLength(40)
        self.apply_button = QPushButton(self.tr("指定(&S)"), objectName="applyLastPeriodMatch")
        self.apply_button.clicked.connect(self.apply_choice)
        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("上期對應列：")))
        line.addWidget(self.choice, 1)
        line.addWidget(self.apply_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.doubtful_only)
        layout.addWidget(self.table, 1)
        layout.addLayout(line)
        layout.addWidget(buttons)
        session.last_period_changed.connect(self.refresh)
        self.refresh()
        if row is not None:
            self.select_row(row.id)

    def refresh(self) -> None:
        link = self.session.period_link
        selected = self.selected_row()
        self.table.setRowCount(0)
        if link is None:
            self.summary.setText(self.tr("這份報告尚未連結上期報告。"))
            return
        all_rows = list(self.session.report.rows())
        fuzzy = [m for m in link.matches.values() if m.how == "fuzzy"]
        self.summary.setText(self.tr(
            "上期報告：{0}（{1}，{2} 列）。本期 {3} 列中 {4} 列有對應，{5} 列依相似度對應（{6} 列信心偏低），"
            "{7} 列沒有對應。").format(
                Path(link.last.source).name, link.last.label, len(link.last.rows), len(all_rows),
                len(link.matches), len(fuzzy), sum(m.low for m in fuzzy), len(all_rows) - len(link.matches)))
        self.rows = [r for r in all_rows if not self.doubtful_only.isChecked()
                     or link.matches.get(r.id) is None or link.matches[r.id].how == "fuzzy"]
        self.table.setRowCount(len(self.rows))
        palette = self.table.palette()
        none_brush = QBrush(marked_background(palette, NONE_HUE))
        low_brush = QBrush(marked_background(palette, LOW_HUE))
        for index, row in enumerate(self.rows):
            match = link.matches.get(row.id)
            cells = [row.title, match.last.title if match else self.tr("（沒有對應）"),
                     f"{match.confidence:.0%}" if match else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if match is None:
                    item.setBackground(none_brush)
                elif match.low:
                    item.setBackground(low_brush)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, item)
        if selected is not None:
            self.select_row(selected.id)

    def selected_row(self) -> Node | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def select_row(self, node_id: str) -> None:
        index = next((i for i, r in enumerate(self.rows) if r.id == node_id), None)
        if index is None and self.doubtful_only.isChecked():
            self.doubtful_only.setChecked(False)  # refreshes and lists every row
            index = next((i for i, r in enumerate(self.rows) if r.id == node_id), None)
        if index is not None:
            self.table.selectRow(index)

    def _show_choice(self) -> None:
        link, row = self.session.period_link, self.selected_row()
        self.choice.clear()
        self.apply_button.setEnabled(row is not None and link is not None and not self.session.read_only)
        if row is None or link is None:
            return
        self.choice.addItem(self.tr("（自動對應）"), None)
        self.choice.addItem(self.tr("（上期沒有對應的列）"), "")
        for last_row in link.last.rows:
            self.choice.addItem(" › ".join(t for t in last_row.path[1:] if t), last_row.id)
        chosen = link.last.overrides.get(row.id)  # None: matched automatically
        self.choice.setCurrentIndex(max(0, self.choice.findData(chosen)) if chosen is not None else 0)

    def apply_choice(self) -> None:
        from sqeditor.last_period import match_edit
        row = self.selected_row()
        if row is None:
            return
        self.session.apply([match_edit(row.id, self.choice.currentData())], self.tr("修正上期對應"))
