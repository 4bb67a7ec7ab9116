"""Where files live and how things look on a Windows office PC, reproduced on Linux: untitled
reports in the local (not roaming) app-data folder, dialogs starting in Documents, 最近開啟 on an
offline share, read-only opens that leave nothing beside the report, the build script under
PowerShell 5.1, dark mode, and font names Windows gives in Chinese."""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sqeditor.gui import preferences
from sqeditor.gui.palette_colours import READABLE, contrast
from sqeditor.printing.fonts import installed_family
from sqeditor.store import ReportStore
from tests.conftest import when_shown

ROOT = Path(__file__).resolve().parent.parent


# --- the local app-data folder ---------------------------------------------------------------

def test_untitled_reports_live_in_the_local_app_data_folder(gui_env):
    local = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    assert preferences.data_dir() == Path(local)
    assert preferences.untitled_path().parent == Path(local) / "autosave"


def test_untitled_reports_move_from_the_roaming_folder_once(gui_env, sample_report):
    roaming, local = gui_env / "Roaming" / "sqeditor", gui_env / "Local" / "sqeditor"
    old = roaming / "autosave" / "untitled-20261120-101500-ab12cd34.sqreport"
    old.parent.mkdir(parents=True)
    ReportStore.create(old, sample_report).close()
    Path(str(old) + "-wal").write_bytes(b"")
    preferences.add_recent_file(old)
    moved = preferences.move_untitled_reports(roaming, local)
    new = local / "autosave" / old.name
    assert moved == [new] and not old.exists() and not Path(str(old) + "-wal").exists()
    assert Path(str(new) + "-wal").exists()
    with ReportStore.open(new) as store:
        assert store.load() == sample_report
    assert preferences.recent_files() == [str(new.resolve())]
    assert preferences.move_untitled_reports(roaming, local) == []  # the second start: nothing to do


# --- dialogs start in Documents --------------------------------------------------------------

def test_file_dialogs_start_in_documents_without_a_recent_folder(qtbot, gui_env, monkeypatch):
    home = gui_env / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(gui_env / "xdg-config"))
    from sqeditor.gui.main_window import MainWindow
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_sample()
    assert preferences.recent_files() == []
    assert Path(window.menus.files._start_dir()) == home / "Documents"
    window.close()


# --- 最近開啟 on an offline share ---------------------------------------------------------------

OFFLINE = "/mnt/offline-share"


@pytest.fixture
def offline_share(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A mapped drive whose server is gone: every look at a path on it stalls (Windows waits out
    SMB's time-out, half a minute), then finds nothing. Returns the paths looked at."""
    looked: list[str] = []
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if os.fspath(path).startswith(OFFLINE):
            looked.append(os.fspath(path))
            time.sleep(1.5)
            raise FileNotFoundError(2, "The network path was not found", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return looked


def test_recent_menu_does_not_look_at_files(qtbot, gui_env, sample_file, offline_share):
    from sqeditor.gui.main_window import MainWindow
    missing = f"{OFFLINE}/評核/115年上半年.sqreport"
    preferences.settings().setValue("recent_files", [missing, str(sample_file)])
    started = time.monotonic()
    window = MainWindow()
    qtbot.addWidget(window)
    window.menus.update_recent()
    assert time.monotonic() - started < 1.0 and offline_share == []
    names = [a.text() for a in window.menus.recent_menu.actions()]
    assert names == ["115年上半年.sqreport", "sample.sqreport"]
    window.close()


def test_a_missing_recent_file_is_checked_when_opened_and_can_be_removed(qtbot, gui_env, sample_file,
                                                                         offline_share):
    from sqeditor.gui.main_window import MainWindow
    missing = f"{OFFLINE}/評核/115年上半年.sqreport"
    preferences.settings().setValue("recent_files", [missing, str(sample_file)])
    window = MainWindow()
    qtbot.addWidget(window)
    seen: list[str] = []

    def answer_yes(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    when_shown(lambda: next((w for w in QApplication.topLevelWidgets()
                             if isinstance(w, QMessageBox) and w.isVisible()), None), answer_yes)
    window.menus.recent_menu.actions()[0].trigger()
    assert offline_share == [missing]  # looked at once, when the clerk asked for it
    assert seen and "找不到「" in seen[0] and "網路磁碟機" in seen[0]
    assert preferences.recent_files() == [str(sample_file)]
    assert [a.text() for a in window.menus.recent_menu.actions()] == ["sample.sqreport"]
    window.close()


# --- read-only opens ---------------------------------------------------------------------------

def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_read_only_open_leaves_no_wal_or_shm(sample_file, sample_report):
    with ReportStore.open(sample_file, read_only=True) as store:
        assert store.load() == sample_report
        assert beside(sample_file) == ["sample.sqreport"]
    assert beside(sample_file) == ["sample.sqreport"]
    from sqeditor.file_formats import read_report
    assert read_report(sample_file) == sample_report
    assert beside(sample_file) == ["sample.sqreport"]


def test_read_only_beside_a_writer_reads_its_latest_edits(sample_file):
    """With a writer's -wal there, the reader joins it in place (the files are the writer's)."""
    from sqeditor.store import FieldEdit
    with ReportStore.open(sample_file) as writer:
        row = next(writer.load().rows())
        writer.apply([FieldEdit(row.id, "comment", "剛剛寫的")], "輸入文字")
        with ReportStore.open(sample_file, read_only=True) as reader:
            assert next(reader.load().rows()).comment == "剛剛寫的"
    assert beside(sample_file) == ["sample.sqreport"]


# --- the build script under Windows PowerShell 5.1 ---------------------------------------------

def test_build_script_keeps_native_stderr_from_ending_the_build():
    script = (ROOT / "installer" / "build_windows.ps1").read_text(encoding="utf-8")
    calls = [line.strip() for line in script.splitlines() if re.match(r"\s*(\$\w+\s*=\s*\(?)?&\s*\$", line)]
    assert calls == ['& $Exe @Arguments 2>&1 | ForEach-Object { "$_" }'], calls  # one place runs programs
    body = script[script.index("function Invoke-Native"):]
    body = body[:body.index("\n}\n")]
    order = [body.index(part) for part in ('$ErrorActionPreference = "Continue"', "& $Exe", "finally",
                                           "$ErrorActionPreference = $saved")]
    assert order == sorted(order)
    assert "$code = $LASTEXITCODE" in body and "if ($code -ne 0) { throw" in body
    outside = script.replace(body, "")
    assert "$LASTEXITCODE" not in outside  # every exit code is checked in that one place


# --- dark mode ---------------------------------------------------------------------------------

def windows_dark_palette() -> QPalette:
    """The colours Qt 6 takes from Windows 11 in dark mode."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.WindowText, "#ffffff"),
                         (QPalette.ColorRole.Base, "#191919"), (QPalette.ColorRole.AlternateBase, "#232323"),
                         (QPalette.ColorRole.Text, "#ffffff"), (QPalette.ColorRole.Button, "#2d2d2d"),
                         (QPalette.ColorRole.ButtonText, "#ffffff"),
                         (QPalette.ColorRole.Highlight, "#0078d4"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#9d9d9d")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def dark(qapp):
    before = QGuiApplication.palette()
    qapp.setPalette(windows_dark_palette())
    yield
    qapp.setPalette(before)


def rendered_contrast(widget: QWidget) -> float:
    """Contrast between the commonest colour of the drawn widget (its background) and the colour
    farthest from it (the text strokes), measured on the pixels."""
    image = widget.grab().toImage()
    pixels = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(contrast(background, QColor.fromRgb(p)) for p in pixels)


def test_forms_labels_are_readable_in_dark_mode(dark, window, qtbot):
    form = window.rows.forms[0] if window.rows.forms else None
    if form is None:
        window.next_row(1)
        form = window.rows.forms[0]
    for label in (form.edited_label, window.rows.breadcrumb):
        assert label.text()
        assert rendered_contrast(label) >= READABLE, label.objectName()


def test_findings_and_tree_colours_are_readable_in_dark_mode(dark, window, qtbot):
    window.check_text()
    qtbot.waitUntil(lambda: window.findings.list.topLevelItemCount() > 0, timeout=10000)
    base = window.findings.list.palette().color(QPalette.ColorRole.Base)
    for i in range(window.findings.list.topLevelItemCount()):
        colour = window.findings.list.topLevelItem(i).foreground(0).color()
        assert contrast(colour, base) >= READABLE, colour.name()
    model = window.tree_model
    section = model.index(0, 1)
    brush = model.data(section, Qt.ItemDataRole.ForegroundRole)
    if brush is not None:
        assert contrast(brush.color(), window.tree.palette().color(QPalette.ColorRole.Base)) >= READABLE


def test_import_refusal_is_readable_in_dark_mode(dark, qtbot):
    from sqeditor.gui.import_preview_dialog import ImportPreviewDialog
    dialog = ImportPreviewDialog("xlsx")
    qtbot.addWidget(dialog)
    dialog._show_message("無法匯入「評核表.xlsx」：不是 Excel 活頁簿。", error=True)
    assert rendered_contrast(dialog.summary) >= READABLE


def test_merge_differences_are_readable_in_dark_mode(dark, qtbot, tmp_path, sample_report):
    from sqeditor.gui.merge_dialog import MergeDialog
    from tests.test_merge_dialog import conflicting_drafts
    store, path, _row = conflicting_drafts(tmp_path, sample_report)
    dialog = MergeDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.merge_files([path])
    for view in (dialog.mine_view, dialog.theirs_view):
        text = view.palette().color(QPalette.ColorRole.Text)
        backgrounds = set()
        block = view.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.background().style() != fmt.background().style().NoBrush:
                    backgrounds.add(fmt.background().color().name())
                it += 1
            block = block.next()
        assert backgrounds, "the differing text is marked"
        for name in backgrounds:
            assert contrast(text, QColor(name)) >= READABLE, name
    store.close()


# --- font names Windows gives in Chinese ---------------------------------------------------------

@pytest.mark.parametrize(("asked", "listed"), [
    ("Microsoft JhengHei", "微軟正黑體"), ("微軟正黑體", "Microsoft JhengHei"),
    ("DFKai-SB", "標楷體"), ("標楷體", "DFKai-SB"), ("Microsoft JhengHei UI", "Microsoft JhengHei UI")])
def test_font_found_by_english_or_localized_name(asked, listed):
    assert installed_family(asked, ["Arial", listed, "新細明體"]) == listed


def test_ui_fonts_found_on_a_chinese_windows(qapp, monkeypatch):
    """A Traditional Chinese Windows lists 微軟正黑體, never "Microsoft JhengHei"."""
    from PySide6.QtGui import QFontDatabase

    from sqeditor.gui.app import ui_font_families
    listed = ["Arial", "微軟正黑體", "標楷體"]
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *_a: listed))
    assert ui_font_families() == ["微軟正黑體"]


def test_last_period_matches_are_readable_in_dark_mode(dark, qtbot, gui_env, tmp_path):
    from sqeditor.gui.last_period_dialog import LastPeriodDialog
    from sqeditor.gui.main_window import MainWindow
    from sqeditor.last_period import link_last_period
    from tests.last_period_sample import last_and_next
    last, new = last_and_next()
    last_path, new_path = tmp_path / "110H2.sqreport", tmp_path / "111H1.sqreport"
    ReportStore.create(last_path, last).close()
    ReportStore.create(new_path, new).close()
    with ReportStore.open(new_path) as store:
        link_last_period(store, last_path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(new_path)
    dialog = LastPeriodDialog(window.session, window, None)
    qtbot.addWidget(dialog)
    text = dialog.table.palette().color(QPalette.ColorRole.Text)
    brushes = [dialog.table.item(r, 0).background() for r in range(dialog.table.rowCount())]
    marked = {b.color().name() for b in brushes if b.style() != Qt.BrushStyle.NoBrush}
    assert len(marked) == 2, marked  # no match, and a match of low confidence
    for name in marked:
        assert contrast(text, QColor(name)) >= READABLE, name
    window.close()
