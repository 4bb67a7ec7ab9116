"""A plain copy edited and merged any number of times: each merge is the three-way merge against
the copy as it was last merged (hypothesis, against a model of the rows' values)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.merge import AlreadyMergedError, DraftMerger
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.merge_records import open_conflicts

ROWS = 3
# ("mine" | "theirs", row, text): one side types a comment; ("merge",): the copy is merged.
STEPS = st.lists(st.one_of(
    st.tuples(st.sampled_from(["mine", "theirs"]), st.integers(0, ROWS - 1), st.sampled_from("甲乙丙")),
    st.just(("merge",))), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
def test_every_merge_of_a_copy_is_three_way_against_the_copy_as_last_merged(steps):
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path, copy = tmp / "report.sqreport", tmp / "copy.sqreport"
        with ReportStore.create(path, builtin_sample()) as store:
            ids = [row.id for row in store.load().rows()][:ROWS]
            store.apply([FieldEdit(ids[0], "comment", "起點")], "輸入文字")
        shutil.copyfile(path, copy)
        start = {node_id: ("起點" if node_id == ids[0] else "") for node_id in ids}
        mine, theirs, merged = dict(start), dict(start), dict(start)  # merged: the copy at its last merge
        conflicts: set[tuple[str, str]] = set()  # (row, the copy's text) left open
        for number, step in enumerate([*steps, ("merge",)]):
            if step[0] == "merge":
                with ReportStore.open(path) as store:
                    try:
                        DraftMerger(store).merge(copy)
                    except AlreadyMergedError:
                        assert theirs == merged  # refused only when nothing would change
                    for node_id in ids:
                        base, now = merged[node_id], theirs[node_id]
                        if now not in (base, mine[node_id]):
                            if mine[node_id] == base:
                                mine[node_id] = now
                            else:
                                conflicts.add((node_id, now))
                    merged = dict(theirs)
                    rows = store.load().node_index()
                    assert {node_id: rows[node_id].comment for node_id in ids} == mine
                    left = {(c.node_id, c.theirs) for c in open_conflicts(store) if c.node_id in ids}
                    assert left == conflicts
                continue
            side, index, text = step
            node_id, value = ids[index], f"{text}{number}"
            with ReportStore.open(path if side == "mine" else copy) as store:
                store.apply([FieldEdit(node_id, "comment", value)], "輸入文字")
            (mine if side == "mine" else theirs)[node_id] = value
