"""Split and three-way merge on real files: taking, conflicts, structure, refusals, undo."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.merge import (
    AlreadyMergedError,
    ChangeKind,
    DraftMerger,
    MergeError,
    draft_row_editable,
    resolve_conflict,
    split_drafts,
)
from sqeditor.merge.three_way import Outcome, combine_both, decide
from sqeditor.model import Node, NodeKind, Paragraph, Status
from sqeditor.store import FieldEdit, NodeDelete, NodeInsert, ReportStore, SettingEdit, codec
from sqeditor.store.merge_records import open_conflicts
from sqeditor.store.snapshot import read_snapshot
from tests.merge_helpers import assign_units, content, make_split


def test_decide_follows_the_three_way_rule():
    assert decide("a", "a", "b") is Outcome.TAKE
    assert decide("a", "b", "a") is Outcome.KEEP
    assert decide("a", "b", "b") is Outcome.KEEP
    assert decide("a", "b", "c") is Outcome.CONFLICT


def test_keep_both_puts_mine_paragraphs_first_and_does_not_repeat():
    mine = codec.encode_result([Paragraph("共同"), Paragraph("我的")])
    theirs = codec.encode_result([Paragraph("共同"), Paragraph("對方的", 1)])
    both = codec.decode_result(combine_both("result", mine, theirs))
    assert [p.text for p in both] == ["共同", "我的", "對方的"]
    assert combine_both("status", "完成", "草稿") == "草稿"
    assert combine_both("comment", "甲", "乙") == "甲\n乙"


def test_split_writes_a_marked_draft_with_its_base(tmp_path, sample_report):
    store, paths = make_split(tmp_path, assign_units(sample_report), ["資訊室", "秘書室"])
    assert [p.name for p in paths] == ["經濟部工業局-資訊室-草稿.sqreport",
                                       "經濟部工業局-秘書室-草稿.sqreport"]
    with ReportStore.open(paths[0], read_only=True) as draft:
        report = draft.load()
        base_rows = draft.conn.execute("SELECT COUNT(*) FROM base").fetchone()[0]
        assert draft.meta_value("draft_id")
    assert report.draft.unit == "資訊室" and report.draft.source_report_id == store.load().id
    assert base_rows == 6 * sum(1 for _ in report.walk()) + 2
    own = next(r for r in report.rows() if r.unit == "資訊室")
    other = next(r for r in report.rows() if r.unit == "秘書室")
    assert draft_row_editable(report, own)
    assert not draft_row_editable(report, other)
    report.draft.unlocked.add(other.id)
    assert draft_row_editable(report, other)
    store.close()


def _rows(store: ReportStore) -> list[Node]:
    return list(store.load().rows())


def test_one_side_changed_is_taken_and_both_changed_is_a_kept_conflict(tmp_path, sample_report):
    store, (path,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    rows = _rows(store)
    with ReportStore.open(path) as draft:
        draft.apply([FieldEdit(rows[1].id, "result", [Paragraph("資訊室新寫的說明")]),
                     FieldEdit(rows[9].id, "status", Status.DONE),
                     FieldEdit(rows[5].id, "result", [Paragraph("草稿這邊")]),
                     SettingEdit("dictionary_word", "數位轉型", True)], "輸入文字")
    store.apply([FieldEdit(rows[5].id, "result", [Paragraph("協調人這邊")]),
                 FieldEdit(rows[3].id, "comment", "協調人意見")], "輸入文字")
    outcome = DraftMerger(store).merge(path)
    assert outcome.step.label == "合併草稿：資訊室"
    (source,) = store.conn.execute("SELECT source FROM step WHERE id = ?", (outcome.step.id,)).fetchone()
    assert json.loads(source)["unit"] == "資訊室" and json.loads(source)["file"] == path.name
    merged = store.load()
    index = merged.node_index()
    assert index[rows[1].id].result == [Paragraph("資訊室新寫的說明")]
    assert index[rows[9].id].status is Status.DONE
    assert index[rows[3].id].comment == "協調人意見"
    assert index[rows[5].id].result == [Paragraph("協調人這邊")]
    assert "數位轉型" in merged.dictionary
    (conflict,) = open_conflicts(store)
    assert (conflict.node_id, conflict.field, conflict.unit) == (rows[5].id, "result", "資訊室")
    assert "草稿這邊" in conflict.theirs and "協調人這邊" in conflict.mine
    resolve_conflict(store, conflict, "both")
    assert [p.text for p in store.load().node_index()[rows[5].id].result] == ["協調人這邊", "草稿這邊"]
    assert open_conflicts(store) == []
    store.close()


def test_merging_the_same_draft_again_is_refused_and_changes_nothing(tmp_path, sample_report):
    store, (path,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    rows = _rows(store)
    with ReportStore.open(path) as draft:
        draft.apply([FieldEdit(rows[1].id, "comment", "改了")], "輸入文字")
    merger = DraftMerger(store)
    merger.merge(path)
    before = content(store)
    with pytest.raises(AlreadyMergedError, match=r"已在 .* 合併過，再合併一次不會有任何變更"):
        merger.merge(path)
    assert content(store) == before
    with ReportStore.open(path) as draft:  # the unit sends a second, later version
        draft.apply([FieldEdit(rows[1].id, "comment", "又改了")], "輸入文字")
    merger.merge(path)
    assert store.load().node_index()[rows[1].id].comment == "又改了"
    store.close()


def test_merge_is_one_step_that_undo_takes_back_entirely(tmp_path, sample_report):
    store, (path,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    rows = _rows(store)
    parent = store.load().parents()[rows[0].id]
    new_row = Node(NodeKind.STANDARD, title="新增的參考標準", unit="資訊室", result=[Paragraph("新列內容")])
    with ReportStore.open(path) as draft:
        draft.apply([FieldEdit(rows[0].id, "result", [Paragraph("草稿")]),
                     NodeInsert(parent.id, 1, new_row), NodeDelete(rows[4].id)], "編輯")
    store.apply([FieldEdit(rows[0].id, "result", [Paragraph("協調人")])], "輸入文字")
    before = content(store)
    step = DraftMerger(store).merge(path).step
    after = store.load().node_index()
    assert new_row.id in after and rows[4].id not in after
    assert [c.node_id for c in open_conflicts(store)] == [rows[0].id]
    store.apply(step.inverse, "復原：合併草稿")
    assert content(store) == before
    DraftMerger(store).merge(path)  # after undo the draft is no longer "already merged"
    store.close()


def test_a_row_deleted_in_the_draft_but_changed_in_the_report_stays_as_a_conflict(tmp_path, sample_report):
    store, (path,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    rows = _rows(store)
    with ReportStore.open(path) as draft:
        draft.apply([NodeDelete(rows[6].id)], "刪除列")
    store.apply([FieldEdit(rows[6].id, "comment", "協調人還在改")], "輸入文字")
    DraftMerger(store).merge(path)
    assert rows[6].id in store.load().node_index()
    (conflict,) = open_conflicts(store)
    assert conflict.field == "node" and conflict.theirs is None
    resolve_conflict(store, conflict, "theirs")
    assert rows[6].id not in store.load().node_index()
    store.close()


def test_resolve_option_settles_conflicts_at_merge_time(tmp_path, sample_report):
    store, (path,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    rows = _rows(store)
    with ReportStore.open(path) as draft:
        draft.apply([FieldEdit(rows[0].id, "comment", "草稿意見")], "輸入文字")
    store.apply([FieldEdit(rows[0].id, "comment", "協調人意見")], "輸入文字")
    outcome = DraftMerger(store).merge(path, "theirs")
    assert [c.what for c in outcome.changes] == [ChangeKind.THEIRS]
    assert store.load().node_index()[rows[0].id].comment == "草稿意見"
    assert open_conflicts(store) == []
    store.close()


def test_refusals_say_why(tmp_path, sample_report):
    store, (path,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = ReportStore.create(tmp_path / "other.sqreport", assign_units(builtin_sample()))
    (foreign,) = split_drafts(other, ["資訊室"], other_dir)
    other.close()
    merger = DraftMerger(store)
    with pytest.raises(MergeError, match="另一份報告"):
        merger.merge(foreign)
    with pytest.raises(MergeError, match="就是這份報告本身"):
        merger.merge(store.path)
    text_file = tmp_path / "notes.sqreport"
    text_file.write_text("not a report")
    with pytest.raises(MergeError, match="不是服務品質報告檔"):
        merger.merge(text_file)
    newer = tmp_path / "newer.sqreport"
    newer.write_bytes(path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(MergeError, match=r"newer\.sqreport"):
        merger.merge(newer)
    assert open_conflicts(store) == [] and store.history() == []
    store.close()


def test_a_blank_copy_is_matched_by_path_and_text_and_unmatched_rows_are_kept(tmp_path, sample_report):
    from sqeditor.exchange.builtin_reports import builtin_template
    store = ReportStore.create(tmp_path / "report.sqreport", sample_report)
    blank = builtin_template()
    rows = list(blank.rows())
    mine_rows = {r.title: r for r in sample_report.rows()}
    target = next(r for r in rows if r.title in mine_rows)
    target.result = [Paragraph("空白本填的內容")]
    target.status = Status.REVIEW
    indicator = blank.sections[0].children[0].children[0]
    indicator.children.append(Node(NodeKind.STANDARD, title="範本沒有的列", result=[Paragraph("別丟掉我")]))
    blank.sections.append(Node(NodeKind.SECTION, title="六、自創構面", children=[
        Node(NodeKind.ITEM, title="自創項目", children=[Node(NodeKind.INDICATOR, children=[
            Node(NodeKind.STANDARD, title="自創列", result=[Paragraph("也別丟")])])])]))
    copy_path = tmp_path / "blank.sqreport"
    ReportStore.create(copy_path, blank).close()
    outcome = DraftMerger(store).merge(copy_path)
    merged = store.load()
    row = next(r for r in merged.rows() if r.id == mine_rows[target.title].id)
    texts = [p.text for p in row.result]
    stored = " ".join(c.theirs or "" for c in open_conflicts(store))
    assert "空白本填的內容" in texts or "空白本填的內容" in stored
    assert "別丟掉我" in stored and "也別丟" in stored
    assert outcome.count(ChangeKind.UNMATCHED) == 2
    for conflict in open_conflicts(store):
        if conflict.field == "node":
            resolve_conflict(store, conflict, "theirs")
    all_text = " ".join(p.text for r in store.load().rows() for p in r.result)
    assert "別丟掉我" in all_text and "也別丟" in all_text
    store.close()


_FIRST_PLACE = "(SELECT node_id FROM base WHERE field = 'place' LIMIT 1)"
_SET_PLACE = "UPDATE base SET value = {} WHERE field = 'place' AND node_id = " + _FIRST_PLACE
DAMAGED_BASES = {
    "malformed JSON": _SET_PLACE.format("'{not json'"),
    "short place": _SET_PLACE.format("'[null, 0]'"),
    "no place": _SET_PLACE.format("NULL"),
    "dictionary a number": "UPDATE base SET value = '5' WHERE node_id = '' AND field = 'dictionary'",
    "units null": "UPDATE base SET value = 'null' WHERE node_id = '' AND field = 'units'",
}


@pytest.mark.parametrize("damage", DAMAGED_BASES)
def test_a_draft_whose_base_is_damaged_is_refused_and_the_others_merge(tmp_path, sample_report, damage):
    store, (bad, good) = make_split(tmp_path, assign_units(sample_report), ["秘書室", "資訊室"])
    for path in (bad, good):
        with ReportStore.open(path) as draft:
            report = draft.load()
            row = next(r for r in report.rows() if r.unit == report.draft.unit)
            draft.apply([FieldEdit(row.id, "comment", f"來自{path.name}")], "輸入文字")
    last = store.load().sections[-1].children[-1]
    store.apply([NodeDelete(last.id)], "刪除")  # so that the merge must read the whole base
    conn = sqlite3.connect(bad)
    conn.execute(DAMAGED_BASES[damage])
    conn.commit()
    conn.close()
    refused, merged = DraftMerger(store).merge_all([bad, good])
    assert isinstance(refused.error, MergeError) and bad.name in refused.error.message
    assert "損毀" in refused.error.message
    assert merged.error is None and store.load().node_index()[row.id].comment == f"來自{good.name}"
    labels = [label for (label,) in store.conn.execute("SELECT label FROM step ORDER BY id")]
    assert labels[-2:] == ["刪除", "合併草稿：資訊室"]  # the damaged draft wrote nothing
    store.close()


def test_a_draft_merged_while_reports_were_in_format_1_is_still_refused(tmp_path, sample_report):
    """Format 1 keyed a merged draft by a hash of its whole content (node fields, places by
    their repr, dictionary and units); a report merged then must still know the draft."""
    store, (path,) = make_split(tmp_path, assign_units(sample_report), ["資訊室"])
    with ReportStore.open(path) as draft:
        row = next(r for r in draft.load().rows() if r.unit == "資訊室")
        draft.apply([FieldEdit(row.id, "comment", "單位寫的")], "輸入文字")
        snap = read_snapshot(draft)
        draft_id = draft.meta_value("draft_id")
    merger = DraftMerger(store)
    merger.merge(path)
    digest = hashlib.sha256("".join(sorted(
        f"{node_id}\0{name}\0{value}\0" for (node_id, name), value in snap.fields.items())).encode())
    digest.update("".join(f"{node_id}\0{place}\0" for node_id, place in sorted(snap.places.items())).encode())
    digest.update(json.dumps([sorted(snap.dictionary), snap.units], ensure_ascii=False).encode())
    store.conn.execute("UPDATE merged_draft SET draft_id = ?", (f"{draft_id}#{digest.hexdigest()[:16]}",))
    store.apply([FieldEdit(row.id, "comment", "協調人改的")], "輸入文字")
    before = content(store)
    with pytest.raises(AlreadyMergedError):
        merger.merge(path)
    assert content(store) == before and open_conflicts(store) == []
    store.close()
