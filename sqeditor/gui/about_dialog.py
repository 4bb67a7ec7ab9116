"""說明 › 關於: version, file format version and where the settings and backups are kept."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from sqeditor import __version__
from sqeditor.gui import preferences
from sqeditor.store.backups import backup_root
from sqeditor.store.schema import SCHEMA_VERSION


class AboutDialog(QDialog):
    """What a support call needs to know about this copy of the program."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("關於"))
        text = "<br>".join([
            "<b>" + self.tr("提升服務品質自行評核報告編輯器") + "</b>",
            self.tr("版本：{0}").format(__version__),
            self.tr("報告檔格式版本：{0}").format(SCHEMA_VERSION),
            self.tr("設定檔位置：{0}").format(preferences.settings_location()),
            self.tr("未命名報告存放位置：{0}").format(preferences.data_dir() / "autosave"),
            self.tr("備份資料夾：{0}").format(backup_root()),
            f"Qt {qVersion()} / PySide6 {PySide6.__version__}",
        ])
        self.label = QLabel(text, objectName="aboutText", wordWrap=True)
        self.label.setTextInteractionFlags(self.label.textInteractionFlags().TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
