"""Last period linked to this one: rows matched across reworded criteria, the link kept in the
file (undoable, fixed by hand), and every kind of stale text found, none on new text."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from sqeditor.cli import main
from sqeditor.errors import ReportFileError, SqeditorError
from sqeditor.file_formats import write_report
from sqeditor.last_period import PeriodLink, link_last_period, match_edit
from sqeditor.model import Report
from sqeditor.model.last_period import Carry, carry_over, is_similar, similarity
from sqeditor.rules import Checker
from sqeditor.rules.finding import Finding
from sqeditor.store import RecordEdit, ReportStore
from tests.last_period_sample import (
    AFTER_CUTOFF,
    COPIED,
    DELETED,
    HALF_EDITED,
    NEARLY_COPIED,
    NEW_ROW_TITLE,
    REWORDED,
    REWRITTEN,
    WRONG_HALF,
    WRONG_YEAR,
    last_and_next,
    write_periods,
)


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """(this period's file linked to last period's, last period's file)."""
    return write_periods(tmp_path, linked=True)


def open_link(path: Path) -> tuple[Report, PeriodLink]:
    with ReportStore.open(path, read_only=True) as store:
        report = store.load()
        link = PeriodLink.of_store(store, report)
    assert link is not None
    return report, link


def stale_by_row(report: Report, link: PeriodLink, ignored=()) -> dict[int, list[Finding]]:
    """上期 findings by the row's index in document order."""
    order = {row.id: index for index, row in enumerate(report.rows())}
    found: dict[int, list[Finding]] = defaultdict(list)
    for finding in Checker.for_report(report, ignored, link.context(report)).check_report(report):
        if finding.category == "上期":
            found[order[finding.node_id]].append(finding)
    return found


def rules_at(findings: list[Finding]) -> set[tuple[str, int, str]]:
    return {(f.rule, f.paragraph, f.text) for f in findings}


# --- matching ------------------------------------------------------------------------------

def test_rows_match_by_path_and_reworded_criteria_with_their_confidence(linked):
    report, link = open_link(linked[0])
    rows = list(report.rows())
    reworded = {rows[i].id for i in REWORDED}
    for row in rows:
        match = link.matches.get(row.id)
        if row.title == NEW_ROW_TITLE:
            assert match is None
        elif row.id in reworded:
            assert match.how == "fuzzy" and 0.5 <= match.confidence < 1
        else:
            assert (match.how, match.confidence) == ("path", 1.0)
            assert match.last.title == row.title
    first, second = (link.matches[rows[i].id] for i in REWORDED)
    assert first.last.title == "提升民眾申辦案件的處理效率，確保於處理時限內完成。"
    assert not first.low and first.confidence >= 0.8
    assert second.last.title.startswith("瞭解民眾需求，檢討既有服務措施") and second.low
    matched_last = {m.last.id for m in link.matches.values()}
    left = [r for r in link.last.rows if r.id not in matched_last]
    assert [r.title for r in left] == [rows[DELETED - 1].title]  # the duplicate that was deleted


def test_a_row_matched_by_hand_overrides_matching_is_undoable_and_kept(linked):
    path, _ = linked
    report, link = open_link(path)
    rows = list(report.rows())
    target = rows[22].id  # a reworded criterion
    wrong = link.last.rows[0]
    with ReportStore.open(path) as store:
        step = store.apply([match_edit(target, wrong.id)], "修正上期對應")
        manual = PeriodLink.of_store(store, store.load()).matches[target]
        assert (manual.last.id, manual.how, manual.confidence) == (wrong.id, "manual", 1.0)
        # the last row taken by hand is no longer offered to the row it matched by path
        again = PeriodLink.of_store(store, store.load())
        assert sum(m.last.id == wrong.id for m in again.matches.values()) == 1
        store.apply([match_edit(rows[3].id, "")], "修正上期對應")
        assert rows[3].id not in PeriodLink.of_store(store, store.load()).matches
        store.apply(step.inverse, "復原")
    report, link = open_link(path)
    assert link.matches[target].how == "fuzzy"
    assert link.last.overrides == {rows[3].id: ""}


# --- the link in the file ------------------------------------------------------------------

def test_the_link_is_a_snapshot_that_outlives_last_periods_file_and_undoes(linked):
    path, last_path = linked
    last_path.unlink()
    _, link = open_link(path)
    assert (link.last.roc_year, str(link.last.period), link.last.label) == (110, "下半年", "110年度下半年")
    assert len(link.last.rows) == 47 and link.last.source.endswith("110H2.sqreport")
    with ReportStore.open(path) as store:
        labels = [s for s, in store.conn.execute("SELECT label FROM step")]
        assert labels[-1] == "連結上期報告"
        assert store.history()[-1].field == "last_period"
        from sqeditor.store import LastPeriodLink
        step = store.apply([LastPeriodLink(None)], "取消連結")
        assert store.last_period() is None
        store.apply(step.inverse, "復原")
        assert store.last_period() == link.last


def test_linking_refuses_itself_and_files_that_are_not_reports_changing_nothing(linked, tmp_path):
    path, _ = linked
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    with ReportStore.open(path) as store:
        before = store.last_period()
        with pytest.raises(SqeditorError, match="就是這份報告本身"):
            link_last_period(store, path)
        with pytest.raises(SqeditorError, match="不支援"):
            link_last_period(store, other)
        assert store.last_period() == before


@pytest.mark.parametrize("damage", [
    "UPDATE last_period SET value = 'yesterday' WHERE key = 'linked_at'",
    "DELETE FROM last_period WHERE key = 'source'",
    "UPDATE last_period_row SET path = '[1, 2' WHERE position = 0",
    "UPDATE last_period SET value = '第三季' WHERE key = 'period'",
])
def test_a_damaged_link_is_a_message_not_a_traceback(linked, capsys, damage):
    path, _ = linked
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(damage)
    conn.close()
    with ReportStore.open(path, read_only=True) as store, pytest.raises(ReportFileError, match="損毀"):
        store.last_period()
    assert main(["export", str(path), "-o", str(path.with_name("x.json"))]) == 2
    assert "損毀" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".json"])
def test_last_period_may_be_a_word_excel_or_json_file(tmp_path, suffix):
    last, new = last_and_next()
    last_file = tmp_path / f"110H2{suffix}"
    write_report(last, last_file)
    with ReportStore.create(tmp_path / "new.sqreport", new) as store:
        link_last_period(store, last_file)
        report = store.load()
        link = PeriodLink.of_store(store, report)
    assert link.last.roc_year == 110
    assert len(link.matches) == sum(1 for _ in report.rows()) - 1  # all but the new row
    rows = list(report.rows())
    assert link.last_row(rows[COPIED[0]].id).texts == tuple(p.text for p in rows[COPIED[0]].result)


def test_a_version_2_file_has_no_link_read_only_and_is_brought_forward_to_link(tmp_path):
    _, new = last_and_next()
    path = tmp_path / "old.sqreport"
    ReportStore.create(path, new).close()
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE last_period; DROP TABLE last_period_row; DROP TABLE last_period_match;"
                       "DROP TABLE export; PRAGMA user_version = 2;")
    conn.close()
    with ReportStore.open(path, read_only=True) as store:
        assert store.last_period() is None
    last_file = tmp_path / "last.json"
    write_report(last_and_next()[0], last_file)
    with ReportStore.open(path) as store:
        link_last_period(store, last_file)
    assert open_link(path)[1].last.roc_year == 110


# --- stale text ----------------------------------------------------------------------------

def test_every_kind_of_stale_text_is_found_and_none_on_new_text(linked):
    report, link = open_link(linked[0])
    found = stale_by_row(report, link)
    rows = list(report.rows())
    for index in COPIED:
        assert rules_at(found[index]) >= {("LP1", 0, rows[index].result[0].text)}
        assert "完全相同" in found[index][0].message
    nearly = [f for f in found[NEARLY_COPIED] if f.rule == "LP1"]
    assert len(nearly) == 1 and "幾乎相同（98% 的字相同）" in nearly[0].message
    assert rules_at(found[HALF_EDITED]) == {("LP1", 0, rows[HALF_EDITED].result[0].text),
                                            ("LP2", 0, "110 年"), ("LP4", 2, "34")}
    assert rules_at(found[WRONG_YEAR]) == {("LP2", 0, "110 年")}
    assert "本年度" in found[WRONG_YEAR][0].message
    assert rules_at(found[WRONG_HALF]) == {("LP2", 0, "下半年")}
    assert rules_at(found[AFTER_CUTOFF]) == {("LP3", 0, "111 年 7 月 15 日")}
    assert "111年6月10日" in found[AFTER_CUTOFF][0].message
    new_text = [*REWRITTEN, *REWORDED, next(i for i, r in enumerate(rows) if r.title == NEW_ROW_TITLE)]
    assert all(not found[index] for index in new_text)


def test_messages_name_last_periods_text(linked):
    report, link = open_link(linked[0])
    found = stale_by_row(report, link)
    by_rule = {f.rule: f.message for f in found[HALF_EDITED]}
    assert "上期寫的是：「本局人民陳情案件，110 年受理 129 件" in by_rule["LP1"]
    assert "上期（110年度下半年）此處寫的是：「本局人民陳情案件，110 年受理 129 件" in by_rule["LP2"]
    assert "這句說「增加」" in by_rule["LP4"] and "「新聞輿情回應案件，110 年辦理 34 件" in by_rule["LP4"]


def test_a_stale_finding_is_dismissed_with_the_ignore_the_team_shares(linked):
    path, _ = linked
    report, link = open_link(path)
    finding = stale_by_row(report, link)[WRONG_HALF][0]
    with ReportStore.open(path) as store:
        store.apply([RecordEdit("ignored_finding", {"rule": finding.rule, "node_id": finding.node_id,
                                                    "text": finding.text}, {})], "忽略")
        ignored = store.ignored_findings()
    assert not stale_by_row(report, link, ignored)[WRONG_HALF]


def test_without_a_link_only_this_reports_own_period_is_checked():
    _, new = last_and_next()
    order = {row.id: index for index, row in enumerate(new.rows())}
    found = {(order[f.node_id], f.rule, f.text) for f in Checker.for_report(new).check_report(new)
             if f.category == "上期"}
    assert found == {(WRONG_YEAR, "LP2", "110 年"), (WRONG_HALF, "LP2", "下半年"),
                     (AFTER_CUTOFF, "LP3", "111 年 7 月 15 日"),
                     (7, "LP2", "下半年")}  # a copied row: 「110 年下半年度」


# --- carried over, rewritten, empty ---------------------------------------------------------

def test_similarity_counts_characters_in_order_without_white_space():
    assert similarity("本局 110 年受理", "本局110年受理") == 1.0
    assert similarity("一二三四五六七八九十", "一二三四五六七八九拾") == 0.9
    assert is_similar("一二三四五六七八九十", "一二三四五六七八九拾")
    assert not is_similar("一二三四五六七八九十", "一二三四五六七八玖拾")
    assert carry_over("", ["上期"]) is Carry.EMPTY
    assert carry_over("本期全新內容", None) is Carry.REWRITTEN
    kept = ["本局網站由業務單位維護。", "每月檢查。"]
    assert carry_over("\n".join(kept), kept) is Carry.UNCHANGED


def test_carry_counts_per_report(linked):
    report, link = open_link(linked[0])
    counts = Counter(link.carry(row) for row in report.rows())
    rewritten = len(REWRITTEN) + len(REWORDED) + 5  # + half-edited, wrong year/half, cut-off, new row
    assert counts == {Carry.REWRITTEN: rewritten, Carry.UNCHANGED: 47 - rewritten}
