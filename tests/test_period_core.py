"""A new period is a new report; the unit list and the rows agree; drafts hold to their unit;
a change a unit withdraws is withdrawn (no Qt)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sqeditor.merge import DraftMerger, draft_row_editable, split_drafts, unlock_edit
from sqeditor.merge.merge_report import report_text
from sqeditor.model import Paragraph, Period, ReportMeta
from sqeditor.model.new_period import next_period_meta, start_period
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.backups import BackupCause, list_backups, make_backup
from sqeditor.store.merge_records import open_conflicts
from sqeditor.store.unit_edits import (
    UnitError,
    add_unit,
    assign_unit,
    merge_units,
    remove_unit,
    rename_unit,
)
from tests.merge_helpers import assign_units

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sqeditor.cli", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_the_next_period_follows_last_periods_half_year():
    h2 = ReportMeta("經濟部", "經濟部工業局", 110, Period.SECOND_HALF, date(2021, 12, 15))
    after = next_period_meta(h2, date(2026, 1, 5))
    assert (after.ministry, after.agency, after.roc_year, after.period) == ("經濟部", "經濟部工業局", 111,
                                                                            Period.FIRST_HALF)
    assert after.cutoff == date(2022, 6, 15)  # the agency's own day of the month
    h1 = next_period_meta(after, date(2026, 1, 5))
    assert (h1.roc_year, h1.period, h1.cutoff) == (111, Period.SECOND_HALF, date(2022, 12, 15))
    blank = next_period_meta(ReportMeta(), date(2026, 11, 29))
    assert (blank.roc_year, blank.period, blank.cutoff) == (115, Period.SECOND_HALF, date(2026, 12, 10))


def test_new_from_last_period_is_a_new_report_with_its_own_backups(tmp_path, sample_report, monkeypatch):
    monkeypatch.setenv("SQEDITOR_BACKUP_DIR", str(tmp_path / "backups"))
    last = tmp_path / "110H2.sqreport"
    ReportStore.create(last, assign_units(sample_report)).close()
    new = tmp_path / "111H1.sqreport"
    done = cli("new", str(new), "--template", str(last), "--year", "111", "--period", "上半年",
               "--cutoff", "111-06-10")
    assert done.returncode == 0, done.stderr
    with ReportStore.open(last) as old_store, ReportStore.open(new) as new_store:
        old, fresh = old_store.load(), new_store.load()
        assert fresh.id != old.id
        assert [r.unit for r in fresh.rows()] == [r.unit for r in old.rows()]
        assert fresh.units == ["秘書室", "資訊室", "企劃組", "人事室"]
        assert all(not r.result for r in fresh.rows()) and fresh.meta.period_label == "111 年度上半年"
        make_backup(old_store, BackupCause.DAILY)
        assert list_backups(new) == [] and len(list_backups(last)) == 1


def test_last_periods_drafts_are_refused_naming_both_periods(tmp_path, sample_report):
    last = ReportStore.create(tmp_path / "110H2.sqreport", assign_units(sample_report))
    (tmp_path / "drafts").mkdir()
    (draft,) = split_drafts(last, ["資訊室"], tmp_path / "drafts")
    meta = ReportMeta("經濟部", "經濟部工業局", 111, Period.FIRST_HALF, date(2022, 6, 10))
    new = ReportStore.create(tmp_path / "111H1.sqreport", start_period(last.load(), meta))
    with ReportStore.open(draft) as unit:
        row = next(r for r in unit.load().rows() if r.unit == "資訊室")
        unit.apply([FieldEdit(row.id, "comment", "上一期的")], "輸入文字")
    before = new.load()
    (outcome,) = DraftMerger(new).merge_all([draft])
    assert "這份草稿屬於 110 年度下半年的報告，不是這份 111 年度上半年的報告" in outcome.error.message
    assert new.load() == before
    last.close()
    new.close()


def _undo(store: ReportStore) -> None:
    step = store.last_step
    store.apply(step.inverse, "復原")


def test_units_are_one_list_the_rows_follow_each_change_one_step(tmp_path, sample_report):
    for row in sample_report.rows():
        row.unit = ""
    sample_report.units = []
    store = ReportStore.create(tmp_path / "r.sqreport", sample_report)
    report = store.load()
    section = report.sections[1]
    store.apply(assign_unit(report, [section], "資訊室"), "指定承辦單位")
    report = store.load()
    assert report.units == ["資訊室"]
    assert {r.unit for r in report.sections[1].rows()} == {"資訊室"}
    assert {r.unit for r in report.sections[0].rows()} == {""}
    row = next(report.sections[0].rows())
    store.apply([FieldEdit(row.id, "unit", "秘書室")], "承辦單位")  # typed on one row: joins the list
    assert store.load().units == ["資訊室", "秘書室"]
    _undo(store)
    assert store.load().units == ["資訊室"] and store.load().node_index()[row.id].unit == ""

    store.apply(add_unit(store.load(), "資訊 室"), "新增單位")
    assert store.load().units == ["資訊室", "資訊 室"]
    with pytest.raises(UnitError, match="已在單位清單中"):
        add_unit(store.load(), "資訊室")
    store.apply(rename_unit(store.load(), "資訊室", "資訊處"), "單位改名")
    renamed = store.load()
    assert "資訊室" not in renamed.units and {r.unit for r in renamed.sections[1].rows()} == {"資訊處"}
    _undo(store)
    assert {r.unit for r in store.load().sections[1].rows()} == {"資訊室"}
    store.apply(assign_unit(store.load(), [next(store.load().sections[0].rows())], "資訊 室"), "指定")
    store.apply(merge_units(store.load(), "資訊 室", "資訊室"), "合併單位")
    merged = store.load()
    assert merged.units == ["資訊室"] and next(merged.sections[0].rows()).unit == "資訊室"
    with pytest.raises(UnitError, match=r"還是 \d+ 列的承辦單位"):
        remove_unit(merged, "資訊室")
    store.apply(add_unit(merged, "會計室"), "新增單位")
    store.apply(remove_unit(store.load(), "會計室"), "移除單位")
    assert store.load().units == ["資訊室"]
    store.close()


def test_a_file_whose_rows_name_units_its_list_lacks_offers_them(tmp_path, sample_report):
    sample_report.units = []
    path = tmp_path / "r.sqreport"
    ReportStore.create(path, assign_units(sample_report, ["秘書室", "資訊室"])).close()
    with ReportStore.open(path) as store:
        store.conn.execute("DELETE FROM unit")
        assert store.load().units == ["秘書室", "資訊室"]


def _split_one(tmp_path: Path, sample_report, unit: str) -> tuple[ReportStore, Path]:
    store = ReportStore.create(tmp_path / "r.sqreport", assign_units(sample_report), user="協調人")
    (tmp_path / "drafts").mkdir()
    (draft,) = split_drafts(store, [unit], tmp_path / "drafts")
    return store, draft


def test_another_units_row_unlocked_in_a_draft_is_a_named_conflict(tmp_path, sample_report):
    store, path = _split_one(tmp_path, sample_report, "資訊室")
    with ReportStore.open(path, user="資訊乙") as draft:
        report = draft.load()
        other = next(r for r in report.rows() if r.unit == "秘書室")
        own = next(r for r in report.rows() if r.unit == "資訊室")
        assert not draft_row_editable(report, other) and draft_row_editable(report, own)
        draft.apply([unlock_edit(report, other)], "解除鎖定")
        assert draft_row_editable(draft.load(), draft.load().node_index()[other.id])
        draft.apply([FieldEdit(other.id, "result", [Paragraph("資訊室代寫")]),
                     FieldEdit(own.id, "result", [Paragraph("資訊室自己的")])], "輸入文字")
    outcome = DraftMerger(store).merge(path)
    text = report_text([outcome])
    assert "採用 1" in text and "修改了其他單位的列 1" in text
    assert "修改了其他單位的列（衝突，待處理）" in text
    rows = store.load().node_index()
    assert rows[other.id].result == other.result  # not taken
    assert rows[own.id].result == [Paragraph("資訊室自己的")]
    (conflict,) = open_conflicts(store)
    assert conflict.node_id == other.id and "資訊室代寫" in conflict.theirs
    store.close()


def test_a_change_the_unit_withdrew_is_withdrawn_in_the_report(tmp_path, sample_report):
    store, path = _split_one(tmp_path, sample_report, "資訊室")
    own = [r for r in store.load().rows() if r.unit == "資訊室"]
    with ReportStore.open(path, user="資訊乙") as draft:
        draft.apply([FieldEdit(own[0].id, "result", [Paragraph("先寫的，後來收回")]),
                     FieldEdit(own[1].id, "comment", "留著")], "輸入文字")
    DraftMerger(store).merge(path)
    assert store.load().node_index()[own[0].id].result == [Paragraph("先寫的，後來收回")]
    with ReportStore.open(path, user="資訊乙") as draft:
        draft.apply([FieldEdit(own[0].id, "result", own[0].result)], "輸入文字")
    outcome = DraftMerger(store).merge(path)
    text = report_text([outcome])
    assert "撤回 1" in text and "採用 0" in text, text
    rows = store.load().node_index()
    assert rows[own[0].id].result == own[0].result and rows[own[1].id].comment == "留著"
    assert open_conflicts(store) == []
    store.apply(store.last_step.inverse, "復原")  # undoing the merge puts the first version back
    assert store.load().node_index()[own[0].id].result == [Paragraph("先寫的，後來收回")]
    store.close()


def test_a_withdrawn_change_the_coordinator_rewrote_since_is_a_conflict(tmp_path, sample_report):
    store, path = _split_one(tmp_path, sample_report, "資訊室")
    row = next(r for r in store.load().rows() if r.unit == "資訊室")
    with ReportStore.open(path, user="資訊乙") as draft:
        draft.apply([FieldEdit(row.id, "comment", "單位的意見")], "輸入文字")
    DraftMerger(store).merge(path)
    store.apply([FieldEdit(row.id, "comment", "協調人改寫")], "輸入文字")
    with ReportStore.open(path, user="資訊乙") as draft:
        draft.apply([FieldEdit(row.id, "comment", "")], "輸入文字")
    outcome = DraftMerger(store).merge(path)
    assert outcome.count("withdrawn") == 0 and outcome.count("conflict") == 1
    assert store.load().node_index()[row.id].comment == "協調人改寫"
    (conflict,) = open_conflicts(store)
    assert (conflict.mine, conflict.theirs) == ("協調人改寫", "")
    store.close()
