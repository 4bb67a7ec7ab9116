"""檔案 → 新增一期…: a new report for the next period, from last period's file or the built-in
criteria. Last period's criteria and units are kept, its results are not (it is linked, so its
text stands beside each row), and the new file is a new report (its own id: last period's
drafts and backups stay apart)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.exchange.builtin_reports import builtin_template
from sqeditor.file_formats import read_report
from sqeditor.gui.folder_choice import named_target, show_folder
from sqeditor.gui.report_info_dialog import ReportInfoForm
from sqeditor.gui.window_geometry import fit_dialog
from sqeditor.last_period import link_last_period
from sqeditor.model import NodeKind, Report, section_label
from sqeditor.model.new_period import next_period_meta, start_period, units_of
from sqeditor.store import ReportStore

LAST_PERIOD_FILES = "*.sqreport *.docx *.xlsx"


class NewPeriodDialog(QDialog):
    """Pick where the criteria come from, check the fields, name the new file, 建立."""

    def __init__(self, start_dir: Path, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.start_dir = start_dir
        self.today = today or date.today()
        self.last: Report | None = None
        self.created: Path | None = None
        self.setWindowTitle(self.tr("新增一期"))
        fit_dialog(self, 900, 640)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self._source_box())
        self.form = ReportInfoForm(self)
        info = QGroupBox(self.tr("2. 這一期的報告資訊"))
        QVBoxLayout(info).addWidget(self.form)
        left.addWidget(info)
        left.addWidget(self._target_box())
        self.message = QLabel(wordWrap=True, objectName="newPeriodMessage")
        self.message.setStyleSheet("color: #b02a37")
        left.addWidget(self.message)
        left.addStretch()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(self.tr("建立(&C)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        left.addWidget(buttons)
        self.tree = QTreeWidget(objectName="newPeriodTree")
        self.tree.setHeaderLabels([self.tr("評核項目"), self.tr("承辦單位")])
        self.tree.setColumnWidth(0, 300)
        right = QVBoxLayout()
        self.summary = QLabel(wordWrap=True, objectName="newPeriodSummary")
        right.addWidget(self.summary)
        right.addWidget(self.tree, 1)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.use_builtin()

    def _source_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("1. 評核項目從哪裡來"))
        self.from_file = QRadioButton(self.tr("上一期的報告檔（.sqreport、Word 或 Excel）(&L)"))
        self.from_builtin = QRadioButton(self.tr("內建的評核項目(&B)"))
        group = QButtonGroup(box)
        group.addButton(self.from_file)
        group.addButton(self.from_builtin)
        self.source_path = QLineEdit(objectName="lastPeriodPath", readOnly=True)  # name; path on hover
        self.source_path.setPlaceholderText(self.tr("尚未選擇檔案"))
        browse = QPushButton(self.tr("選擇檔案(&F)…"))
        browse.clicked.connect(self.choose_last_period)
        self.from_builtin.clicked.connect(self.use_builtin)
        self.from_file.clicked.connect(lambda: self.choose_last_period() if self.last_path is None else None)
        line = QHBoxLayout()
        line.addWidget(self.source_path, 1)
        line.addWidget(browse)
        layout = QVBoxLayout(box)
        layout.addWidget(self.from_file)
        layout.addLayout(line)
        layout.addWidget(self.from_builtin)
        self.last_path: Path | None = None
        return box

    def _target_box(self) -> QGroupBox:
        """The file name to type, and the folder by its name (the whole path on hover)."""
        box = QGroupBox(self.tr("3. 新報告存成"))
        self.target = QLineEdit(objectName="newPeriodTarget")
        self.folder_label = QLabel(objectName="newPeriodFolder")
        self.folder = self.start_dir
        browse = QPushButton(self.tr("換資料夾(&W)…"))
        browse.clicked.connect(self._browse_folder)
        form = QFormLayout(box)
        form.addRow(self.tr("檔名(&N)："), self.target)
        line = QHBoxLayout()
        line.addWidget(self.folder_label, 1)
        line.addWidget(browse)
        form.addRow(self.tr("資料夾："), line)
        return box

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        show_folder(self.folder_label, folder)

    def target_path(self) -> Path:
        return named_target(self.folder, self.target.text(), ".sqreport")

    def choose_last_period(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("上一期的報告檔"), str(self.start_dir),
                                              self.tr("評核報告 ({0})").format(LAST_PERIOD_FILES))
        if name:
            self.load_last_period(Path(name))
        elif self.last_path is None:
            self.from_builtin.setChecked(True)

    def load_last_period(self, path: Path) -> bool:
        """Read last period's criteria and units (its results are left behind)."""
        try:
            report = read_report(path, results=False)
        except SqeditorError as exc:
            self.message.setText(exc.message)
            return False
        self.last_path = path
        self.source_path.setText(path.name)
        self.source_path.setToolTip(str(path))
        self.from_file.setChecked(True)
        self._start_from(report, path.parent)
        return True

    def use_builtin(self) -> None:
        self.from_builtin.setChecked(True)
        self.last_path = None
        self.source_path.clear()
        self.source_path.setToolTip("")
        self._start_from(builtin_template(), self.start_dir)

    def _start_from(self, report: Report, folder: Path) -> None:
        self.last = report
        self.message.clear()
        meta = next_period_meta(report.meta, self.today)
        self.form.set_meta(meta)
        self.target.setText(f"{meta.agency or meta.ministry}{meta.roc_year}年度{meta.period}.sqreport")
        self.set_folder(folder)
        self._show_tree(report)

    def _show_tree(self, report: Report) -> None:
        self.tree.clear()
        for index, section in enumerate(report.sections):
            top = QTreeWidgetItem([section_label(index, section.title), ""])
            self.tree.addTopLevelItem(top)
            for item in section.children:
                units = sorted({r.unit for r in item.rows() if r.unit})
                top.addChild(QTreeWidgetItem([item.title, "、".join(units)]))
        self.tree.expandAll()
        rows = sum(1 for node in report.walk() if node.kind is NodeKind.STANDARD)
        units = units_of(report)
        text = self.tr("{0} 個構面、{1} 列參考標準。").format(len(report.sections), rows)
        if units:
            text += self.tr("承辦單位沿用上一期：{0}。").format("、".join(units))
        self.summary.setText(text + self.tr("評核結果說明、狀態與審閱意見都是空白的。"))

    def _browse_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("新報告存放的資料夾"), str(self.folder))
        if name:
            self.set_folder(Path(name))

    def create(self) -> Path | None:
        """Write the new report; the dialog closes only when it was written."""
        assert self.last is not None
        target = self.target_path()
        try:
            meta = self.form.meta()
            if not meta.agency:
                raise SqeditorError(self.tr("請填機關名稱。"))
            if not self.target.text().strip():
                raise SqeditorError(self.tr("請輸入新報告的檔名。"))
            with ReportStore.create(target, start_period(self.last, meta)) as store:
                if self.last_path is not None:  # last period's text beside each row
                    link_last_period(store, self.last_path)
        except SqeditorError as exc:
            self.message.setText(exc.message)
            return None
        self.created = target
        self.accept()
        return target
