"""Properties of the merge over random reports and random edits on both sides (hypothesis)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sqeditor.merge import AlreadyMergedError, DraftMerger
from sqeditor.model import Node, NodeKind, Paragraph, Report, Status
from sqeditor.store import Edit, FieldEdit, NodeDelete, NodeInsert, ReportStore, SettingEdit, codec
from sqeditor.store.draft_changes import DraftChanges, read_changes
from sqeditor.store.merge_records import open_conflicts
from sqeditor.store.snapshot import read_base, read_snapshot
from tests.merge_helpers import content, make_split
from tests.report_strategies import TEXT, paragraphs, reports

UNITS = ["秘書室", "資訊室"]
FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# One random change: (what, which row, a value); rows are chosen modulo the eligible count.
OPS = st.lists(st.tuples(
    st.sampled_from(["result", "comment", "status", "title", "add", "delete", "word"]),
    st.integers(0, 50), paragraphs(), TEXT, st.sampled_from(list(Status))), max_size=6)


def with_units(report: Report) -> Report:
    for index, row in enumerate(report.rows()):
        row.unit = UNITS[index % 2]
    report.units = list(UNITS)
    return report


def to_edit(report: Report, op: tuple, unit: str | None, tag: str) -> Edit | None:
    """The store edit for one random change, on a row of `unit` (any row when None)."""
    what, index, paras, text, status = op
    rows = [r for r in report.rows() if unit is None or r.unit == unit]
    if what == "word":
        return SettingEdit("dictionary_word", f"{tag}{text}", True)
    if not rows:
        return None
    row = rows[index % len(rows)]
    if what == "result":  # tagged, so each side's text can be told apart and found again
        return FieldEdit(row.id, "result", [Paragraph(f"{tag}{p.text}", p.level) for p in paras])
    if what in ("comment", "title"):
        return FieldEdit(row.id, what, f"{tag}{text}")
    if what == "status":
        return FieldEdit(row.id, "status", status)
    parent = report.parents()[row.id]
    if what == "add":
        new = Node(NodeKind.STANDARD, title=f"{tag}新列", unit=row.unit,
                   result=[Paragraph(f"{tag}{p.text}", p.level) for p in paras])
        return NodeInsert(parent.id, parent.children.index(row) + 1, new)
    if len(parent.children) < 2:
        return None
    return NodeDelete(row.id)


def apply_ops(store: ReportStore, ops: list, unit: str | None, tag: str) -> None:
    for op in ops:
        edit = to_edit(store.load(), op, unit, tag)
        if edit is not None:
            store.apply([edit], "編輯")


def texts_of_report(report: Report) -> set[str]:
    out = {n.title for n in report.walk()} | {n.comment for n in report.walk()}
    return out | {p.text for n in report.walk() for p in n.result} | set(report.dictionary)


def texts_of_conflicts(store: ReportStore) -> set[str]:
    out: set[str] = set()
    for conflict in open_conflicts(store):
        for side in (conflict.mine, conflict.theirs):
            if side is None:
                continue
            if conflict.field == "node":
                tree = codec.subtree_from_json(json.loads(side)["tree"])
                out |= {n.title for n in tree.walk()} | {n.comment for n in tree.walk()}
                out |= {p.text for n in tree.walk() for p in n.result}
            elif conflict.field == "result":
                out |= {p.text for p in codec.decode_result(side)}
            else:
                out.add(side)
    return out


def written(report: Report, tag: str) -> set[str]:
    """Texts one side wrote (they carry its tag)."""
    return {t for t in texts_of_report(report) if t.startswith(tag)}


@pytest.mark.parametrize("resolve", [None, "both"])
@FAST
@given(report=reports(max_sections=2), mine_ops=OPS, their_ops=OPS)
def test_no_text_of_either_side_disappears_without_a_resolution(resolve, report, mine_ops, their_ops):
    with tempfile.TemporaryDirectory() as tmp:
        store, (path,) = make_split(Path(tmp), with_units(report), ["資訊室"])
        apply_ops(store, mine_ops, None, "我")
        with ReportStore.open(path) as draft:
            apply_ops(draft, their_ops, "資訊室", "它")
            theirs = draft.load()
        mine = store.load()
        DraftMerger(store).merge(path, resolve)
        merged = store.load()
        kept = "\n".join(texts_of_report(merged) | texts_of_conflicts(store))
        if resolve == "both":
            assert open_conflicts(store) == []
        for text in written(mine, "我") | written(theirs, "它"):
            assert text in kept  # "keep both" joins two comments into one text
        store.close()


@FAST
@given(report=reports(max_sections=2), ops_a=OPS, ops_b=OPS)
def test_drafts_that_do_not_conflict_merge_to_the_same_report_in_any_order(report, ops_a, ops_b):
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        store, paths = make_split(tmp_path, with_units(report), UNITS)
        for path, ops, unit in zip(paths, (ops_a, ops_b), UNITS, strict=True):
            with ReportStore.open(path) as draft:
                apply_ops(draft, ops, unit, unit)
        store.close()
        results = []
        for order in (paths, paths[::-1]):
            copy = tmp_path / f"copy{len(results)}.sqreport"
            copy.write_bytes((tmp_path / "report.sqreport").read_bytes())
            with ReportStore.open(copy) as target:
                for path in order:
                    DraftMerger(target).merge(path)
                assert open_conflicts(target) == []
                results.append(content(target))
        assert results[0] == results[1]


@FAST
@given(report=reports(max_sections=2), mine_ops=OPS, their_ops=OPS)
def test_merging_a_draft_twice_equals_merging_it_once_and_undo_restores_the_report(
        report, mine_ops, their_ops):
    with tempfile.TemporaryDirectory() as tmp:
        store, (path,) = make_split(Path(tmp), with_units(report), ["資訊室"])
        apply_ops(store, mine_ops, None, "我")
        with ReportStore.open(path) as draft:
            apply_ops(draft, their_ops, None, "它")  # unlocked: rows of any unit
        before = content(store)
        merger = DraftMerger(store)
        step = merger.merge(path).step
        once = content(store)
        with pytest.raises(AlreadyMergedError):
            merger.merge(path)
        assert content(store) == once
        store.apply(step.inverse, "復原：合併草稿")
        assert content(store) == before
        store.close()


@FAST
@given(report=reports(max_sections=2), their_ops=OPS)
def test_changes_compared_in_the_draft_file_equal_the_snapshots_compared_in_memory(report, their_ops):
    with tempfile.TemporaryDirectory() as tmp:
        store, (path,) = make_split(Path(tmp), with_units(report), ["資訊室"])
        store.close()
        with ReportStore.open(path) as draft:
            apply_ops(draft, their_ops, None, "它")
            in_memory = DraftChanges.between(read_base(draft), read_snapshot(draft))
            in_file = read_changes(draft)
        assert sorted(in_file.fields, key=repr) == sorted(in_memory.fields, key=repr)
        assert sorted(in_file.places, key=repr) == sorted(in_memory.places, key=repr)
        for name in ("base_ids", "added", "removed", "their_ids", "base_dictionary", "their_dictionary",
                     "base_units", "their_units"):
            assert getattr(in_file, name) == getattr(in_memory, name), name
        assert in_file.fingerprint() == in_memory.fingerprint()
