"""Where a dialog writes: a folder shown by its name (the whole path on hover) and a typed file name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel


def show_folder(label: QLabel, folder: Path) -> None:
    """The folder's own name fits a dialog on a small screen; the path a clerk may need is on hover."""
    label.setText(folder.name or str(folder))
    label.setToolTip(str(folder))


def named_target(folder: Path, typed: str, suffix: str) -> Path:
    """The typed name in folder, with the extension added when it is missing. Not `Path.with_suffix`:
    「報告111.06.10」 would become 「報告111.06.docx」, another file."""
    name = typed.strip()
    return folder / (name if name.lower().endswith(suffix) else name + suffix)
