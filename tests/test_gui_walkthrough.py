"""In zh_TW, every menu and every dialog reachable from the menus: no English left, nothing cut off."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QTextEdit, QWidget

from sqeditor.chinese_text import to_taiwan_traditional
from sqeditor.gui.about_dialog import AboutDialog
from sqeditor.gui.conversion_dialog import ConversionPreviewDialog
from sqeditor.gui.dates import shown_datetime
from sqeditor.gui.main_window import MainWindow
from sqeditor.gui.typing_helpers import conversion_changes
from sqeditor.store import ReportStore
from tests.ui_text_audit import BIN, ROOT, audit, chinese, english_words  # noqa: F401 (fixture)

# commands that open Qt's file or printer dialogs: opened and closed, not read. Windows shows its own
# (Chinese) file dialogs; Qt's Linux file dialog keeps "Look in:" untranslated in qtbase_zh_TW.
QT_OWN_DIALOGS = {"開啟(&O)…", "另存新檔(&A)…", "Word 或 JSON…"}
ROW_WITH_FINDINGS = "提供多元案件查詢管道"
# commands that open one of our dialogs or message boxes (read, then closed)
# (export and print ask for their choices first, in a dialog of ours)
OWN_DIALOGS = {"還原備份…", "Excel 評核表（.xlsx）…", "預覽列印(&V)…", "設定…", "尋找(&F)…", "取代(&E)…",
               "範本編輯模式", "分割草稿…", "合併草稿…", "快速鍵", "關於(&A)", "使用說明(&G)",
               "新增一期(&D)…", "報告資訊(&M)…", "承辦單位(&U)…", "Word 文件（.docx）…", "PDF（.pdf）…",
               "Excel 活頁簿（.xlsx）…", "列印(&P)…"}


def run_dialog(trigger: Callable[[], object], inspect: Callable[[QWidget], list[str]]) -> list[str]:
    """Trigger a command that opens a dialog; inspect it (from inside its loop if modal), then close it."""
    problems: list[str] = []
    seen: list[QWidget] = []

    def look(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget() or QApplication.activePopupWidget()
        if seen:
            return
        if dialog is None:
            if tries < 100:
                QTimer.singleShot(20, lambda: look(tries + 1))
            return
        seen.append(dialog)
        QApplication.processEvents()
        problems.extend(inspect(dialog))
        dialog.reject() if isinstance(dialog, QDialog) else dialog.close()

    QTimer.singleShot(0, look)
    trigger()
    if not seen:  # a non-modal dialog (find, replace) stays open after the command returns
        seen += [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        for dialog in seen:
            problems.extend(inspect(dialog))
            dialog.close()
    assert seen, "no dialog opened"
    return problems


def audit_and_keep(dialog: QWidget) -> list[str]:
    """Audit a dialog and keep its picture in test-artifacts/zh_TW-dialogs/ to look at."""
    folder = ROOT / "test-artifacts" / "zh_TW-dialogs"
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w-]+", "-", dialog.windowTitle()).strip("-")[:40] or type(dialog).__name__
    dialog.grab().save(str(folder / f"{name}.png"))
    return audit(dialog)


def right_click(editor: QTextEdit, position: int) -> None:
    """The result editor's context menu over a finding: its fixes, then Qt's editing entries."""
    at = QTextCursor(editor.document())
    at.setPosition(position + 1)
    pos = editor.cursorRect(at).center()
    editor.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, editor.mapToGlobal(pos)))


def shown(dialog: QDialog, qtbot) -> list[str]:
    """A dialog built directly (not from a menu), shown non-modally and audited."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    problems = audit(dialog)
    dialog.close()
    return problems


@pytest.mark.usefixtures("chinese")
def test_every_menu_and_dialog_is_chinese_and_uncut(qtbot, sample_file):
    folder = sample_file.parent / "評核報告"  # a clerk's folder: its name is shown in dialogs
    folder.mkdir()
    sample_file = sample_file.rename(folder / sample_file.name)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(sample_file)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    problems = audit(window)
    problems += [f"menu title {a.text()!r}" for a in window.menuBar().actions() if english_words(a.text())]
    actions = {action.text(): action for action in window.menus.all_actions()}
    assert actions.keys() >= OWN_DIALOGS | QT_OWN_DIALOGS
    for text, action in actions.items():
        assert action.text() and not english_words(action.text()), text
        if text in OWN_DIALOGS:
            problems += run_dialog(action.trigger, audit_and_keep)
        elif text in QT_OWN_DIALOGS:
            run_dialog(action.trigger, lambda _dialog: [])
    old = "本項目資訊軟體"
    changes = conversion_changes(0, old, to_taiwan_traditional(old))
    assert changes
    problems += shown(ConversionPreviewDialog(changes, window), qtbot)
    window.findings.show()
    window.findings.run_check()
    window.select_node(next(r for r in window.session.report.rows() if ROW_WITH_FINDINGS in r.title))
    editor = window.rows.current_form.editor
    qtbot.waitUntil(lambda: bool(editor.extraSelections()), timeout=10_000)
    problems += audit(window)
    marked = editor.extraSelections()[0]
    start = marked.cursor.selectionStart()
    problems += run_dialog(lambda: right_click(editor, start), audit)
    assert not problems, "\n".join(dict.fromkeys(problems))
    window.close()


@pytest.mark.usefixtures("chinese")
def test_no_report_open_still_speaks_chinese(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "評核報告編輯器"
    assert not audit(window)
    window.close()


@pytest.mark.usefixtures("chinese")
def test_last_edited_is_an_roc_date(qtbot, tmp_path, sample_report):
    row = next(sample_report.rows())
    row.edited_by, row.edited_at = "王小明", datetime(2026, 11, 26, 14, 3)
    path = tmp_path / "edited.sqreport"
    ReportStore.create(path, sample_report).close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)
    window.select_node(window.session.report.node_index()[row.id])
    label = window.rows.current_form.edited_label
    assert label.text() == "最後編輯：王小明，115-11-26 14:03"
    window.close()


@pytest.mark.usefixtures("chinese")
def test_the_lock_banner_shows_an_roc_date(qtbot, sample_file):
    first, second = MainWindow(), MainWindow()
    for window in (first, second):
        qtbot.addWidget(window)
        window.open_path(sample_file)
    assert second.session.read_only
    assert re.search(r"自 1\d\d-\d\d-\d\d \d\d:\d\d 起", second.banner.text()), second.banner.text()
    second.close()
    first.close()


def test_dates_follow_the_interface_language(qapp, tmp_path):
    """ROC years in Chinese (also with no translator loaded), Gregorian years in the English UI."""
    when = datetime(2026, 11, 26, 14, 3)
    assert shown_datetime(when) == "115-11-26 14:03"
    qm = tmp_path / "sqeditor_en.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ROOT / "translations" / "sqeditor_en.ts"),
                    "-qm", str(qm)], check=True)
    english = QTranslator()
    assert english.load(str(qm))
    qapp.installTranslator(english)
    try:
        assert shown_datetime(when) == "2026-11-26 14:03"
    finally:
        qapp.removeTranslator(english)


@pytest.mark.usefixtures("chinese")
def test_about_names_the_backup_folder(qtbot, tmp_path):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert f"備份資料夾：{tmp_path / 'backups'}" in dialog.label.text()  # conftest's SQEDITOR_BACKUP_DIR
