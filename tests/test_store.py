"""The .sqreport file: save/reopen, recorded changes, undo by inverse, search, refusals."""

import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sqeditor.errors import ReadOnlyError, ReportFileError
from sqeditor.exchange.json_format import report_from_json, report_to_json
from sqeditor.model import Node, NodeKind, Paragraph, Status
from sqeditor.store import (
    FieldEdit,
    MetaEdit,
    NodeDelete,
    NodeInsert,
    NodeMove,
    ReportStore,
    SettingEdit,
)
from sqeditor.store.schema import SCHEMA_VERSION
from tests.report_strategies import reports

PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@PROPERTY
@given(report=reports())
def test_any_report_survives_save_and_reopen(tmp_path_factory, report):
    path = tmp_path_factory.mktemp("p") / "r.sqreport"
    ReportStore.create(path, report).close()
    with ReportStore.open(path) as store:
        assert store.load() == report


@PROPERTY
@given(report=reports())
def test_any_report_survives_json_export_and_import(report):
    data = json.loads(json.dumps(report_to_json(report), ensure_ascii=False))
    assert report_from_json(data) == report


def test_sample_loads_with_its_structure(sample_file, sample_report):
    with ReportStore.open(sample_file) as store:
        loaded = store.load()
    assert loaded == sample_report
    assert [s.title for s in loaded.sections][:2] == ["基礎服務", "二、服務遞送"]
    assert sum(1 for _ in loaded.rows()) == 47


def test_a_change_is_recorded_and_its_inverse_undoes_it(sample_file):
    with ReportStore.open(sample_file, user="王小明") as store:
        row = next(store.load().rows())
        before = row.result
        step = store.apply([FieldEdit(row.id, "result", [Paragraph("新內容", 1)]),
                            FieldEdit(row.id, "status", Status.DONE)], "輸入文字")
        history = store.history(row.id)
        assert [(h.field, h.who, h.label) for h in history] == [
            ("result", "王小明", "輸入文字"), ("status", "王小明", "輸入文字")]
        changed = store.load().node_index()[row.id]
        assert changed.result == [Paragraph("新內容", 1)] and changed.status is Status.DONE
        assert changed.edited_by == "王小明" and changed.edited_at is not None
        store.apply(step.inverse, "復原：輸入文字")
        restored = store.load().node_index()[row.id]
        assert restored.result == before and restored.status is Status.DRAFT


def test_typing_into_one_field_coalesces_into_one_step(sample_file):
    with ReportStore.open(sample_file) as store:
        row = next(store.load().rows())
        original = row.result
        for text in ("本", "本局", "本局辦理"):
            step = store.apply([FieldEdit(row.id, "result", [Paragraph(text)])], "輸入文字",
                               coalesce=True)
        assert len({h.step_id for h in store.history(row.id)}) == 1
        store.apply(step.inverse, "復原")
        assert store.load().node_index()[row.id].result == original


def test_structure_edits_and_their_inverses(sample_file, sample_report):
    with ReportStore.open(sample_file) as store:
        report = store.load()
        section = report.sections[0]
        new_row = Node(NodeKind.STANDARD, title="新參考標準")
        indicator = section.children[0].children[0]
        s1 = store.apply([NodeInsert(indicator.id, 0, new_row)], "新增列")
        assert store.load().node_index()[indicator.id].children[0].title == "新參考標準"
        s2 = store.apply([NodeDelete(section.children[1].id)], "刪除評核項目")
        assert len(store.load().sections[0].children) == 1
        s3 = store.apply([NodeMove(report.sections[4].id, None, 0)], "上移")
        assert store.load().sections[0].title == "開放創新"
        for step in (s3, s2, s1):
            store.apply(step.inverse, "復原")
        assert store.load() == sample_report


def test_meta_and_settings_edits(sample_file):
    with ReportStore.open(sample_file) as store:
        store.apply([MetaEdit("agency", "經濟部產業發展署"), SettingEdit("unit", "資訊室", True),
                     SettingEdit("dictionary_word", "台積電", True)], "設定")
        report = store.load()
    assert report.meta.agency == "經濟部產業發展署"
    assert "資訊室" in report.units and "台積電" in report.dictionary


def test_search_finds_chinese_substrings_and_follows_edits(sample_file):
    with ReportStore.open(sample_file) as store:
        hits = store.search("提供多元案件查詢管道")
        assert len(hits) == 1 and hits[0][1] == "title"
        assert store.search("首長信箱")
        row = next(store.load().rows())
        store.apply([FieldEdit(row.id, "result", [Paragraph("獨一無二的字串")])], "輸入文字")
        assert store.search("一無二") == [(row.id, "result")]
        assert store.search("臺") and store.search("不存在的字")== []


def test_read_only_store_refuses_changes(sample_file):
    with ReportStore.open(sample_file, read_only=True) as store:
        row = next(store.load().rows())
        with pytest.raises(ReadOnlyError):
            store.apply([FieldEdit(row.id, "comment", "x")], "註記")


def test_create_refuses_to_overwrite(sample_file, sample_report):
    with pytest.raises(ReportFileError, match="已經存在"):
        ReportStore.create(sample_file, sample_report)


# --- files that must be refused, unchanged --------------------------------------------------

def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()


def _newer(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _with_trigger(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON node BEGIN DELETE FROM node; END")
    conn.commit()
    conn.close()


BAD_FILES = {
    "empty": (lambda p, s: p.write_bytes(b""), "空檔案"),
    "random bytes": (lambda p, s: p.write_bytes(os.urandom(4096)), "不是服務品質報告檔"),
    "truncated": (lambda p, s: p.write_bytes(s.read_bytes()[: len(s.read_bytes()) // 3]), "損毀"),
    "other program": (lambda p, s: _other_sqlite(p), "其他程式"),
    "newer version": (_newer, "較新版本"),
    "hostile trigger": (_with_trigger, "不該有的資料庫物件"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_files_are_refused_and_left_unchanged(tmp_path, sample_file, kind):
    make, message = BAD_FILES[kind]
    path = tmp_path / "bad.sqreport"
    make(path, sample_file)
    before = path.read_bytes()
    with pytest.raises(ReportFileError, match=message):
        ReportStore.open(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "bad.sqreport.lock").exists()


def test_directory_and_missing_file_are_refused(tmp_path):
    with pytest.raises(ReportFileError, match="資料夾"):
        ReportStore.open(tmp_path)
    with pytest.raises(ReportFileError, match="找不到"):
        ReportStore.open(tmp_path / "none.sqreport")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(sample_file):
    sample_file.chmod(0)
    try:
        with pytest.raises(ReportFileError, match="權限"):
            ReportStore.open(sample_file)
    finally:
        sample_file.chmod(0o644)


def test_search_follows_deletes_and_their_undo(sample_file):
    with ReportStore.open(sample_file) as store:
        section = store.load().sections[4]
        assert store.search("雲市集工業館")
        step = store.apply([NodeDelete(section.id)], "刪除構面")
        assert store.search("雲市集工業館") == []
        store.apply(step.inverse, "復原")
        assert len(store.search("雲市集工業館")) == 1


def test_search_reads_results_as_text_not_as_their_json(sample_file):
    with ReportStore.open(sample_file) as store:
        row = next(store.load().rows())
        text = '說明 "ISO 27001" 與 C:\\資料\\ 及 50%_比例'
        store.apply([FieldEdit(row.id, "result", [Paragraph(text, 1), Paragraph("第二段", 2)])], "輸入文字")
        for needle in ['"ISO 27001"', "iso", "C:\\資料\\", "50%_比", "第二段"]:
            assert (row.id, "result") in store.search(needle), needle
        for needle in ['1, "', '"]', "[[", "50%比", "說明第二段"]:
            assert (row.id, "result") not in store.search(needle), needle


V2_TABLES_ONLY = """
    DROP TABLE last_period; DROP TABLE last_period_row; DROP TABLE last_period_match;
    DROP TABLE export;
    PRAGMA user_version = 2;
"""
V1_FULL_TEXT_INDEX = V2_TABLES_ONLY + """
    CREATE TABLE text_key (
        node_id TEXT NOT NULL, field TEXT NOT NULL, fts_rowid INTEGER NOT NULL,
        PRIMARY KEY (node_id, field)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE node_fts USING fts5(
        node_id UNINDEXED, field UNINDEXED, text, tokenize = 'trigram'
    );
    INSERT INTO node_fts (rowid, node_id, field, text) SELECT rowid, id, 'title', title FROM node;
    INSERT INTO text_key SELECT id, 'title', rowid FROM node;
    PRAGMA user_version = 1;
"""


def as_version_1(path: Path, script: str = V1_FULL_TEXT_INDEX) -> None:
    """The file as the first format wrote it: the same tables, and a trigram index beside them."""
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def test_version_3_file_without_the_export_table_is_read_and_brought_forward(sample_file):
    conn = sqlite3.connect(sample_file)
    conn.executescript("DROP TABLE export; PRAGMA user_version = 3;")
    conn.close()
    with ReportStore.open(sample_file, read_only=True) as store:
        before = store.load()
    with ReportStore.open(sample_file) as store:
        assert store.load() == before
        assert store.conn.execute("SELECT COUNT(*) FROM export").fetchone()[0] == 0
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with ReportStore.open(sample_file) as store:  # and the migrated file passes every check
        assert store.load() == before


def test_version_1_file_with_its_full_text_index_is_read_and_brought_forward(sample_file):
    as_version_1(sample_file)
    with ReportStore.open(sample_file, read_only=True) as store:
        before = store.load()
        assert store.search("首長信箱")
    with ReportStore.open(sample_file) as store:
        assert store.load() == before
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert not tables & {"node_fts", "text_key", "node_fts_data"}
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    with ReportStore.open(sample_file) as store:  # and the migrated file passes every check
        assert store.load() == before


def test_version_1_file_with_a_changed_table_is_refused_before_it_is_migrated(sample_file):
    as_version_1(sample_file, V1_FULL_TEXT_INDEX + "ALTER TABLE node ADD COLUMN extra TEXT;")
    before = sample_file.read_bytes()
    for read_only in (True, False):
        with pytest.raises(ReportFileError, match="資料表結構與報告檔不符"):
            ReportStore.open(sample_file, read_only=read_only)
    assert sample_file.read_bytes() == before


def test_version_1_file_whose_index_is_a_plain_table_is_brought_forward_whole(sample_file):
    names = ["text_key", "node_fts", *(f"node_fts_{part}" for part in ("data", "idx", "content",
                                                                      "docsize", "config"))]
    as_version_1(sample_file, V2_TABLES_ONLY + "".join(f"CREATE TABLE {name} (x);" for name in names)
                 + "PRAGMA user_version = 1;")
    with ReportStore.open(sample_file) as store:
        before = store.load()
    with ReportStore.open(sample_file) as store:  # no stray table left to refuse it for
        assert store.load() == before


def test_a_migration_that_fails_changes_nothing_frees_the_lock_and_says_why(sample_file):
    as_version_1(sample_file)
    conn = sqlite3.connect(sample_file)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'fts5', 'nosuchmodule') "
                 "WHERE name = 'node_fts'")
    conn.commit()
    conn.close()
    before = sample_file.read_bytes()
    with pytest.raises(ReportFileError, match=r"舊版格式.*沒有被改動"):
        ReportStore.open(sample_file)
    assert sample_file.read_bytes() == before
    with ReportStore.open(sample_file, read_only=True) as store:  # still readable, and not held
        assert store.lock is None and store.load().sections
    with pytest.raises(ReportFileError, match="舊版格式"):  # not "held by another program"
        ReportStore.open(sample_file)


def test_a_search_as_long_as_the_find_box_allows_is_answered(sample_file):
    with ReportStore.open(sample_file) as store:
        row = next(store.load().rows())
        long_text = "服務品質" * 8000
        store.apply([FieldEdit(row.id, "result", [Paragraph(long_text)])], "輸入文字")
        assert store.search(long_text[:32767]) == [(row.id, "result")]
