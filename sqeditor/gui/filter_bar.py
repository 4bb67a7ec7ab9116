"""Filters above the tree: one unit, one status, or only rows with problems."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from sqeditor.gui.labels import status_text
from sqeditor.gui.session import ReportSession
from sqeditor.model import Status


class FilterBar(QWidget):
    """Narrows the main window's tree to one unit, one status, or rows with problems."""

    filter_changed = Signal(object, object, bool)  # unit or None, Status or None, problems only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.unit_box = QComboBox(objectName="unitFilter")
        self.status_box = QComboBox(objectName="statusFilter")
        self.status_box.addItem(self.tr("所有狀態"), None)
        for status in Status:
            self.status_box.addItem(status_text(status), status)
        self.problems_box = QCheckBox(self.tr("有問題"), objectName="problemsFilter")
        layout.addWidget(self.unit_box, 1)
        layout.addWidget(self.status_box, 1)
        layout.addWidget(self.problems_box)
        self.unit_box.activated.connect(lambda _i: self.apply())
        self.status_box.activated.connect(lambda _i: self.apply())
        self.problems_box.toggled.connect(lambda _on: self.apply())

    def set_session(self, session: ReportSession) -> None:
        self.session = session
        session.nodes_changed.connect(lambda _ids, _o: self.reload_units())
        self.reload_units()

    def reload_units(self) -> None:
        """Units of the report and any unit typed on a row, keeping the current choice."""
        current = self.unit_box.currentData()
        units = list(self.session.report.units)
        units += sorted({r.unit for r in self.session.report.rows() if r.unit} - set(units))
        labels = [None, *units]
        if [self.unit_box.itemData(i) for i in range(self.unit_box.count())] == labels:
            return
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        self.unit_box.addItem(self.tr("所有單位"), None)
        for unit in units:
            self.unit_box.addItem(unit, unit)
        self.unit_box.setCurrentIndex(max(0, self.unit_box.findData(current)))
        self.unit_box.blockSignals(False)

    def clear(self) -> None:
        for box in (self.unit_box, self.status_box):
            box.setCurrentIndex(0)
        self.problems_box.blockSignals(True)
        self.problems_box.setChecked(False)
        self.problems_box.blockSignals(False)
        self.apply()

    def apply(self) -> None:
        status = self.status_box.currentData()
        self.filter_changed.emit(self.unit_box.currentData(), Status(status) if status else None,
                                 self.problems_box.isChecked())
