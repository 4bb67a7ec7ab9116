"""Progress per unit and overall: rows 完成, rows still empty."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from sqeditor.gui.session import ReportSession
from sqeditor.model import Status


class ProgressPanel(QWidget):
    """A table of units with their rows, 完成 and empty counts, kept up to date."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("承辦單位"), self.tr("列數"), self.tr("完成"), self.tr("未寫")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("各單位進度")))
        layout.addWidget(self.table)
        self.session: ReportSession | None = None

    def set_session(self, session: ReportSession) -> None:
        self.session = session
        session.nodes_changed.connect(lambda _ids, _o: self.refresh())
        session.structure_edit.connect(lambda _e: self.refresh())
        self.refresh()

    def rows_by_unit(self) -> list[tuple[str, int, int, int]]:
        """(unit, rows, 完成, empty) per unit, then the whole report."""
        assert self.session is not None
        rows = list(self.session.report.rows())
        total, done, empty = Counter(), Counter(), Counter()
        for row in rows:
            unit = row.unit or self.tr("（未指派）")
            total[unit] += 1
            done[unit] += row.status is Status.DONE
            empty[unit] += not row.result
        lines = [(u, total[u], done[u], empty[u]) for u in total]
        lines.append((self.tr("全部"), len(rows), sum(done.values()), sum(empty.values())))
        return lines

    def refresh(self) -> None:
        if self.session is None:
            return
        lines = self.rows_by_unit()
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate(line):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
