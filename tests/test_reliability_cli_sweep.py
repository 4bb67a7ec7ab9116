"""Every command that writes a file, into every kind of bad target: a Chinese message, exit 2,
no traceback, nothing under the target name (issue item 9). Also bad JSON given to import."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sqeditor.cli import main
from sqeditor.store import ReportStore
from tests.disk_helpers import fill, tmpfs
from tests.merge_helpers import assign_units

ROOT = Path(__file__).resolve().parent.parent
LONG = "評" * 90  # 270 bytes: longer than any file system allows a name


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> Iterator[dict[str, Path]]:
    base = tmp_path_factory.mktemp("sweep")
    full, ro = base / "full", base / "ro"
    with tmpfs(full, "size=1m"), tmpfs(ro, "ro,size=1m"):
        fill(full)
        yield {"missing": base / "no" / "such", "read-only": ro, "full": full, "overlong": base}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    from sqeditor.cli import builtin_sample
    base = tmp_path_factory.mktemp("sources")
    report = base / "report.sqreport"
    ReportStore.create(report, assign_units(builtin_sample())).close()
    assert main(["split", str(report), "--unit", "資訊室", "-o", str(base / "d")]) == 0
    json_file = base / "report.json"
    assert main(["export", str(report), "-o", str(json_file)]) == 0
    return {"report": report, "draft": next((base / "d").glob("*.sqreport")), "json": json_file}


VERBS = {
    "new": lambda s, out: ["new", str(out)],
    "sample": lambda s, out: ["sample", str(out)],
    "import": lambda s, out: ["import", str(s["json"]), "-o", str(out)],
    "export-json": lambda s, out: ["export", str(s["report"]), "-o", str(out)],
    "export-docx": lambda s, out: ["export", str(s["report"]), "-o", str(out)],
    "export-xlsx": lambda s, out: ["export", str(s["report"]), "-o", str(out)],
    "export-pdf": lambda s, out: ["export", str(s["report"]), "-o", str(out)],
    "split": lambda s, out: ["split", str(s["report"]), "--unit", "資訊室", "-o", str(out)],
    "merge-report": lambda s, out: ["merge", str(s["report"]), str(s["draft"]), "--report", str(out)],
}
SUFFIX = {"export-json": ".json", "export-docx": ".docx", "export-xlsx": ".xlsx", "export-pdf": ".pdf",
          "merge-report": ".xlsx", "split": ""}


def target_for(verb: str, place: str, folder: Path) -> Path:
    suffix = SUFFIX.get(verb, ".sqreport")
    stem = LONG if place == "overlong" else "輸出"
    return folder / f"{stem}{suffix or '-草稿夾'}"


@pytest.mark.parametrize("place", ["missing", "read-only", "full", "overlong"])
@pytest.mark.parametrize("verb", list(VERBS))
def test_every_verb_into_every_bad_target(places, sources, capsys, verb, place):
    if verb == "split" and place == "missing":
        pytest.skip("split makes a missing folder: not a bad target")
    folder = places[place]
    target = target_for(verb, place, folder)
    before = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else None
    code = main(VERBS[verb](sources, target))
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.err.startswith("錯誤："), captured.err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in captured.err[3:])
    assert not os.path.exists(target)
    after = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else None
    assert after == before  # no temporary left, nothing half-written


def test_a_name_just_under_the_limit_is_written(tmp_path, sources):
    name = "評" * 83 + ".docx"  # 254 bytes; the old temporary name was longer than 255
    assert main(["export", str(sources["report"]), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize(("content", "message"), [
    ('{"sections": [{"title": "\\ud800", "items": []}]}', "代理碼"),
    ('{"sections": [', "不是有效的 JSON"),
    ('{"sections": {}}', "找不到「sections」"),
    ('[1, 2, 3]', "找不到「sections」"),
    (b'\xff\xfe{"sections": []}', "UTF-8"),
], ids=["lone-surrogate", "cut", "sections-not-a-list", "not-an-object", "not-utf8"])
def test_bad_json_is_refused_in_a_separate_program(tmp_path, content, message):
    source = tmp_path / "bad.json"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.sqreport"
    done = subprocess.run([sys.executable, "-m", "sqeditor", "import", str(source), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and message in done.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_a_whole_program_into_a_full_disk_prints_no_traceback(places, sources):
    target = places["full"] / "報告.pdf"
    done = subprocess.run([sys.executable, "-m", "sqeditor", "export", str(sources["report"]),
                           "-o", str(target)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "磁碟空間已滿" in done.stderr or "不完整" in done.stderr


def test_a_report_longer_than_an_excel_sheet_is_refused_before_any_work():
    from sqeditor.exchange.xlsx_export import (
        EXCEL_MAX_ROWS,
        HEADER_ROW,
        ExportTooLargeError,
        check_sheet_rows,
    )
    check_sheet_rows(EXCEL_MAX_ROWS - HEADER_ROW - 1)
    with pytest.raises(ExportTooLargeError, match="超過 Excel 一張工作表的上限"):
        check_sheet_rows(1_000_000 + 48_575)
