"""`sqeditor link`, `new --template LAST` and `check` with last period, as a clerk runs them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sqeditor.cli import main
from sqeditor.store import ReportStore
from tests.last_period_sample import HALF_EDITED, write_periods


@pytest.fixture
def periods(tmp_path: Path) -> tuple[Path, Path]:
    return write_periods(tmp_path)


def test_link_prints_reworded_matches_with_confidence_and_flags_low_ones(periods, capsys):
    new_path, last_path = periods
    assert main(["link", str(new_path), str(last_path)]) == 0
    out = capsys.readouterr().out
    assert ("0.87  「提升民眾申辦案件之處理效率，確保於法定處理時限內完成。」"
            " ← 「提升民眾申辦案件的處理效率") in out
    low = next(line for line in out.splitlines() if "了解民眾需求" in line)
    assert "⚠ 信心偏低，請確認" in low and low.strip().startswith("0.7")
    assert "上期沒有對應的列" in out and "推動服務流程數位轉型" in out
    assert "本期 47 列中 46 列有對應（2 列依相似度，其中 1 列信心偏低），1 列沒有對應。" in out
    with ReportStore.open(new_path, read_only=True) as store:
        assert store.last_period().label == "110年度下半年"


def test_check_json_carries_the_category_of_stale_text(periods, capsys):
    new_path, last_path = periods
    main(["link", str(new_path), str(last_path)])
    capsys.readouterr()
    main(["check", str(new_path), "--json"])
    found = json.loads(capsys.readouterr().out)
    stale = [f for f in found if f["category"] == "上期"]
    assert {f["rule"] for f in stale} == {"LP1", "LP2", "LP3", "LP4"}
    assert any(f["rule"] == "LP4" and f["text"] == "34" for f in stale)


def test_check_against_a_last_period_file_without_linking(periods, capsys, tmp_path):
    new_path, last_path = periods
    main(["export", str(new_path), "-o", str(tmp_path / "new.json")])
    capsys.readouterr()
    main(["check", str(tmp_path / "new.json"), "--last", str(last_path)])
    out = capsys.readouterr().out
    assert "上期寫的是：「本局人民陳情案件，110 年受理 129 件" in out
    with ReportStore.open(new_path, read_only=True) as store:
        assert store.last_period() is None  # --last reads, never writes


def test_new_from_last_period_links_it(periods, capsys, tmp_path):
    _, last_path = periods
    out_path = tmp_path / "112H1.sqreport"
    assert main(["new", str(out_path), "--template", str(last_path), "--year", "111",
                 "--period", "上半年", "--cutoff", "111-06-10"]) == 0
    assert "已連結上期報告" in capsys.readouterr().out
    with ReportStore.open(out_path, read_only=True) as store:
        report, last = store.load(), store.last_period()
    assert last.roc_year == 110 and len(last.rows) == 47
    assert all(not row.result for row in report.rows())
    assert last.rows[HALF_EDITED].texts[0].startswith("本局人民陳情案件，110 年受理 129 件")


def test_new_from_last_period_starts_the_period_after_it(periods, capsys, tmp_path):
    _, last_path = periods
    out_path = tmp_path / "next.sqreport"
    assert main(["new", str(out_path), "--template", str(last_path)]) == 0
    with ReportStore.open(out_path, read_only=True) as store:
        meta = store.load().meta
    assert (meta.roc_year, str(meta.period), meta.cutoff) == (111, "上半年", date(2022, 6, 10))
    assert meta.agency == "經濟部工業局"


def test_link_mistakes_get_a_plain_message_and_change_nothing(periods, capsys, tmp_path):
    new_path, last_path = periods
    before = new_path.read_bytes()
    assert main(["link", str(new_path), str(new_path)]) == 2
    assert "就是這份報告本身" in capsys.readouterr().err
    missing = tmp_path / "nothing.docx"
    assert main(["link", str(new_path), str(missing)]) == 2
    assert "找不到檔案" in capsys.readouterr().err
    assert main(["link", str(tmp_path / "x.json"), str(last_path)]) == 2
    assert "只能連結報告檔" in capsys.readouterr().err
    assert new_path.read_bytes() == before
