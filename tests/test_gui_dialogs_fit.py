"""Every dialog a clerk opens from the menus, on a 1280×720 screen (full HD at 150 %) less a
taskbar: it fits, buttons included, and in the English UI it shows no Chinese source string left
untranslated. Each language is a separate editor process, as for the clerk."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Opens the editor on the sample, walks the menu commands that open dialogs, and prints for each
# dialog its class, outside size and the texts of its labels, buttons and boxes.
DRIVER = '''
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QGroupBox, QLabel,
                               QLineEdit, QTreeWidget)
from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.gui.app import create_application
from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.window_geometry import frame_margins
from sqeditor.store import ReportStore

app = create_application(["sqeditor"])
folder = Path(sys.argv[1])
ReportStore.create(folder / "sample.sqreport", builtin_sample()).close()
window = MainWindow()
window.open_path(folder / "sample.sqreport")
window.show()
app.processEvents()
files, tools = window.menus.files, window.menus.tools
word = files.export_to(folder / "sample.docx")
seen = []

def texts(dialog):
    found = [dialog.windowTitle()]
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        found.append(widget.text())
    found += [box.title() for box in dialog.findChildren(QGroupBox)]
    found += [edit.placeholderText() for edit in dialog.findChildren(QLineEdit)]
    for tree in dialog.findChildren(QTreeWidget):
        items = [tree.headerItem()] + [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        found += [item.text(c) for item in items for c in range(tree.columnCount())]
    return [t for t in found if t]

def record(accept_print=False):
    dialog = QApplication.activeModalWidget()
    if dialog is None or dialog in seen:
        QTimer.singleShot(20, lambda: record(accept_print))
        return
    seen.append(dialog)
    outside = dialog.size().grownBy(frame_margins(dialog))
    print(json.dumps({"dialog": type(dialog).__name__, "size": [outside.width(), outside.height()],
                      "texts": texts(dialog)}), flush=True)
    if accept_print and type(dialog).__name__ == "ExportOptionsDialog":
        dialog.accept()
        QTimer.singleShot(20, record)
    else:
        dialog.reject()

commands = [files.new_period, files.report_info, files.restore_backup, files.import_xlsx,
            lambda: files.preview_import("docx", word), lambda: files.export(".docx"),
            files.export_for_review, lambda: files.export(".pdf"), files.settings_dialog,
            tools.split_drafts, tools.merge_drafts, tools.last_period_matches, tools.user_guide,
            tools.about]
for command in commands:
    QTimer.singleShot(0, record)
    command()
QTimer.singleShot(0, lambda: record(accept_print=True))
files.print_preview()
tools.units()
units = tools.units_dialog
outside = units.size().grownBy(frame_margins(units))
print(json.dumps({"dialog": "UnitsDialog", "size": [outside.width(), outside.height()],
                  "texts": texts(units)}), flush=True)
print(json.dumps({"screen": [app.primaryScreen().availableGeometry().width(),
                             app.primaryScreen().availableGeometry().height()]}))
'''

WIDTH, HEIGHT, TASKBAR = 1280, 720, 40


def open_every_dialog(tmp_path: Path, language: str) -> tuple[list[dict], list[int]]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT - TASKBAR,
         "logicalDpi": 96}]}), encoding="utf-8")
    (tmp_path / "config" / "sqeditor").mkdir(parents=True)
    (tmp_path / "config" / "sqeditor" / "sqeditor.conf").write_text(
        f"[General]\nlanguage={language}\n", encoding="utf-8")
    script = tmp_path / "drive.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               SQEDITOR_BACKUP_DIR=str(tmp_path / "backups"))
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=180)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return [line for line in lines if "dialog" in line], lines[-1]["screen"]


def chinese_sources() -> re.Pattern[str]:
    """Every string the code passes to tr(), as a clerk would see it: mnemonic marks removed,
    {0}-style places filled with anything."""
    ts = Path(__file__).resolve().parent.parent / "translations" / "sqeditor_en.ts"
    sources = {source.text.replace("&", "") for source in ET.parse(ts).iter("source")
               if source.text and re.search("[\u4e00-\u9fff]", source.text)}
    return re.compile("|".join(re.sub(r"\\\{\d\\\}", ".*", re.escape(s)) for s in sources))


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_every_dialog_fits_a_small_screen(tmp_path, language):
    dialogs, screen = open_every_dialog(tmp_path, language)
    assert screen == [WIDTH, HEIGHT - TASKBAR]
    names = {d["dialog"] for d in dialogs}
    assert {"NewPeriodDialog", "ReportInfoDialog", "BackupDialog", "ImportPreviewDialog",
            "ExportOptionsDialog", "ReviewExportDialog", "MergeDialog", "LastPeriodDialog",
            "UserGuideDialog", "QPrintPreviewDialog", "UnitsDialog"} <= names, names
    too_big = [(d["dialog"], d["size"]) for d in dialogs
               if d["size"][0] > screen[0] or d["size"][1] > screen[1]]
    assert not too_big
    if language == "en":
        sources = chinese_sources()
        left = {(d["dialog"], t) for d in dialogs for t in d["texts"]
                if sources.fullmatch(t.replace("&", ""))}
        assert not left, left


def test_no_tr_inside_an_f_string():
    """lupdate does not read inside f-strings: a tr() there never reaches the .ts files, and the
    English window shows the Chinese (修正對應… beside the last period's text did)."""
    root = Path(__file__).resolve().parent.parent / "sqeditor"
    inside = re.compile(r"\{(?:self\.)?tr\(|\{QCoreApplication\.translate\(")
    sources = sorted(root.glob("gui/*.py")) + sorted(root.glob("printing/*.py"))
    found = [f"{path.name}:{number}" for path in sources
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if inside.search(line)]
    assert not found
