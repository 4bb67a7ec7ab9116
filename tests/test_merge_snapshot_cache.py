"""merge_all keeps the report's snapshot in memory between drafts: it must equal a fresh read."""

from __future__ import annotations

import copy
import json

from sqeditor.merge import DraftMerger
from sqeditor.merge.draft_file import read_draft
from sqeditor.model import Paragraph, Status
from sqeditor.store import FieldEdit, ReportStore, SettingEdit
from sqeditor.store.snapshot import read_snapshot
from tests.merge_helpers import UNITS, assign_units, content, make_split


def _edit_drafts(store: ReportStore, drafts) -> None:
    rows = list(store.load().rows())
    for number, (unit, path) in enumerate(zip(UNITS, drafts, strict=True)):
        mine = [r for r in rows if r.unit == unit]
        edits = [FieldEdit(mine[0].id, "result", [*mine[0].result, Paragraph(f"{unit}補充")]),
                 FieldEdit(mine[1].id, "status", Status.DONE),
                 FieldEdit(mine[2].id, "comment", f"{unit}意見")]
        if number == 2:
            edits.append(SettingEdit("dictionary_word", "數位轉型", True))  # not a field: re-read
        with ReportStore.open(path) as draft:
            draft.apply(edits, "輸入文字")
    store.apply([FieldEdit(rows[0].id, "result", [Paragraph("協調人改寫")])], "輸入文字")  # a conflict


def test_kept_snapshot_equals_a_fresh_read_after_each_draft(tmp_path, sample_report):
    store, drafts = make_split(tmp_path, assign_units(sample_report), UNITS)
    _edit_drafts(store, drafts)
    merger, mine, kept = DraftMerger(store), None, 0
    for path in drafts:
        _outcome, mine = merger._merge(read_draft(path), None, mine)
        if mine is not None:
            kept += 1
            assert mine == read_snapshot(store)
    assert kept == len(drafts) - 1
    store.close()


def test_merge_all_gives_the_same_report_as_merging_one_by_one(tmp_path, sample_report):
    results = []
    ways = (("all", lambda m, ds: m.merge_all(ds)), ("each", lambda m, ds: [m.merge(d) for d in ds]))
    for name, merge in ways:
        (tmp_path / name).mkdir()
        store, drafts = make_split(tmp_path / name, assign_units(copy.deepcopy(sample_report)), UNITS)
        _edit_drafts(store, drafts)
        merge(DraftMerger(store), drafts)
        *same, merged = json.loads(content(store))
        results.append((same, sorted(key.split("#")[1] for key in merged)))  # split ids differ
        store.close()
    assert results[0] == results[1]
