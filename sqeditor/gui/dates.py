"""Dates on screen: ROC years (民國) in the Chinese UI, Gregorian years in the English UI."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from sqeditor.model.roc_date import ROC_OFFSET


def shown_datetime(value: datetime) -> str:
    """'115-11-26 14:03' in zh_TW; the translated pattern picks {year} instead of {roc}."""
    pattern = QCoreApplication.translate("Dates", "{roc}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}")
    return pattern.format(roc=value.year - ROC_OFFSET, year=value.year, month=value.month,
                          day=value.day, hour=value.hour, minute=value.minute)


def shown_iso(text: str) -> str:
    """An ISO time stamp from a file shown like shown_datetime; kept as is if unreadable."""
    try:
        return shown_datetime(datetime.fromisoformat(text))
    except ValueError:
        return text
