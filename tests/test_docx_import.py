"""Reading the official table back: our own files, LibreOffice's, Word-numbered ones, bad ones."""

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import psutil
import pytest
from lxml import etree

from sqeditor.cli import main
from sqeditor.errors import ImportFormatError
from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.json_format import read_json
from sqeditor.file_formats import read_report, write_report
from sqeditor.model import Report, Status, strip_section_number
from sqeditor.store import ReportStore

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
W_DECL = f'xmlns:w="{W[1:-1]}"'


def content(report: Report) -> list:
    """Every title, standard and result paragraph (text and level), as the table shows them."""
    return [
        (strip_section_number(s.title), [
            (i.title, [(d.title, [(r.title, [(p.text, p.level) for p in r.result]) for r in d.children])
                       for d in i.children])
            for i in s.children])
        for s in report.sections
    ]


def rewrite(source: Path, target: Path, edit: Callable[[dict[str, etree._Element]], None]) -> Path:
    """Copy a .docx, letting `edit` change its parsed XML parts."""
    with zipfile.ZipFile(source) as archive:
        data = {n: archive.read(n) for n in archive.namelist()}
    trees = {n: etree.fromstring(b) for n, b in data.items() if n.endswith((".xml", ".rels"))}
    edit(trees)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in data.items():
            archive.writestr(name, etree.tostring(trees[name]) if name in trees else blob)
    return target


@pytest.fixture
def sample_docx(tmp_path: Path, sample_report: Report) -> Path:
    path = tmp_path / "sample.docx"
    export_docx(sample_report, path)
    return path


def assert_same_report(imported: Report, original: Report) -> None:
    assert content(imported) == content(original)
    assert imported.meta == original.meta


def test_round_trip_sample_docx_json(tmp_path, sample_report, sample_docx):
    """sample → docx → import → json → read: the same titles, standards and paragraphs."""
    imported = read_report(sample_docx)
    assert_same_report(imported, sample_report)
    assert {r.status for r in imported.rows()} <= {Status.DRAFT, Status.EMPTY}
    json_path = tmp_path / "again.json"
    write_report(imported, json_path)
    assert_same_report(read_json(json_path), sample_report)
    # The sample's two wrong literal markers ('3 ', a repeated '(3)') come back as computed ones.
    literals = [p.literal for r in sample_report.rows() for p in r.result if p.literal]
    assert literals == ["3 ", "(3)"]
    assert not [p for r in imported.rows() for p in r.result if p.literal]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_round_trip_through_libreoffice_resave(tmp_path, sample_report, sample_docx):
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "docx", "--outdir", str(out), str(sample_docx)],
        check=True, capture_output=True, timeout=120)
    resaved = out / "sample.docx"
    with zipfile.ZipFile(resaved) as archive:
        assert archive.read("word/document.xml") != zipfile.ZipFile(sample_docx).read("word/document.xml")
    assert_same_report(read_report(resaved), sample_report)


def _to_word_numbering(parts: dict[str, etree._Element]) -> None:
    """Replace literal markers with w:numPr, one w:num per result cell as Word does."""
    numbering = parts["word/numbering.xml"]
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate([("decimal", "%1."), ("decimal", "(%2)"),
                                         ("ideographTraditional", "%3、")]))
    abstract = f'<w:abstractNum {W_DECL} w:abstractNumId="77">{levels}</w:abstractNum>'
    numbering.insert(0, etree.fromstring(abstract))
    numbered = 0
    for cell_index, tc in enumerate(parts["word/document.xml"].iter(f"{W}tc")):
        num_id = str(900 + cell_index)
        for p in tc.findall("w:p", NS):
            marker_run = p.find("w:r[w:tab]", NS)
            if marker_run is None:
                continue
            marker_text = marker_run.find("w:t", NS)
            marker = marker_text.text
            ilvl = 1 if marker.startswith("(") else 2 if marker.endswith("、") else 0
            marker_run.remove(marker_text)  # the marker and its tab; the text stays
            marker_run.remove(marker_run.find("w:tab", NS))
            p.find("w:pPr", NS).insert(0, etree.fromstring(
                f'<w:numPr {W_DECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
            numbered += 1
        numbering.append(etree.fromstring(
            f'<w:num {W_DECL} w:numId="{num_id}"><w:abstractNumId w:val="77"/></w:num>'))
    assert numbered > 50


def test_round_trip_with_word_numbering(tmp_path, sample_report, sample_docx):
    path = rewrite(sample_docx, tmp_path / "numbered.docx", _to_word_numbering)
    assert_same_report(read_report(path), sample_report)


def _as_word_edits_it(parts: dict[str, etree._Element]) -> None:
    """Tracked insertions and deletions, content controls, split runs, explicit 'continue'."""
    document = parts["word/document.xml"]
    for vmerge in document.iter(f"{W}vMerge"):
        if vmerge.get(f"{W}val") is None:
            vmerge.set(f"{W}val", "continue")
    body_rows = [r for r in document.iter(f"{W}tr") if len(r.findall("w:tc", NS)) == 4][1:]
    result_p = body_rows[0].findall("w:tc", NS)[3].findall("w:p", NS)[0]
    text_run = result_p.findall("w:r", NS)[-1]
    ins = etree.SubElement(result_p, f"{W}ins", {f"{W}id": "1", f"{W}author": "科員"})
    result_p.remove(text_run)
    ins.append(text_run)
    deleted = etree.fromstring(f'<w:del {W_DECL} w:id="2"><w:r><w:delText>刪除的字</w:delText></w:r></w:del>')
    result_p.insert(2, deleted)
    standard_tc = body_rows[1].findall("w:tc", NS)[2]
    paragraph = standard_tc.find("w:p", NS)
    sdt = etree.fromstring(f"<w:sdt {W_DECL}><w:sdtPr/><w:sdtContent/></w:sdt>")
    paragraph.addprevious(sdt)
    sdt.find("w:sdtContent", NS).append(paragraph)
    run = body_rows[2].findall("w:tc", NS)[2].find("w:p/w:r", NS)
    text = run.find("w:t", NS).text
    run.find("w:t", NS).text = text[:3]
    tail = etree.fromstring(etree.tostring(run))
    tail.find("w:t", NS).text = text[3:]
    run.addnext(tail)


def test_tracked_changes_content_controls_and_split_runs(tmp_path, sample_report, sample_docx):
    path = rewrite(sample_docx, tmp_path / "edited.docx", _as_word_edits_it)
    imported = read_report(path)
    assert_same_report(imported, sample_report)
    assert "刪除的字" not in str(content(imported))


@pytest.mark.parametrize("carried_title", [True, False])
def test_table_continued_after_a_page_break(tmp_path, sample_report, sample_docx, carried_title):
    def split(parts):
        document = parts["word/document.xml"]
        tbl = document.find(".//w:tbl", NS)
        rows = tbl.findall("w:tr", NS)
        # split inside 服務友善性 / 提升服務設施合宜度 (6 rows), at its third row
        at = next(i for i, r in enumerate(rows) if "服務友善性" in "".join(r.itertext())) + 2
        second = etree.fromstring(etree.tostring(tbl))
        for row in second.findall("w:tr", NS)[1:at]:
            second.remove(row)
        for row in rows[at:]:
            tbl.remove(row)
        first_row = second.findall("w:tr", NS)[1]
        titles = ["服務友善性", "提升服務設施合宜度"]
        for tc, title in zip(first_row.findall("w:tc", NS)[:2], titles, strict=True):
            tc.find("w:tcPr/w:vMerge", NS).set(f"{W}val", "restart")
            if carried_title:
                tc.find("w:p", NS).append(etree.fromstring(f"<w:r {W_DECL}><w:t>{title}</w:t></w:r>"))
        page_break = etree.fromstring(f'<w:p {W_DECL}><w:r><w:br w:type="page"/></w:r></w:p>')
        tbl.addnext(page_break)
        page_break.addnext(second)

    path = rewrite(sample_docx, tmp_path / "split.docx", split)
    assert len(etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).findall(".//w:tbl", NS)) == 2
    assert_same_report(read_report(path), sample_report)


def test_without_results_keeps_the_criteria(sample_report, sample_docx):
    imported = read_report(sample_docx, results=False)
    assert all(not r.result and r.status is Status.EMPTY for r in imported.rows())
    assert [r.title for r in imported.rows()] == [r.title for r in sample_report.rows()]


def test_cli_import_with_and_without_results(tmp_path, sample_report, sample_docx):
    out = tmp_path / "new.sqreport"
    assert main(["import", str(sample_docx), "-o", str(out)]) == 0
    with ReportStore.open(out, read_only=True) as store:
        assert content(store.load()) == content(sample_report)
    bare = tmp_path / "bare.sqreport"
    assert main(["import", str(sample_docx), "-o", str(bare), "--no-results"]) == 0
    with ReportStore.open(bare, read_only=True) as store:
        assert not any(r.result for r in store.load().rows())


# --- refused input -----------------------------------------------------------------------

def _letter(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("王先生您好：")
    document.add_paragraph("來函敬悉，謹此回覆。")
    document.save(path)


def _empty(path: Path) -> None:
    docx.Document().save(path)


def _other_table(path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["姓名", "電話", "地址"], strict=True):
        cell.text = text
    document.save(path)


def _corrupt_zip(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes()[: sample.stat().st_size // 2])


def _corrupt_member(path: Path, sample: Path) -> None:
    blob = bytearray(sample.read_bytes())
    with zipfile.ZipFile(sample) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 200
    blob[start:start + 400] = bytes(400)
    path.write_bytes(bytes(blob))


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (40 * 1024 * 1024))


def _not_zip(path: Path) -> None:
    path.write_text("這只是一個改了副檔名的文字檔。", encoding="utf-8")


def _package(path: Path, document_xml: str) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/document.xml", document_xml)


def _billion_laughs(path: Path) -> None:
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    _package(path, f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
                   f'<w:document {W_DECL}><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body>'
                   '</w:document>')


def _external_entity(path: Path) -> None:
    _package(path, '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   f'<w:document {W_DECL}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')


BAD_INPUTS = {
    "letter": (_letter, "不是評核報告"),
    "empty": (_empty, "不是評核報告"),
    "other-table": (_other_table, "姓名、電話、地址"),
    "corrupt-zip": (_corrupt_zip, "不是有效的 zip"),
    "corrupt-member": (_corrupt_member, "已損毀"),
    "zip-bomb": (_zip_bomb, "壓縮炸彈"),
    "not-zip": (_not_zip, "純文字檔"),
    "billion-laughs": (_billion_laughs, "DTD"),
    "external-entity": (_external_entity, "DTD"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_refused_and_nothing_written(tmp_path, sample_docx, case, capsys):
    build, expected = BAD_INPUTS[case]
    source = tmp_path / f"{case}.docx"
    if build in (_corrupt_zip, _corrupt_member):
        build(source, sample_docx)
    else:
        build(source)
    with pytest.raises(ImportFormatError) as error:
        read_report(source)
    assert expected in error.value.message and source.name in error.value.message
    held = {Path(f.path) for f in psutil.Process().open_files()}
    assert source not in held  # Windows could not move or delete a file still open
    out = tmp_path / "out.sqreport"
    assert main(["import", str(source), "-o", str(out)]) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("out")] == []


def test_zip_bomb_refused_from_the_directory_before_decompressing(tmp_path):
    """A directory that declares a huge size is refused without reading the member."""
    source = tmp_path / "declared.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"x" * 1000)
    blob = bytearray(buffer.getvalue())
    directory = blob.rindex(b"PK\x01\x02")
    blob[directory + 24:directory + 28] = (3 * 1024 ** 3).to_bytes(4, "little")  # uncompressed size
    source.write_bytes(bytes(blob))
    with pytest.raises(ImportFormatError, match="壓縮炸彈"):
        read_report(source)


def test_draft_export_reads_back_units_and_no_placeholder(tmp_path, sample_report):
    rows = list(sample_report.rows())
    rows[0].unit, rows[1].unit, rows[1].result = "資訊室", "秘書室", []
    path = tmp_path / "draft.docx"
    export_docx(sample_report, path, ExportOptions(draft=True))
    imported = list(read_report(path).rows())
    assert [r.unit for r in imported[:3]] == ["資訊室", "秘書室", ""]
    assert imported[1].result == [] and imported[1].status is Status.EMPTY
    assert [r.title for r in imported] == [r.title for r in rows]


def test_table_typed_without_merges(tmp_path, sample_report, sample_docx):
    """Every row repeats its item and indicator title; no vMerge at all."""
    def unmerge(parts):
        document = parts["word/document.xml"]
        titles: dict[int, etree._Element] = {}
        for row in document.iter(f"{W}tr"):
            cells = row.findall("w:tc", NS)
            for column, tc in enumerate(cells[:2] if len(cells) == 4 else []):
                vmerge = tc.find("w:tcPr/w:vMerge", NS)
                if vmerge is None:
                    continue
                if vmerge.get(f"{W}val") == "restart":
                    titles[column] = tc.find("w:p", NS)
                else:
                    tc.replace(tc.find("w:p", NS), etree.fromstring(etree.tostring(titles[column])))
                vmerge.getparent().remove(vmerge)

    path = rewrite(sample_docx, tmp_path / "flat.docx", unmerge)
    assert b"vMerge" not in zipfile.ZipFile(path).read("word/document.xml")
    assert_same_report(read_report(path), sample_report)
