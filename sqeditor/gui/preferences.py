"""The clerk's own settings (QSettings): language, recent files, where untitled reports live."""

from __future__ import annotations

import contextlib
import json
import shutil
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QStandardPaths

from sqeditor.model.report import new_id

MAX_RECENT = 8
LANGUAGES = ("zh_TW", "en")


def settings() -> QSettings:
    return QSettings("sqeditor", "sqeditor")


def chosen_language() -> str:
    """The language picked in 設定, else the system's (see `system_language`)."""
    value = str(settings().value("language", "") or "")
    if value in LANGUAGES:
        return value
    return system_language(QLocale.system())


def system_language(locale: QLocale) -> str:
    """Chinese, unless the system names another language: under the C/POSIX locale (a fresh
    Debian, a service account) as well, as the command line does, for the clerks are in Taiwan."""
    chinese = locale.language() in (QLocale.Language.Chinese, QLocale.Language.C)
    return "zh_TW" if chinese else "en"


def set_language(language: str) -> None:
    settings().setValue("language", language)


def recent_files() -> list[str]:
    """The list as stored, never checked here: a file on an offline share stalls a check for
    half a minute on Windows, so each is checked when the clerk opens it."""
    value = settings().value("recent_files", []) or []
    return [value] if isinstance(value, str) else [str(f) for f in value]


def add_recent_file(path: Path) -> None:
    text = str(path.resolve())
    files = [text, *[f for f in recent_files() if f != text]][:MAX_RECENT]
    settings().setValue("recent_files", files)


def remove_recent_file(path: str) -> None:
    settings().setValue("recent_files", [f for f in recent_files() if f != path])


def documents_dir() -> Path:
    """Where file dialogs start when nothing was opened yet: 文件 (Documents), not the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def last_row(report_id: str) -> str:
    """The id of the row last edited in this report (the report opens there again)."""
    return str(settings().value(f"last_row/{report_id}", "") or "")


def remember_last_row(report_id: str, node_id: str) -> None:
    settings().setValue(f"last_row/{report_id}", node_id)


def data_dir() -> Path:
    """The local app-data folder (%LOCALAPPDATA% on Windows): untitled reports and the error log
    stay on this PC, never in a roaming profile copied to a server at every sign-in and out."""
    path = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))
    path.mkdir(parents=True, exist_ok=True)
    return path


def roaming_data_dir() -> Path:
    """Where earlier versions kept untitled reports (%APPDATA%, roamed on Windows domains)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def move_untitled_reports(old: Path, new: Path) -> list[Path]:
    """Move untitled reports (with their -wal/-shm) from an old data folder to the new one, and
    point 最近開啟 at the new place; returns the moved reports. Run at start, so nothing has them open."""
    source = old / "autosave"
    if old.resolve() == new.resolve() or not source.is_dir():
        return []
    target = new / "autosave"
    target.mkdir(parents=True, exist_ok=True)
    moved = []
    for report in sorted(source.glob("*.sqreport")):
        if (target / report.name).exists():
            continue
        for suffix in ("-wal", "-shm", ""):  # the report last: it is what is looked for
            part = Path(str(report) + suffix)
            if part.exists():
                shutil.move(str(part), str(target / part.name))
        moved.append(target / report.name)
    renamed = {str((source / p.name).resolve()): str(p.resolve()) for p in moved}
    settings().setValue("recent_files", [renamed.get(f, f) for f in recent_files()])
    with contextlib.suppress(OSError):
        source.rmdir()  # only when empty
    return moved


def untitled_path() -> Path:
    """A fresh file name for a report the clerk has not named yet."""
    folder = data_dir() / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"untitled-{stamp}-{new_id()[:8]}.sqreport"


def settings_location() -> str:
    return settings().fileName()


def export_options(report_id: str) -> dict:
    """The export and print choices last made for this report (empty: the defaults)."""
    text = str(settings().value(f"export_options/{report_id}", "") or "")
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def set_export_options(report_id: str, options: dict) -> None:
    settings().setValue(f"export_options/{report_id}", json.dumps(options, ensure_ascii=False))
