"""報告資訊: 部會, 機關, 年度 (民國), 期間 and 資料截止日期, as the cover and the print header show them.

The same fields start a new period (新增一期…) and are edited later (報告資訊…, one undo step).
"""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.gui.session import ReportSession
from sqeditor.model import Period, ReportMeta, format_roc_date, parse_roc_date
from sqeditor.store.report_info import meta_edits


class ReportInfoForm(QWidget):
    """The five fields and the title they give; `meta()` refuses a date it cannot read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown = ReportMeta()
        self.ministry = QLineEdit(objectName="ministryEdit")
        self.ministry.setPlaceholderText(self.tr("例如 經濟部"))
        self.agency = QLineEdit(objectName="agencyEdit")
        self.agency.setPlaceholderText(self.tr("例如 經濟部工業局"))
        self.year = QSpinBox(objectName="yearBox", minimum=1, maximum=300)
        self.year.setPrefix(self.tr("民國 "))
        self.year.setSuffix(self.tr(" 年度"))
        self.period = QComboBox(objectName="periodBox")
        for period in Period:
            self.period.addItem(_period_text(period), period)
        self.cutoff = QLineEdit(objectName="cutoffEdit")
        self.cutoff.setPlaceholderText(self.tr("例如 111-06-10 或 111年6月10日"))
        self.title = QLabel(wordWrap=True, objectName="titlePreview")
        self.title.setStyleSheet("font-weight: bold")
        form = QFormLayout(self)
        form.addRow(self.tr("部會(&M)："), self.ministry)
        form.addRow(self.tr("機關名稱(&A)："), self.agency)
        form.addRow(self.tr("年度(&Y)："), self.year)
        form.addRow(self.tr("期間(&P)："), self.period)
        form.addRow(self.tr("資料截止日期(&D)："), self.cutoff)
        form.addRow(self.tr("報告標題："), self.title)
        for edit in (self.ministry, self.agency, self.cutoff):
            edit.textChanged.connect(self._show_title)
        self.year.valueChanged.connect(self._show_title)
        self.period.currentIndexChanged.connect(self._show_title)

    def set_meta(self, meta: ReportMeta) -> None:
        self.ministry.setText(meta.ministry)
        self.agency.setText(meta.agency)
        self.year.setValue(meta.roc_year or self.year.minimum())
        self.period.setCurrentIndex(list(Period).index(meta.period))
        self.cutoff.setText(format_roc_date(meta.cutoff) if meta.cutoff else "")
        self.shown = meta
        self._show_title()

    def meta(self) -> ReportMeta:
        text = self.cutoff.text().strip()
        try:
            cutoff = parse_roc_date(text) if text else None
        except ValueError as exc:
            raise SqeditorError(self.tr("資料截止日期「{0}」看不懂，請寫成 111-06-10 或 111年6月10日。")
                                .format(text)) from exc
        meta = ReportMeta(ministry=self.ministry.text().strip(), agency=self.agency.text().strip(),
                          roc_year=self.year.value(), period=Period(self.period.currentData()),
                          cutoff=cutoff)
        shown = self.shown
        if (meta.ministry, meta.roc_year, meta.period) == (shown.ministry, shown.roc_year, shown.period):
            meta.title_override = shown.title_override  # an imported title stays until the period changes
        return meta

    def _show_title(self) -> None:
        with contextlib.suppress(SqeditorError):  # the date is being typed; the title does not use it
            self.title.setText(self.meta().title)


def _period_text(period: Period) -> str:
    from PySide6.QtCore import QCoreApplication
    return {Period.FIRST_HALF: QCoreApplication.translate("Period", "上半年"),
            Period.SECOND_HALF: QCoreApplication.translate("Period", "下半年"),
            Period.FULL_YEAR: QCoreApplication.translate("Period", "全年")}[period]


class ReportInfoDialog(QDialog):
    """檔案 → 報告資訊…: the open report's fields, changed in one undoable step."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("報告資訊"))
        self.form = ReportInfoForm(self)
        self.form.set_meta(session.report.meta)
        self.message = QLabel(wordWrap=True, objectName="infoMessage")
        self.message.setStyleSheet("color: #b02a37")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, 0)
        buttons.setEnabled(not session.read_only)

    def save(self) -> None:
        try:
            edits = meta_edits(self.session.report, self.form.meta())
        except SqeditorError as exc:
            self.message.setText(exc.message)
            return
        if edits:
            self.session.apply(edits, self.tr("修改報告資訊"))
        self.accept()
