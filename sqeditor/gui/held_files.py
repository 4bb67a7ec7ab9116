"""Writing over a file another program holds: on Windows, Word, Excel or Acrobat keep their file
open and the system refuses to replace it. The clerk reads 「請先在 Word 關閉「X.docx」再匯出」
(from `atomic_output`) and may write beside it instead, as 「X (2).docx」."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from sqeditor.errors import SqeditorError


def held_by_another_program(exc: BaseException, target: Path) -> bool:
    """The system refused to replace an existing file in a folder we may write (a name beside it
    can still be written)."""
    return (isinstance(exc.__cause__, PermissionError) and target.is_file()
            and os.access(target.parent, os.W_OK))


def name_beside(target: Path) -> Path:
    """「X (2).docx」, 「X (3).docx」…: the first such name not taken, as Windows Explorer names copies."""
    number = 2
    while (candidate := target.with_name(f"{target.stem} ({number}){target.suffix}")).exists():
        number += 1
    return candidate


def write_or_write_beside(parent: QWidget | None, title: str, target: Path,
                          write: Callable[[Path], object]) -> Path | None:
    """Write target; a refusal is shown under title, and when another program holds the old file
    the clerk may write beside it. Returns the file written, None when nothing was."""
    while True:
        try:
            write(target)
            return target
        except SqeditorError as exc:
            if not held_by_another_program(exc, target):
                QMessageBox.warning(parent, title, exc.message)
                return None
            beside = name_beside(target)
            box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message,
                              QMessageBox.StandardButton.Cancel, parent)
            text = QCoreApplication.translate("HeldFiles", "另存為「{0}」").format(beside.name)
            save_beside = box.addButton(text, QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(save_beside)
            box.exec()
            if box.clickedButton() is not save_beside:
                return None
            target = beside
