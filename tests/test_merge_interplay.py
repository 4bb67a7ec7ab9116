"""Where split drafts, plain copies and exports meet: no unit's or coordinator's text is lost or
taken without a word, and merging the same file again changes nothing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sqeditor.exchange.formats import ExportOptions
from sqeditor.file_formats import export_recorded, read_returned, write_report
from sqeditor.merge import AlreadyMergedError, DraftMerger
from sqeditor.merge.plan import ChangeKind
from sqeditor.model import Paragraph, Period, ReportMeta
from sqeditor.model.new_period import start_period
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.merge_records import open_conflicts
from tests.merge_helpers import assign_units, content
from tests.test_merge_copies import edit_elsewhere, result_of


@pytest.fixture
def report(tmp_path, sample_report):
    path = tmp_path / "report.sqreport"
    with ReportStore.create(path, assign_units(sample_report), user="協調人") as store:
        rows = {r.unit: [] for r in store.load().rows()}
        for r in store.load().rows():
            rows[r.unit].append(r.id)
    return path, rows


def edit_draft(path: Path, *edits: tuple[str, str]) -> None:
    with ReportStore.open(path, user="單位") as store:
        for node_id, text in edits:
            store.apply([FieldEdit(node_id, "result", [Paragraph(text)])], "輸入文字")


def split(path: Path, unit: str) -> Path:
    from sqeditor.merge import split_drafts
    out = path.parent / "drafts"
    out.mkdir(exist_ok=True)
    with ReportStore.open(path) as store:
        (draft,) = split_drafts(store, [unit], out)
    return draft


def merge(path: Path, returned: Path):
    with ReportStore.open(path) as store:
        (outcome,) = DraftMerger(store, read_other=read_returned).merge_all([returned])
        return outcome


def merged_again_changes_nothing(path: Path, returned: Path) -> None:
    with ReportStore.open(path) as store:
        before = content(store)
        with pytest.raises(AlreadyMergedError):
            DraftMerger(store, read_other=read_returned).merge(returned)
        (outcome,) = DraftMerger(store, read_other=read_returned).merge_all([returned])
        assert outcome.error is not None
        assert content(store) == before


def test_a_copy_merged_again_after_a_split_draft_merge_keeps_the_drafts_text(report):
    path, rows = report
    copy = path.with_name("秘書室.sqreport")
    shutil.copyfile(path, copy)
    draft = split(path, "資訊室")
    edit_draft(draft, (rows["資訊室"][0], "資訊室草稿寫的"))
    assert merge(path, draft).error is None
    edit_elsewhere(copy, "秘書室小陳", (rows["秘書室"][0], "秘書室副本寫的"))
    first = merge(path, copy)
    assert first.error is None and first.count(ChangeKind.TAKEN) == 1, first.base
    merged_again_changes_nothing(path, copy)
    edit_elsewhere(copy, "秘書室小陳", (rows["秘書室"][1], "秘書室又寫的"))
    second = merge(path, copy)
    assert second.error is None and second.count(ChangeKind.TAKEN) == 1, second.base
    with ReportStore.open(path) as store:
        assert result_of(store, rows["資訊室"][0]) == ["資訊室草稿寫的"]
        assert result_of(store, rows["秘書室"][0]) == ["秘書室副本寫的"]
        assert result_of(store, rows["秘書室"][1]) == ["秘書室又寫的"]
        assert open_conflicts(store) == []


def test_a_copy_of_a_report_that_merged_a_draft_has_that_merge_as_its_base(report):
    path, rows = report
    draft = split(path, "資訊室")
    edit_draft(draft, (rows["資訊室"][0], "資訊室草稿寫的"))
    assert merge(path, draft).error is None
    copy = path.with_name("秘書室.sqreport")
    shutil.copyfile(path, copy)
    edit_elsewhere(copy, "秘書室小陳", (rows["秘書室"][0], "秘書室副本寫的"))
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(rows["資訊室"][0], "result", [Paragraph("協調人改寫")])], "輸入文字")
    outcome = merge(path, copy)
    assert outcome.error is None and outcome.base.startswith("兩份檔案共有的最後一步"), outcome.base
    assert outcome.count(ChangeKind.TAKEN) == 1 and outcome.count(ChangeKind.CONFLICT) == 0
    with ReportStore.open(path) as store:
        assert result_of(store, rows["資訊室"][0]) == ["協調人改寫"]
        assert result_of(store, rows["秘書室"][0]) == ["秘書室副本寫的"]
    merged_again_changes_nothing(path, copy)


def test_a_split_draft_merged_twice_changes_nothing(report):
    path, rows = report
    draft = split(path, "資訊室")
    edit_draft(draft, (rows["資訊室"][0], "資訊室草稿寫的"))
    assert merge(path, draft).error is None
    merged_again_changes_nothing(path, draft)


@pytest.mark.parametrize("suffix", [".json", ".xlsx", ".docx"])
def test_an_export_merged_twice_changes_nothing(report, suffix):
    path, _rows = report
    out = path.with_name("資訊室" + suffix)
    with ReportStore.open(path) as store:
        assert export_recorded(store, store.load(), out)
    returned, _notes = read_returned(out)
    node = next(returned.rows())
    node.result = [Paragraph("資訊室在匯出檔寫的")]
    write_report(returned, out, ExportOptions(export_id=returned.export_id))
    outcome = merge(path, out)
    assert outcome.error is None and outcome.count(ChangeKind.TAKEN) == 1, (outcome.base, outcome.changes)
    merged_again_changes_nothing(path, out)


def test_a_drafts_row_given_to_another_unit_since_the_split_is_not_taken_without_a_word(report):
    path, rows = report
    row = rows["資訊室"][0]
    draft = split(path, "資訊室")
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(row, "unit", "秘書室")], "指派承辦單位")
        before = result_of(store, row)
    edit_draft(draft, (row, "資訊室草稿寫的"))
    outcome = merge(path, draft)
    assert outcome.count(ChangeKind.OTHER_UNIT) == 1
    with ReportStore.open(path) as store:
        assert result_of(store, row) == before
        (conflict,) = open_conflicts(store)
        assert "資訊室草稿寫的" in (conflict.theirs or "")


def test_the_coordinator_putting_back_the_split_text_is_not_overridden_by_a_newer_draft(report):
    """The split's text is in the draft's history too, but the report holding it again is the
    coordinator's decision, not a value the earlier draft brought: a conflict, both texts kept."""
    path, rows = report
    row = rows["資訊室"][0]
    with ReportStore.open(path) as store:
        split_text = store.load().node_index()[row].comment
    draft = split(path, "資訊室")
    with ReportStore.open(draft, user="資訊乙") as unit:
        unit.apply([FieldEdit(row, "comment", "單位第一版")], "輸入文字")
    assert merge(path, draft).count(ChangeKind.TAKEN) == 1
    with ReportStore.open(path) as store:
        store.apply([FieldEdit(row, "comment", split_text)], "還原意見")
    with ReportStore.open(draft, user="資訊乙") as unit:
        unit.apply([FieldEdit(row, "comment", "單位第二版")], "輸入文字")
    outcome = merge(path, draft)
    assert outcome.count(ChangeKind.CONFLICT) == 1 and outcome.count(ChangeKind.TAKEN) == 0
    with ReportStore.open(path) as store:
        assert store.load().node_index()[row].comment == split_text
        (conflict,) = open_conflicts(store)
        assert (conflict.mine, conflict.theirs) == (split_text, "單位第二版")


def test_a_copy_of_last_periods_report_says_which_period_it_is_from(tmp_path, sample_report):
    """Not refused (its text may be worth taking), but the merge report names both periods."""
    last_path = tmp_path / "110H2.sqreport"
    with ReportStore.create(last_path, assign_units(sample_report)) as last:
        meta = ReportMeta("經濟部", "經濟部工業局", 111, Period.FIRST_HALF, date(2022, 6, 10))
        new_path = tmp_path / "111H1.sqreport"
        ReportStore.create(new_path, start_period(last.load(), meta)).close()
        row = next(r for r in last.load().rows() if r.unit == "資訊室")
        last.apply([FieldEdit(row.id, "comment", "上一期的")], "輸入文字")
    outcome = merge(new_path, last_path)
    assert outcome.error is None and outcome.count(ChangeKind.TAKEN) == 0
    assert "110 年度下半年的檔案，不是這份 111 年度上半年的報告" in outcome.base
