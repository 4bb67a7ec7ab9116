"""Split the sample for four units, edit each draft in its own process, merge back through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sqeditor.merge import resolve_conflict
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.merge_records import open_conflicts
from tests.merge_helpers import UNITS, assign_units

# A unit's clerk at their own PC: opens the draft, may unlock, types into rows.
CLERK = """
import json, sys
from sqeditor.merge import draft_row_editable, unlock_edit
from sqeditor.model import Paragraph
from sqeditor.store import FieldEdit, ReportStore
path, edits, unlocked, who = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] == "unlock", sys.argv[4]
with ReportStore.open(path, user=who) as store:
    report = store.load()
    rows = report.node_index()
    for node_id, text in edits:
        if unlocked and not draft_row_editable(report, rows[node_id]):
            store.apply([unlock_edit(report, rows[node_id])], "解除鎖定")
            report = store.load()
        if not draft_row_editable(report, rows[node_id]):
            sys.exit("locked: " + rows[node_id].unit)
        store.apply([FieldEdit(node_id, "result", [*rows[node_id].result, Paragraph(text)])], "輸入文字")
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parent.parent)


def clerk(path: Path, edits: list[tuple[str, str]], who: str,
          unlock: bool = False) -> subprocess.CompletedProcess:
    return run("-c", CLERK, str(path), json.dumps(edits), "unlock" if unlock else "locked", who)


def docx_text(path: Path) -> str:
    from docx import Document
    from docx.oxml.ns import qn
    body = Document(str(path)).element.body
    return "".join(t.text or "" for t in body.iter(qn("w:t")))


@pytest.mark.slow  # seven real processes
def test_four_units_draft_apart_and_the_coordinator_merges_everything(tmp_path, sample_report):
    report_path = tmp_path / "report.sqreport"
    ReportStore.create(report_path, assign_units(sample_report)).close()
    drafts = tmp_path / "drafts"
    split = run("-m", "sqeditor.cli", "split", str(report_path), *[f"--unit={u}" for u in UNITS],
                "-o", str(drafts))
    assert split.returncode == 0, split.stderr
    paths = {u: drafts / f"經濟部工業局-{u}-草稿.sqreport" for u in UNITS}
    own = {u: [r.id for r in sample_report.rows() if r.unit == u] for u in UNITS}

    assert clerk(paths["秘書室"], [(own["秘書室"][0], "秘書室補充說明")], "秘書甲").returncode == 0
    assert clerk(paths["資訊室"], [(own["資訊室"][0], "資訊室第一次")], "資訊乙").returncode == 0
    assert clerk(paths["資訊室"], [(own["資訊室"][1], "資訊室第二次")], "資訊丙").returncode == 0
    locked = clerk(paths["企劃組"], [(own["人事室"][2], "企劃組代寫")], "企劃丁")
    assert locked.returncode != 0 and "人事室" in locked.stderr
    assert clerk(paths["企劃組"], [(own["人事室"][2], "企劃組代寫")], "企劃丁", unlock=True).returncode == 0
    assert clerk(paths["人事室"], [(own["人事室"][0], "人事室的版本")], "人事戊").returncode == 0
    with ReportStore.open(report_path, user="協調人") as store:
        row = store.load().node_index()[own["人事室"][0]]
        store.apply([FieldEdit(row.id, "result", [*row.result, Paragraph("協調人的版本")])], "輸入文字")

    merge = run("-m", "sqeditor.cli", "merge", str(report_path), *map(str, paths.values()),
                "--report", str(tmp_path / "merge.xlsx"))
    assert merge.returncode == 0, merge.stderr
    assert merge.stdout.count("已合併") == 4 and "衝突待處理 1" in merge.stdout
    assert "修改了其他單位的列 1" in merge.stdout  # 企劃組's unlocked row is not taken silently
    again = run("-m", "sqeditor.cli", "merge", str(report_path), str(paths["秘書室"]))
    assert again.returncode == 0 and "再合併一次不會有任何變更" in again.stdout

    with ReportStore.open(report_path, user="協調人") as store:
        conflicts = {c.unit: c for c in open_conflicts(store)}
        assert conflicts.keys() == {"人事室", "企劃組"}
        assert "人事室的版本" in conflicts["人事室"].theirs and "企劃組代寫" in conflicts["企劃組"].theirs
        resolve_conflict(store, conflicts["人事室"], "both")
        resolve_conflict(store, conflicts["企劃組"], "theirs")
        labels = [s[0] for s in store.conn.execute("SELECT label FROM step ORDER BY id")]
    assert [f"合併草稿：{u}" for u in UNITS] == [x for x in labels if x.startswith("合併草稿")]

    out = tmp_path / "report.docx"
    export = run("-m", "sqeditor.cli", "export", str(report_path), "-o", str(out))
    assert export.returncode == 0, export.stderr
    text = docx_text(out)
    for written in ("秘書室補充說明", "資訊室第一次", "資訊室第二次", "企劃組代寫", "人事室的版本",
                    "協調人的版本"):
        assert written in text
