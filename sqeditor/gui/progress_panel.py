"""Progress per unit and overall: rows 完成, rows still empty."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from sqeditor.gui.session import ReportSession
from sqeditor.model import Status
from sqeditor.model.last_period import Carry


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

    def _set_columns(self, count: int) -> None:
        """Four columns, or six with last period: 改寫 and 沿用上期 (rows copied unchanged)."""
        if self.table.columnCount() == count:
            return
        self.table.setColumnCount(count)
        labels = [self.tr("承辦單位"), self.tr("列數"), self.tr("完成"), self.tr("未寫"),
                  self.tr("改寫"), self.tr("沿用上期")]
        self.table.setHorizontalHeaderLabels(labels[:count])
        header = self.table.horizontalHeader()
        for column in range(1, count):  # numbers as narrow as they can be: six columns fit
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        if count > 4:
            self.table.horizontalHeaderItem(5).setToolTip(self.tr("與上期的評核結果說明相同或幾乎相同的列"))

    def set_session(self, session: ReportSession) -> None:
        self.session = session
        session.nodes_changed.connect(lambda _ids, _o: self.refresh())
        session.structure_edit.connect(lambda _e: self.refresh())
        session.last_period_changed.connect(self.refresh)
        session.settings_changed.connect(self.refresh)
        self.refresh()

    def rows_by_unit(self) -> list[tuple]:
        """(unit, rows, 完成, empty) per unit, then the whole report; with last period linked,
        also rows rewritten and rows carried over unchanged."""
        assert self.session is not None
        rows = list(self.session.report.rows())
        link = self.session.period_link
        total, done, empty, rewritten, kept = Counter(), Counter(), Counter(), Counter(), Counter()
        for row in rows:
            unit = row.unit or self.tr("（未指派）")
            total[unit] += 1
            done[unit] += row.status is Status.DONE
            empty[unit] += not row.result
            if link is not None:
                carry = link.carry(row)
                rewritten[unit] += carry is Carry.REWRITTEN
                kept[unit] += carry is Carry.UNCHANGED
        carried = [rewritten, kept] if link is not None else []
        units = list(dict.fromkeys([*self.session.report.units, *total]))  # the list's order, then 未指派
        lines = [(u, total[u], done[u], empty[u], *(c[u] for c in carried)) for u in units]
        lines.append((self.tr("全部"), len(rows), sum(done.values()), sum(empty.values()),
                      *(sum(c.values()) for c in carried)))
        return lines

    def refresh(self) -> None:
        if self.session is None:
            return
        lines = self.rows_by_unit()
        self._set_columns(len(lines[0]))
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, value in enumerate(line):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
