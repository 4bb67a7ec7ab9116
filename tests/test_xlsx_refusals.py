"""Bad workbooks are refused through the CLI: exit code 2, a message naming what is wrong, no output."""

import io
import zipfile
from pathlib import Path

import defusedxml
import msoffcrypto.format.ooxml
import openpyxl.xml
import pytest
import xlwt
from docx import Document
from openpyxl import Workbook, load_workbook

from sqeditor.cli import main

HEADER = ["構面", "評核項目", "評核指標", "次評核指標/參考標準", "評核結果說明", "狀態"]


def refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Import `path`; check the refusal and that nothing was written; return the message."""
    before = set(path.parent.iterdir())
    out = path.parent / "new.sqreport"
    assert main(["import", str(path), "-o", str(out)]) == 2
    assert not out.exists()
    assert set(path.parent.iterdir()) == before
    message = capsys.readouterr().err
    assert message.startswith("錯誤：")
    return message


def sheet(tmp_path: Path, rows: list[list[object]], title: str = "評核表") -> Path:
    wb = Workbook()
    wb.active.title = title
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "in.xlsx"
    wb.save(path)
    return path


def good_workbook() -> bytes:
    buffer = io.BytesIO()
    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append(["基礎服務", "服務一致及正確性", "流程", "標準", "說明", "草稿"])
    wb.save(buffer)
    return buffer.getvalue()


def test_no_header(tmp_path: Path, capsys) -> None:
    message = refused(sheet(tmp_path, [["名稱", "數量"], ["甲", 1]], title="工作表1"), capsys)
    assert "「工作表1」" in message and "找不到標題列" in message


def test_missing_column(tmp_path: Path, capsys) -> None:
    path = sheet(tmp_path, [["評核清單"], ["構面", "評核項目", "參考標準"], ["基礎服務", "甲", "乙"]])
    message = refused(path, capsys)
    assert "工作表「評核表」第 2 列" in message and "缺少「評核指標」欄" in message
    assert "C 欄「次評核指標/參考標準」" in message


def test_column_twice(tmp_path: Path, capsys) -> None:
    path = sheet(tmp_path, [["構面", "評核項目", "評核指標", "評核項目", "參考標準"]])
    message = refused(path, capsys)
    assert "第 1 列" in message and "「評核項目」（B、D 欄）" in message


def test_unknown_status(tmp_path: Path, capsys) -> None:
    path = sheet(tmp_path, [HEADER, ["基礎服務", "項目", "指標", "標準", "說明", "已完成"]])
    message = refused(path, capsys)
    assert "工作表「評核表」第 2 列 F 欄（狀態）的「已完成」看不懂" in message


def test_standard_missing_under_a_new_indicator(tmp_path: Path, capsys) -> None:
    path = sheet(tmp_path, [HEADER, ["基礎服務", "項目", "指標甲", "標準", "", ""],
                            ["", "", "指標乙", "", "說明", ""]])
    message = refused(path, capsys)
    assert "第 3 列 D 欄（次評核指標/參考標準）是空的" in message


def test_no_section_column_and_no_section_rows(tmp_path: Path, capsys) -> None:
    path = sheet(tmp_path, [HEADER[1:4], ["項目", "指標", "標準"]])
    message = refused(path, capsys)
    assert "第 2 列" in message and "沒有「構面」欄" in message


def test_header_without_rows(tmp_path: Path, capsys) -> None:
    assert "下面沒有任何評核列" in refused(sheet(tmp_path, [HEADER, [], [None, None]]), capsys)


def test_password_protected(tmp_path: Path, capsys) -> None:
    path = tmp_path / "locked.xlsx"
    with path.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(good_workbook())).encrypt("1234", out)
    assert "設有開啟密碼" in refused(path, capsys)


def test_old_xls_renamed(tmp_path: Path, capsys) -> None:
    book = xlwt.Workbook()
    book.add_sheet("評核表").write(0, 0, "評核項目")
    path = tmp_path / "old.xlsx"
    book.save(str(path))
    assert "Excel 97-2003 活頁簿（.xls）" in refused(path, capsys)


def test_word_file_renamed(tmp_path: Path, capsys) -> None:
    path = tmp_path / "table.xlsx"
    Document().save(str(path))
    assert "看起來是Word 文件" in refused(path, capsys)


@pytest.mark.parametrize(("damage", "expected"), [
    ("truncated", "不是有效的 Excel 活頁簿"), ("garbage", "看起來是網頁檔（HTML）"),
    ("empty", "是空檔案"), ("bad-part", "損壞")])
def test_corrupt_file(tmp_path: Path, capsys, damage: str, expected: str) -> None:
    data = good_workbook()
    path = tmp_path / "broken.xlsx"
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"<html>not a workbook</html>" * 10)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        rewrite_part(data, path, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>")
    assert expected in refused(path, capsys)


def test_zip_bomb(tmp_path: Path, capsys) -> None:
    """20 MB of one byte packs into ~20 KB (1000 : 1); refused from the zip directory alone."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(io.BytesIO(good_workbook())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part in src.infolist():
            out.writestr(part, src.read(part))
        out.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    assert "壓縮炸彈" in refused(path, capsys)


ENTITIES = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')


def with_entities(tmp_path: Path) -> Path:
    """The good workbook with a billion-laughs style DOCTYPE in its sheet, used in the last cell."""
    data = good_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        xml = src.read("xl/worksheets/sheet1.xml")
    tail = b"</t></is></c></row></sheetData>"
    assert xml.count(tail) == 1
    path = tmp_path / "entities.xlsx"
    rewrite_part(data, path, "xl/worksheets/sheet1.xml", ENTITIES + xml.replace(tail, b"&c;" + tail))
    return path


def rewrite_part(data: bytes, path: Path, name: str, content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part in src.infolist():
            out.writestr(part, content if part.filename == name else src.read(part))


def test_xml_entities_refused(tmp_path: Path, capsys) -> None:
    assert "XML 實體宣告（DOCTYPE）" in refused(with_entities(tmp_path), capsys)


def test_openpyxl_parses_through_defusedxml(tmp_path: Path) -> None:
    """The second line of defence, should a DOCTYPE slip past the prolog check."""
    assert openpyxl.xml.DEFUSEDXML
    with pytest.raises(ValueError, match="Unable to read workbook") as caught:
        load_workbook(with_entities(tmp_path))
    assert isinstance(caught.value.__context__, defusedxml.DefusedXmlException)
