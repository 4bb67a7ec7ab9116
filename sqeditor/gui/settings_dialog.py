"""檔案 › 設定: the interface language (applies at the next start)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from sqeditor.gui import preferences


class SettingsDialog(QDialog):
    """Settings kept per clerk in QSettings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("設定"))
        self.language_box = QComboBox(objectName="languageBox")
        self.language_box.addItem("繁體中文", "zh_TW")
        self.language_box.addItem("English", "en")
        self.language_box.setCurrentIndex(
            max(0, self.language_box.findData(preferences.chosen_language())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("介面語言"), self.language_box)
        layout.addRow("", QLabel(self.tr("重新啟動程式後生效。")))
        layout.addRow(buttons)

    def accept(self) -> None:
        preferences.set_language(self.language_box.currentData())
        super().accept()
