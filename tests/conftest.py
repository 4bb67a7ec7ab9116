"""Shared fixtures: real report files in tmp_path, Qt offscreen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from sqeditor.cli import builtin_sample
from sqeditor.model import Report
from sqeditor.store import ReportStore

REFERENCE_JSON = Path(__file__).resolve().parent.parent / "resources" / "sample-110H2.json"


@pytest.fixture(autouse=True)
def backups_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups made by code under test (daily on open, before merges) stay out of the user's folder."""
    monkeypatch.setenv("SQEDITOR_BACKUP_DIR", str(tmp_path / "backups"))


@pytest.fixture
def sample_report() -> Report:
    return builtin_sample()


@pytest.fixture
def sample_file(tmp_path: Path, sample_report: Report) -> Path:
    path = tmp_path / "sample.sqreport"
    ReportStore.create(path, sample_report).close()
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures a test records with `record_property("summary", text)` (the installer bundle's size
    and build time), shown after the run: prints inside tests vanish under pytest-xdist."""
    for report in terminalreporter.getreports("passed"):
        for name, value in report.user_properties:
            if name == "summary":
                terminalreporter.write_line(str(value))
