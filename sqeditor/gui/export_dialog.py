"""匯出 and 列印 with the command line's choices (草稿標記, one unit, some sections, landscape),
remembered per report so next month's export asks nothing new."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sqeditor.exchange.formats import ExportOptions
from sqeditor.gui import preferences
from sqeditor.gui.folder_choice import named_target, show_folder
from sqeditor.model import Report, section_label

FORMAT_NAMES = {".docx": "Word", ".pdf": "PDF", ".xlsx": "Excel", ".json": "JSON"}
PAGED = ("", ".docx", ".pdf")  # printed, or formats with pages: these may be landscape


class ExportOptionsDialog(QDialog):
    """The options; with a suffix also where to write the file (匯出), else for printing."""

    def __init__(self, report: Report, parent: QWidget | None = None, *, suffix: str = "",
                 target: Path | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.suffix = suffix
        self.setWindowTitle(self.tr("匯出 {0}").format(FORMAT_NAMES[suffix]) if suffix else self.tr("列印"))
        self.draft = QCheckBox(self.tr("草稿標記：空白的列標示（未填），每列註明承辦單位(&D)"),
                               objectName="draftMarks")
        self.unit = QComboBox(objectName="exportUnit")
        self.unit.addItem(self.tr("全部單位"), "")
        for unit in report.units:
            self.unit.addItem(unit, unit)
        self.sections = QListWidget(objectName="exportSections")
        for index, section in enumerate(report.sections):
            item = QListWidgetItem(section_label(index, section.title))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)
        shown_rows = min(max(self.sections.count(), 1), 8)  # every section of a usual report, no scrolling
        self.sections.setFixedHeight(self.sections.sizeHintForRow(0) * shown_rows
                                     + 2 * self.sections.frameWidth() + 4)
        self.landscape = QCheckBox(self.tr("橫向頁面(&L)"), objectName="landscape")
        form = QFormLayout()
        form.addRow(self.draft)
        form.addRow(self.tr("只含這個單位的列(&U)："), self.unit)
        form.addRow(self.tr("構面(&S)："), self.sections)
        form.addRow(self.landscape)
        self.landscape.setVisible(suffix in PAGED)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.target = QLineEdit(objectName="exportTarget")  # the file name; its folder below it
        self.folder_label = QLabel(objectName="exportFolder")
        if suffix:
            target = target or Path.home() / (report.meta.title + suffix)
            self.target.setText(target.name)
            self.set_folder(target.parent)
            line = QHBoxLayout()
            line.addWidget(QLabel(self.tr("檔名(&F)："), buddy=self.target))
            line.addWidget(self.target, 1)
            layout.addLayout(line)
            line = QHBoxLayout()
            line.addWidget(QLabel(self.tr("資料夾：")))
            line.addWidget(self.folder_label, 1)
            browse = QPushButton(self.tr("換資料夾(&W)…"))
            browse.clicked.connect(self._browse)
            line.addWidget(browse)
            layout.addLayout(line)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #b02a37")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = buttons.addButton(self.tr("匯出(&E)") if suffix else self.tr("下一步(&N)"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.set_options(ExportOptions(**_known(preferences.export_options(report.id))))
        self.resize(560, 0)

    def set_options(self, options: ExportOptions) -> None:
        self.draft.setChecked(options.draft)
        at = self.unit.findData(options.unit)
        self.unit.setCurrentIndex(max(at, 0))
        for index in range(self.sections.count()):
            chosen = not options.sections or index in options.sections
            state = Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
            self.sections.item(index).setCheckState(state)
        self.landscape.setChecked(options.landscape)

    def options(self) -> ExportOptions:
        checked = [i for i in range(self.sections.count())
                   if self.sections.item(i).checkState() == Qt.CheckState.Checked]
        return ExportOptions(sections=[] if len(checked) == self.sections.count() else checked,
                             unit=self.unit.currentData(), draft=self.draft.isChecked(),
                             landscape=self.landscape.isChecked() and self.suffix in PAGED)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        show_folder(self.folder_label, folder)

    def target_path(self) -> Path:
        return named_target(self.folder, self.target.text(), self.suffix)

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("匯出到哪個資料夾"), str(self.folder))
        if name:
            self.set_folder(Path(name))

    def _accept(self) -> None:
        options = self.options()
        items = [self.sections.item(i) for i in range(self.sections.count())]
        if items and not any(item.checkState() == Qt.CheckState.Checked for item in items):
            self.message.setText(self.tr("請至少選一個構面。"))
            return
        if self.suffix and not self.target.text().strip():
            self.message.setText(self.tr("請選擇存放的檔名。"))
            return
        preferences.set_export_options(self.report.id, {
            "sections": options.sections, "unit": options.unit, "draft": options.draft,
            "landscape": self.landscape.isChecked()})
        self.accept()


def _known(saved: dict) -> dict:
    """Saved choices that still fit ExportOptions (a later version may have dropped one)."""
    kinds = {"sections": list, "unit": str, "draft": bool, "landscape": bool}
    return {k: v for k, v in saved.items() if k in kinds and isinstance(v, kinds[k])}
