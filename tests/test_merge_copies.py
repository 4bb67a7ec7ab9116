"""Plain copies of the report file merge three-way against the last step both files hold.

Copies are made as a clerk makes them (the file copied while closed) and edited by the program
in another process, as a unit would on its own PC.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sqeditor.cli import main
from sqeditor.merge import AlreadyMergedError, DraftMerger, MergeError
from sqeditor.merge.conflicts import display_text
from sqeditor.merge.merge_report import report_text
from sqeditor.merge.returned import ReturnedKind
from sqeditor.model import Node, NodeKind, Paragraph
from sqeditor.store import FieldEdit, NodeDelete, NodeInsert, NodeMove, ReportStore, SettingEdit
from sqeditor.store.merge_records import open_conflicts
from tests.merge_helpers import assign_units

ROOT = Path(__file__).resolve().parent.parent
EDIT_IN_ANOTHER_PROCESS = """
import sys
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
path, user, *pairs = sys.argv[1:]
with ReportStore.open(path, user=user) as store:
    for node_id, text in zip(pairs[::2], pairs[1::2]):
        store.apply([FieldEdit(node_id, "result", [Paragraph(text)])], "輸入文字")
"""


def edit_elsewhere(path: Path, user: str, *edits: tuple[str, str]) -> None:
    """Each (row id, text) typed as its own step by another program, as a unit's PC would."""
    args = [arg for pair in edits for arg in pair]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", EDIT_IN_ANOTHER_PROCESS, str(path), user, *args],
                   check=True, env=env, timeout=60)


def result_of(store: ReportStore, node_id: str) -> list[str]:
    return [p.text for p in store.load().node_index()[node_id].result]


@pytest.fixture
def report(tmp_path, sample_report):
    """The coordinator's report with some history, closed, and its rows' ids."""
    path = tmp_path / "report.sqreport"
    with ReportStore.create(path, assign_units(sample_report), user="協調人") as store:
        rows = [r.id for r in store.load().rows()]
        store.apply([FieldEdit(rows[0], "comment", "分送前寫的意見")], "輸入文字")
    return path, rows


def copy_of(source: Path, name: str) -> Path:
    target = source.with_name(name)
    shutil.copyfile(source, target)
    return target


def test_a_copy_edited_in_another_process_merges_and_merging_it_again_changes_nothing(report):
    path, rows = report
    copy = copy_of(path, "資訊室.sqreport")
    edit_elsewhere(copy, "資訊室小王", (rows[1], "資訊室寫的"), (rows[2], "資訊室也寫了這列"))
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(rows[3], "result", [Paragraph("協調人後來寫的")])], "輸入文字")
        (outcome,) = DraftMerger(store).merge_all([copy])
        assert outcome.error is None and outcome.kind is ReturnedKind.COPY
        assert outcome.base.startswith("兩份檔案共有的最後一步") and "協調人「輸入文字」" in outcome.base
        assert result_of(store, rows[1]) == ["資訊室寫的"]
        assert result_of(store, rows[2]) == ["資訊室也寫了這列"]
        assert result_of(store, rows[3]) == ["協調人後來寫的"]  # the copy did not touch it: kept
        assert open_conflicts(store) == [] and outcome.count("taken") == 2
        after = store.load()
        steps = store.conn.execute("SELECT COUNT(*) FROM step").fetchone()[0]
        with pytest.raises(AlreadyMergedError, match=r"報告檔副本.*再合併一次不會有任何變更"):
            DraftMerger(store).merge(copy)
        assert store.load() == after
        assert store.conn.execute("SELECT COUNT(*) FROM step").fetchone()[0] == steps


def test_a_copy_edited_again_after_its_merge_merges_against_what_was_merged(report):
    """The second merge's base is the copy as it was merged, not the split point: the unit's
    newer text of a row it wrote before is taken, not a conflict with its own older text."""
    path, rows = report
    copy = copy_of(path, "資訊室.sqreport")
    edit_elsewhere(copy, "資訊室小王", (rows[1], "第一版"))
    with ReportStore.open(path) as store:
        DraftMerger(store).merge(copy)
    edit_elsewhere(copy, "資訊室小王", (rows[1], "第二版"), (rows[4], "新寫的一列"))
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(rows[5], "result", [Paragraph("協調人改的")])], "輸入文字")
        outcome = DraftMerger(store).merge(copy)
        assert outcome.base.startswith("上次合併這份副本時它的內容")
        assert result_of(store, rows[1]) == ["第二版"] and result_of(store, rows[4]) == ["新寫的一列"]
        assert result_of(store, rows[5]) == ["協調人改的"] and open_conflicts(store) == []


def test_a_copy_of_a_copy_merges_both_units_writing(report):
    path, rows = report
    first = copy_of(path, "秘書室.sqreport")
    edit_elsewhere(first, "秘書室", (rows[1], "秘書室寫的"))
    second = copy_of(first, "秘書室給企劃組.sqreport")
    edit_elsewhere(second, "企劃組", (rows[2], "企劃組寫的"))
    with ReportStore.open(path) as store:
        outcome = DraftMerger(store).merge(second)
        assert outcome.kind is ReturnedKind.COPY and outcome.count("taken") == 2
        assert result_of(store, rows[1]) == ["秘書室寫的"] and result_of(store, rows[2]) == ["企劃組寫的"]
        before = store.load()
        (again,) = DraftMerger(store).merge_all([first])  # its text is in already: nothing to do
        assert again.error is None and again.changes == [] and store.load() == before


def test_two_copies_editing_the_same_row_give_a_conflict_with_both_texts_kept(report):
    path, rows = report
    first, second = copy_of(path, "秘書室.sqreport"), copy_of(path, "資訊室.sqreport")
    edit_elsewhere(first, "秘書室", (rows[1], "秘書室的說法"))
    edit_elsewhere(second, "資訊室", (rows[1], "資訊室的說法"))
    with ReportStore.open(path) as store:
        taken, clashed = DraftMerger(store).merge_all([first, second])
        assert taken.count("taken") == 1 and clashed.count("conflict") == 1
        (conflict,) = open_conflicts(store)
        assert conflict.node_id == rows[1] and conflict.field == "result"
        assert display_text("result", conflict.mine) == "秘書室的說法"
        assert display_text("result", conflict.theirs) == "資訊室的說法"
        assert result_of(store, rows[1]) == ["秘書室的說法"]  # the report keeps its text until settled


def test_rows_added_deleted_and_moved_on_both_sides_merge_through_the_rewound_history(report):
    path, _rows = report
    with ReportStore.open(path) as store:
        indicator = next(n for n in store.load().sections[1].walk() if n.kind is NodeKind.INDICATOR)
        written = next(store.load().sections[1].rows()).id
        store.apply([NodeInsert(indicator.id, 0, Node(NodeKind.STANDARD, title="分送前加的列")),
                     SettingEdit("dictionary_word", "分送前的詞", True)], "新增")
    copy = copy_of(path, "資訊室.sqreport")
    with ReportStore.open(copy, user="資訊室") as unit:
        last = unit.load().sections[-1].children[-1]
        unit.apply([NodeDelete(last.id)], "刪除")
        unit.apply([NodeInsert(indicator.id, 1, Node(NodeKind.STANDARD, title="單位加的列",
                                                     result=[Paragraph("單位的新列")]))], "新增")
        unit.apply([FieldEdit(written, "result", [Paragraph("資訊室寫的")])], "輸入文字")
        moved = unit.load().sections[2].children[0]
        unit.apply([NodeMove(moved.id, None, 0)], "移動")  # a step the rewind must take back too
        unit.apply([SettingEdit("dictionary_word", "單位的詞", True), SettingEdit("unit", "新設單位", True)],
                   "設定")
    with ReportStore.open(path) as store:
        store.apply([NodeDelete(store.load().sections[0].children[0].id)], "刪除")
        outcome = DraftMerger(store).merge(copy)
        assert outcome.base.startswith("兩份檔案共有的最後一步")
        merged = store.load()
        titles = {n.title for n in merged.walk()}
        assert "單位加的列" in titles and "分送前加的列" in titles
        assert last.id not in merged.node_index()  # the unit deleted it and no one changed it
        assert outcome.count("added") == 1 and outcome.count("deleted") == 1
        assert result_of(store, written) == ["資訊室寫的"]
        assert "單位的詞" in merged.dictionary and "新設單位" in merged.units


@pytest.mark.parametrize("cut", ["history deleted", "history altered"])
def test_a_copy_whose_history_was_cut_merges_against_an_empty_base_every_difference_a_conflict(report, cut):
    path, rows = report
    copy = copy_of(path, "舊副本.sqreport")
    edit_elsewhere(copy, "資訊室", (rows[1], "單位寫的"))
    conn = sqlite3.connect(copy)
    if cut == "history deleted":
        conn.executescript("DELETE FROM history; DELETE FROM step;")
    else:  # a step that does not lead to the text the copy holds
        conn.execute("UPDATE history SET new = '[[0, \"別的內容\", \"\"]]' WHERE field = 'result'")
    conn.commit()
    conn.close()
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(rows[2], "result", [Paragraph("協調人後來寫的")])], "輸入文字")
        before = store.load()
        outcome = DraftMerger(store).merge(copy)
        assert "以空白基準" in outcome.base and "每個不同處都列為衝突" in outcome.base
        conflicts = {(c.node_id, c.field): c for c in open_conflicts(store)}
        assert set(conflicts) == {(rows[1], "result"), (rows[2], "result")}  # each difference, nothing taken
        assert display_text("result", conflicts[rows[1], "result"].theirs) == "單位寫的"
        assert outcome.count("taken") == 0 and store.load() == before


def test_only_the_report_file_itself_is_refused(report, tmp_path):
    path, _rows = report
    link = tmp_path / "同一個檔案.sqreport"
    os.link(path, link)
    with ReportStore.open(path) as store:
        for same in (path, link):
            with pytest.raises(MergeError, match="就是這份報告本身"):
                DraftMerger(store).merge(same)
        untouched = copy_of(path, "沒改過的副本.sqreport")
        outcome = DraftMerger(store).merge(untouched)
        assert outcome.error is None and outcome.changes == []


def test_the_command_line_merges_a_copy_with_the_dialogs_messages(report, capsys):
    path, rows = report
    copy = copy_of(path, "copy.sqreport")
    edit_elsewhere(copy, "資訊室", (rows[1], "命令列合併的"))
    assert main(["merge", str(path), str(copy)]) == 0
    out = capsys.readouterr().out
    with ReportStore.open(path) as store:
        assert result_of(store, rows[1]) == ["命令列合併的"]
    assert out.startswith("已合併「copy.sqreport」")
    assert "檔案類型：報告檔副本；合併基準：兩份檔案共有的最後一步" in out
    assert main(["merge", str(path), str(copy)]) == 0  # already merged: said, not an error
    assert "已在" in capsys.readouterr().out


def test_the_merge_report_text_names_the_kind_and_base_of_each_file(report):
    path, rows = report
    copy = copy_of(path, "copy.sqreport")
    edit_elsewhere(copy, "資訊室", (rows[1], "寫了"))
    with ReportStore.open(path) as store:
        outcomes = DraftMerger(store).merge_all([copy])
    text = report_text(outcomes)
    assert text.splitlines()[1].startswith("  檔案類型：報告檔副本；合併基準：兩份檔案共有的最後一步")


def test_a_copy_kept_in_the_older_file_format_and_edited_there_merges(report):
    """The unit's program is the version before exports were recorded (file format 3): it
    records a typed change as every version has, one step and one history row."""
    path, rows = report
    copy = copy_of(path, "舊版程式.sqreport")
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.executescript("DROP TABLE export; PRAGMA user_version = 3;")
    old = conn.execute("SELECT result FROM node WHERE id = ?", (rows[1],)).fetchone()[0]
    new = '[[0, "舊版程式寫的", ""]]'
    conn.execute("BEGIN")
    step = conn.execute("INSERT INTO step (label, who, at, source) VALUES ('輸入文字', '資訊室', "
                        "'2026-01-02T03:04:05', '')").lastrowid
    conn.execute("UPDATE node SET result = ? WHERE id = ?", (new, rows[1]))
    conn.execute("INSERT INTO history (step_id, node_id, field, old, new) VALUES (?, ?, 'result', ?, ?)",
                 (step, rows[1], old, new))
    conn.execute("COMMIT")
    conn.close()
    with ReportStore.open(path) as store:
        outcome = DraftMerger(store).merge(copy)
        assert outcome.base.startswith("兩份檔案共有的最後一步")
        assert result_of(store, rows[1]) == ["舊版程式寫的"] and open_conflicts(store) == []
