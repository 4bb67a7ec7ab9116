"""The clerk's own settings (QSettings): language, recent files, where untitled reports live."""

from __future__ import annotations

import json
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
    value = settings().value("recent_files", []) or []
    files = [value] if isinstance(value, str) else list(value)
    return [f for f in files if Path(f).is_file()]


def add_recent_file(path: Path) -> None:
    text = str(path.resolve())
    files = [text, *[f for f in recent_files() if f != text]][:MAX_RECENT]
    settings().setValue("recent_files", files)


def data_dir() -> Path:
    path = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    path.mkdir(parents=True, exist_ok=True)
    return path


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
