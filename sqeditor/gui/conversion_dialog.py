"""Preview of 轉為臺灣正體: every change OpenCC s2twp would make, applied only on OK."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqeditor.gui.typing_helpers import ConversionChange


class ConversionPreviewDialog(QDialog):
    """Lists old → new per paragraph so the clerk sees 項目→專案 before it happens."""

    def __init__(self, changes: Sequence[ConversionChange], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("轉為臺灣正體"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("以下文字將被轉換，請確認後按「確定」：")))
        table = QTreeWidget()
        table.setHeaderLabels([self.tr("段落"), self.tr("原文"), self.tr("轉換後")])
        table.setRootIsDecorated(False)
        for change in changes:
            table.addTopLevelItem(QTreeWidgetItem([str(change.paragraph + 1), change.old, change.new]))
        layout.addWidget(table)
        choice = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(choice.Ok | choice.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table

    @classmethod
    def confirm(cls, changes: Sequence[ConversionChange], parent: QWidget) -> bool:
        """Ask before converting; say so when there is nothing to convert."""
        if not changes:
            title = QCoreApplication.translate("ConversionPreviewDialog", "轉為臺灣正體")
            text = QCoreApplication.translate("ConversionPreviewDialog", "沒有需要轉換的文字。")
            QMessageBox.information(parent, title, text)
            return False
        return cls(changes, parent).exec() == QDialog.DialogCode.Accepted
