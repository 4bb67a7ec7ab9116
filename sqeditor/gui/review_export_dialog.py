"""匯出 › Word 審閱版: from which point the units' changes are shown as Word revisions."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sqeditor.exchange.review_changes import SINCE_LAST_EXPORT, SINCE_SPLIT


class ReviewExportDialog(QDialog):
    """The last split, the last export, or a date; a point the report has no record of is
    shown but cannot be chosen."""

    def __init__(self, split_at: datetime | None, exported_at: datetime | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("匯出 Word 審閱版"))
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr("選定時間點之後各單位的修改，會以 Word 的修訂（插入、刪除）標示，"
                                 "作者為該單位，時間為修改的時間，主管可用 Word 的「校閱」逐項接受或拒絕。"
                                 "審閱後的檔案可用「合併草稿」合併回來。"))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.since_split = self._choice(grid, 0, self.tr("上次分割草稿以來(&P)"), split_at)
        self.since_export = self._choice(grid, 1, self.tr("上次匯出以來(&X)"), exported_at)
        self.since_date = QRadioButton(self.tr("自此日期起(&D)"))
        self.group.addButton(self.since_date)
        self.date_edit = QDateEdit(QDate.currentDate().addDays(-7))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        grid.addWidget(self.since_date, 2, 0)
        grid.addWidget(self.date_edit, 2, 1)
        layout.addLayout(grid)
        first = next(b for b in (self.since_split, self.since_export, self.since_date) if b.isEnabled())
        first.setChecked(True)
        choice = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(choice.Ok | choice.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choice(self, grid: QGridLayout, row: int, text: str, at: datetime | None) -> QRadioButton:
        button = QRadioButton(text)
        self.group.addButton(button)
        when = QLabel(at.strftime("%Y-%m-%d %H:%M") if at else self.tr("（這份報告沒有紀錄）"))
        button.setEnabled(at is not None)
        when.setEnabled(at is not None)
        grid.addWidget(button, row, 0)
        grid.addWidget(when, row, 1)
        return button

    def point(self) -> str:
        """The chosen point as `sqeditor export --review` takes it."""
        if self.since_split.isChecked():
            return SINCE_SPLIT
        if self.since_export.isChecked():
            return SINCE_LAST_EXPORT
        return self.date_edit.date().toString("yyyy-MM-dd")
