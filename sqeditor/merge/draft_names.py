"""Draft file names that stay apart on Windows, where NTFS folds case and some characters are not allowed."""

from __future__ import annotations

import re
import unicodedata

from sqeditor.model import Report

_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))}


def windows_safe(name: str) -> str:
    """The name with what Windows refuses replaced: reserved characters, control characters, device names."""
    name = _NOT_IN_NAMES.sub("_", name).rstrip(" .") or "_"
    stem = name.split(".", 1)[0]
    return f"_{name}" if stem.upper() in _DEVICES else name


def folded(name: str) -> str:
    """What Windows compares: case folded, and full-width letters taken as their half-width forms."""
    return unicodedata.normalize("NFKC", name).casefold()


def numbered_draft_name(base: str, number: int) -> str:
    """'…-草稿.sqreport', then '…-草稿（2）.sqreport' and on: how drafts that would share a name differ."""
    return f"{base}.sqreport" if number == 1 else f"{base}（{number}）.sqreport"


def draft_file_names(report: Report, units: list[str]) -> dict[str, str]:
    """One file name per unit, '經濟部工業局-資訊室-草稿.sqreport', no two alike once Windows folds them."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for unit in units:
        base = windows_safe(f"{report.meta.agency or '報告'}-{unit}-草稿")
        number = 1
        while folded(name := numbered_draft_name(base, number)) in taken:
            number += 1
        taken.add(folded(name))
        names[unit] = name
    return names
