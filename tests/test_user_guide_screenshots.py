"""The user guide's screenshots, made by driving the real window through the guide's story.

With SQEDITOR_UPDATE_DOCS=1 they replace the committed images in docs/images/; otherwise they go to
test-artifacts/user-guide/ and the committed images the guide names must exist.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from sqeditor.gui.app import apply_fonts
from sqeditor.gui.export_dialog import ExportOptionsDialog
from sqeditor.gui.guide_dialog import UserGuideDialog, guide_path, image_fragments
from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.merge_dialog import MergeDialog, SplitDialog
from sqeditor.gui.new_period_dialog import NewPeriodDialog
from sqeditor.gui.report_info_dialog import ReportInfoDialog
from sqeditor.gui.units_dialog import UnitsDialog
from sqeditor.model import Status
from sqeditor.printing.pages import print_report
from sqeditor.store import FieldEdit, ReportStore
from tests.ui_text_audit import audit, chinese, widget_texts  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parent.parent
DOCS_IMAGES = ROOT / "docs" / "images"
UNITS = ["秘書室", "資訊室", "企劃組"]
SIZE = (1366, 768)


def output_dir() -> Path:
    if os.environ.get("SQEDITOR_UPDATE_DOCS") == "1":
        return DOCS_IMAGES
    folder = ROOT / "test-artifacts" / "user-guide"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(widget: QWidget, name: str) -> Path:
    QApplication.processEvents()  # pending layouts first, as the clerk would see them
    problems = audit(widget)
    assert not problems, "\n".join(problems)
    shown_texts = [text for part in [widget, *widget.findChildren(QWidget)] if part.isVisible()
                   for where, text in widget_texts(part) if "tooltip" not in where]
    assert not [t for t in shown_texts if "pytest-of" in t or "/tmp/" in t]  # no test paths in the guide
    path = output_dir() / name
    assert widget.grab().save(str(path), "PNG")
    assert path.stat().st_size > 10_000  # text drawn, not an empty widget
    return path


def named_images() -> list[str]:
    return re.findall(r"\]\(images/([^)]+\.png)\)", guide_path().read_text(encoding="utf-8"))


def test_the_guide_names_committed_images_that_exist():
    names = named_images()
    assert len(names) >= 6
    for name in names:
        assert (DOCS_IMAGES / name).is_file(), name
    total = sum(p.stat().st_size for p in DOCS_IMAGES.glob("*.png"))
    assert total < 2_000_000


def test_the_help_menu_shows_the_guide_with_its_images(qtbot):
    dialog = UserGuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "分割草稿" in text and "合併草稿" in text and "匯出" in text
    images = image_fragments(dialog.browser.document())
    assert len(images) == len(named_images())
    widths = [f.charFormat().toImageFormat().width() for f in images]  # 0: shown at its own size
    assert all(w <= 760 for w in widths) and sum(w == 760 for w in widths) >= 5


@pytest.fixture
def gui_env(qapp, request, tmp_path, monkeypatch):
    request.getfixturevalue("chinese")
    for name in ("LOGNAME", "USER", "USERNAME"):  # the clerk's name as the guide shows it
        monkeypatch.setenv(name, "王承辦")
    apply_fonts(qapp)
    return tmp_path


def shown(qtbot, widget: QWidget, size: tuple[int, int]) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def checked(qtbot, window: MainWindow) -> None:
    """The shown result editors have run their own check, so their underlines are in the picture."""
    timers = window.findChildren(QTimer, "checkTimer")
    qtbot.waitUntil(lambda: not any(t.isActive() for t in timers), timeout=10_000)


def test_screenshots_of_the_guide_story(qtbot, gui_env, sample_file):
    """New period from last period's file, units, split, a unit's draft, merge, check, export and
    print, all from the window: one PNG per step."""
    with ReportStore.open(sample_file) as store:  # last period: rows handed to three units
        last = store.load()
        store.apply([FieldEdit(r.id, "unit", UNITS[i % len(UNITS)]) for i, r in enumerate(last.rows())],
                    "指派")
    folder = gui_env / "評核報告"
    folder.mkdir()
    last_period = folder / "110年度下半年.sqreport"
    sample_file.rename(last_period)
    window = shown(qtbot, MainWindow(), SIZE)
    new_period = shown(qtbot, NewPeriodDialog(folder, window, today=date(2022, 5, 2)), (980, 640))
    assert new_period.load_last_period(last_period)
    save(new_period, "01-new-period.png")
    new_period.create_button.click()
    assert window.open_path(new_period.created)
    session = window.session
    rows = list(session.report.rows())
    assert not any(r.result or r.comment for r in rows)  # last period's texts are not carried over

    info = shown(qtbot, ReportInfoDialog(session, window), (520, 300))
    save(info, "02-report-info.png")
    info.close()

    units = UnitsDialog(session, window.selected_nodes, window)
    shown(qtbot, units, (720, 440))
    units.name.setText("研考室")
    units.add()
    window.select_node(session.report.sections[3])
    units.update_assign_text()
    units.assign_button.click()
    save(units, "03-units.png")
    units.close()
    window.select_node(next(session.report.sections[3].rows()))
    checked(qtbot, window)
    save(window, "04-assign-units.png")

    split = shown(qtbot, SplitDialog(window, session.store), (560, 420))
    drafts_folder = folder / "111上半年草稿"
    drafts_folder.mkdir()
    split.set_folder(drafts_folder)
    drafts = split.split()
    assert len(drafts) == len(session.report.units)
    save(split, "05-split-drafts.png")
    split.close()

    texts = {r.title: r.result for r in last.rows()}
    for draft in drafts:
        with ReportStore.open(draft) as store:
            draft_report = store.load()  # each unit writes its own rows only
            unit = draft_report.draft.unit
            mine = [r for r in draft_report.rows() if r.unit == unit and texts[r.title]]
            edits = [FieldEdit(r.id, "result", texts[r.title]) for r in mine]
            store.apply(edits + [FieldEdit(r.id, "status", Status.DRAFT) for r in mine], "輸入文字")
    unit_window = shown(qtbot, MainWindow(), SIZE)  # 資訊室's clerk opens its draft
    info_draft = next(d for d in drafts if "資訊室" in d.name)
    assert unit_window.open_path(info_draft)
    other = next(r for r in unit_window.session.report.rows() if r.unit == "秘書室")
    unit_window.select_node(unit_window.session.nodes[other.id])
    checked(qtbot, unit_window)
    assert unit_window.rows.forms[0].lock_banner.isVisible()
    save(unit_window, "06-draft-other-unit.png")
    unit_window.close()

    merge = shown(qtbot, MergeDialog(window, session=session), (1000, 660))
    merge.merge_files(drafts)
    assert "採用 0" not in merge.summary.toPlainText()
    save(merge, "07-merge-drafts.png")
    merge.close()

    window.check_text()
    qtbot.waitUntil(lambda: window.findings.list.topLevelItemCount() > 0, timeout=10_000)
    window.findings.list.setCurrentItem(window.findings.list.topLevelItem(0))
    checked(qtbot, window)
    save(window, "08-check-wording.png")

    file_menu = window.menuBar().actions()[0].menu()
    file_menu.popup(window.mapToGlobal(QPoint(0, 0)))
    qtbot.waitExposed(file_menu)
    save(file_menu, "09-file-menu.png")
    file_menu.close()

    export = ExportOptionsDialog(session.report, window, suffix=".docx",
                                 target=folder / "111年度上半年草稿.docx")
    shown(qtbot, export, (620, export.sizeHint().height()))
    export.draft.setChecked(True)
    save(export, "10-export-options.png")
    export.close()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preview = QPrintPreviewDialog(printer, window)
    preview.paintRequested.connect(lambda p: print_report(session.report, p))
    shown(qtbot, preview, SIZE)
    save(preview, "11-print-preview.png")
    preview.close()
    window.close()
