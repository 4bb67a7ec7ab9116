"""檔案 → 還原備份: the report's backup copies with date and cause; one is restored as a new file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqeditor.errors import SqeditorError
from sqeditor.gui.dates import shown_datetime
from sqeditor.gui.palette_colours import error_text, set_text_colour
from sqeditor.gui.window_geometry import fit_dialog
from sqeditor.store.backups import Backup, BackupCause, backup_root, list_backups, restore_backup

TargetChooser = Callable[[QWidget, Path], Path | None]


def ask_for_new_file(parent: QWidget, suggested: Path) -> Path | None:
    """The clerk names the new file; restoring never overwrites (the store refuses)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("BackupDialog", "還原成新的報告檔"), str(suggested),
        QCoreApplication.translate("BackupDialog", "服務品質報告 (*.sqreport)"))
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".sqreport" else path.with_name(path.name + ".sqreport")


class BackupDialog(QDialog):
    """Lists the copies made before merges and imports and once a day, newest first."""

    restored = Signal(Path)  # the new file, for the main window to open

    def __init__(self, report_path: Path, parent: QWidget | None = None, *, root: Path | None = None,
                 choose_target: TargetChooser = ask_for_new_file) -> None:
        super().__init__(parent)
        self.report_path = Path(report_path)
        self.root = root
        self.choose_target = choose_target
        self.setWindowTitle(self.tr("還原備份"))
        fit_dialog(self, 560, 380)
        self.backups: list[Backup] = list_backups(self.report_path, root=root)
        self.table = QTreeWidget(objectName="backupList", rootIsDecorated=False, uniformRowHeights=True)
        self.table.setHeaderLabels([self.tr("備份時間"), self.tr("原因"), self.tr("大小")])
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(1, 120)
        causes = {BackupCause.MERGE: self.tr("合併前"), BackupCause.IMPORT: self.tr("匯入前"),
                  BackupCause.DAILY: self.tr("每日")}  # the store's words, in the UI's language
        for backup in self.backups:
            item = QTreeWidgetItem([shown_datetime(backup.made_at), causes[backup.cause],
                                    self._size_text(backup.path)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        self.table.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.table.itemSelectionChanged.connect(self._update_button)
        self._build()
        if self.backups:
            self.table.setCurrentItem(self.table.topLevelItem(0))

    def _build(self) -> None:
        note = QLabel(self.tr("合併草稿前、匯入前，以及每天第一次開啟時，都會自動備份這份報告。"
                              "還原會另存成新的報告檔，不會覆蓋任何檔案。"), wordWrap=True)
        self.empty_label = QLabel(self.tr("這份報告還沒有任何備份。"), objectName="noBackups")
        self.empty_label.setVisible(not self.backups)
        self.message = QLabel(objectName="restoreMessage", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder = QLabel(self.tr("備份資料夾：{0}").format(self.root or backup_root()), wordWrap=True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("還原成新檔案(&R)…"), objectName="restoreButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (note, self.table, self.empty_label, self.message, folder, buttons):
            layout.addWidget(widget)
        self._update_button()

    def _size_text(self, path: Path) -> str:
        try:
            return self.tr("{0} KB").format(max(1, round(path.stat().st_size / 1024)))
        except OSError:
            return "—"

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        item = self.table.currentItem()
        return self.backups[self.table.indexOfTopLevelItem(item)] if item is not None else None

    def suggested_path(self, backup: Backup) -> Path:
        stem = self.report_path.stem
        return self.report_path.with_name(f"{stem}-還原-{backup.made_at:%Y%m%d-%H%M}.sqreport")

    def restore_selected(self) -> Path | None:
        """Ask for a new file name and write the chosen copy there; say plainly what went wrong."""
        backup = self.selected()
        if backup is None:
            return None
        target = self.choose_target(self, self.suggested_path(backup))
        if target is None:
            return None
        try:
            restore_backup(backup, target)
        except SqeditorError as exc:
            set_text_colour(self.message, error_text(self.palette()))
            self.message.setText(exc.message)
            return None
        set_text_colour(self.message, self.palette().color(self.palette().ColorRole.WindowText))
        self.message.setText(self.tr("已還原成「{0}」。").format(target.name))
        self.restored.emit(target)
        return target
