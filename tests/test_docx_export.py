"""The exported .docx read as XML: the structure docs/word-layout.md asks for."""

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from sqeditor.cli import main
from sqeditor.exchange.docx_export import export_docx
from sqeditor.exchange.formats import ExportOptions
from sqeditor.exchange.layout import COLUMN_WIDTHS_MM, mm_to_twips
from sqeditor.model import NodeKind, Report
from sqeditor.model.report import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {n: etree.fromstring(archive.read(n)) for n in archive.namelist() if n.endswith(".xml")}


@pytest.fixture
def exported(tmp_path: Path, sample_report: Report) -> dict[str, etree._Element]:
    path = tmp_path / "sample.docx"
    export_docx(sample_report, path)
    return parts(path)


def table(document: etree._Element) -> etree._Element:
    tables = document.findall(".//w:tbl", NS)
    assert len(tables) == 1
    return tables[0]


def test_header_row_repeats_and_only_the_first(exported):
    rows = table(exported["word/document.xml"]).findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    texts = ["".join(tc.itertext()) for tc in rows[0].findall("w:tc", NS)]
    assert texts == ["評核項目", "評核指標", "次評核指標/參考標準", "評核結果說明"]


def test_merges_and_section_rows(exported, sample_report):
    tbl = table(exported["word/document.xml"])
    restarts = tbl.findall(".//w:vMerge[@w:val='restart']", NS)
    kinds = [n.kind for n in sample_report.walk()]
    assert len(restarts) == kinds.count(NodeKind.ITEM) + kinds.count(NodeKind.INDICATOR)
    spans = tbl.findall(".//w:gridSpan", NS)
    assert [s.get(f"{W}val") for s in spans] == ["4"] * len(sample_report.sections)
    section_texts = ["".join(s.getparent().getparent().itertext()) for s in spans]
    assert section_texts == ["一、基礎服務", "二、服務遞送", "三、服務量能", "四、服務評價", "五、開放創新"]
    body_rows = [r for r in tbl.findall("w:tr", NS)[1:] if r.find(".//w:gridSpan", NS) is None]
    assert len(body_rows) == sum(1 for _ in sample_report.rows())
    assert all(len(r.findall("w:tc", NS)) == 4 for r in body_rows)


def test_widths_in_grid_and_every_cell(exported):
    tbl = table(exported["word/document.xml"])
    grid = [int(c.get(f"{W}w")) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert grid == [mm_to_twips(w) for w in COLUMN_WIDTHS_MM]
    assert tbl.find("w:tblPr/w:tblLayout", NS).get(f"{W}type") == "fixed"
    for tc in tbl.iter(f"{W}tc"):
        assert tc.find("w:tcPr/w:tcW", NS) is not None


def test_every_run_in_kai_with_taiwan_language(exported):
    for name in ("word/document.xml", "word/footer1.xml"):
        runs = list(exported[name].iter(f"{W}r"))
        assert runs
        for run in runs:
            fonts = run.find("w:rPr/w:rFonts", NS)
            assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"標楷體"}
            assert run.find("w:rPr/w:lang", NS).get(f"{W}eastAsia") == "zh-TW"


def test_no_theme_fonts_or_japanese_language_left(exported):
    for name, root in exported.items():
        for fonts in root.iter(f"{W}rFonts"):
            assert not [a for a in fonts.attrib if a.endswith("Theme")], name
        assert root.find(".//w:themeFontLang", NS) is None, name
        assert b"ja-JP" not in etree.tostring(root), name
    defaults = exported["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults.get(f"{W}eastAsia") == "標楷體"


def test_page_is_a4_with_margins_and_page_number_footer(exported):
    sect = exported["word/document.xml"].find(".//w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert abs(int(size.get(f"{W}w")) - 11906) <= 1 and abs(int(size.get(f"{W}h")) - 16838) <= 1
    margins = sect.find("w:pgMar", NS)
    assert abs(int(margins.get(f"{W}top")) - mm_to_twips(20)) <= 1
    assert abs(int(margins.get(f"{W}left")) - mm_to_twips(18)) <= 1
    footer = exported["word/footer1.xml"]
    codes = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    text = "".join(t.text for t in footer.iter(f"{W}t"))
    assert text == "第 1 頁，共 1 頁"


def test_title_metadata_lines_and_properties(exported):
    paragraphs = exported["word/document.xml"].findall("w:body/w:p", NS)
    texts = ["".join(p.itertext()) for p in paragraphs]
    assert texts == ["經濟部 110 年度下半年提升服務品質自行評核項目及結果說明",
                     "機關名稱：經濟部工業局", "資料截止日期：110年12月10日"]
    assert paragraphs[0].find("w:pPr/w:jc", NS).get(f"{W}val") == "center"
    core = etree.tostring(exported["docProps/core.xml"], encoding="unicode")
    assert "經濟部 110 年度下半年提升服務品質" in core and "經濟部工業局" in core
    app = etree.tostring(exported["docProps/app.xml"], encoding="unicode")
    assert "<Company>經濟部工業局</Company>" in app


def test_results_have_computed_markers_and_hanging_indents(exported):
    tbl = table(exported["word/document.xml"])
    paragraphs = [p for p in tbl.iter(f"{W}p") if p.find("w:r/w:tab", NS) is not None]
    assert paragraphs
    first = paragraphs[0]
    assert first.find("w:r/w:t", NS).text == "1."
    indent = first.find("w:pPr/w:ind", NS)
    assert (indent.get(f"{W}left"), indent.get(f"{W}hanging")) == ("480", "480")
    all_text = "".join(tbl.itertext())
    # The sample's bare '3 ' marker is drawn as the computed '3.'.
    assert "3 定期辦理" not in all_text


def test_options_filter_mark_and_turn_the_page(tmp_path, sample_report):
    rows = list(sample_report.rows())
    rows[0].unit = "資訊室"
    rows[0].result = []
    path = tmp_path / "draft.docx"
    export_docx(sample_report, path, ExportOptions(unit="資訊室", draft=True, landscape=True))
    document = parts(path)["word/document.xml"]
    text = "".join(table(document).itertext())
    assert "（未填）" in text and "（承辦單位：資訊室）" in text
    assert len(table(document).findall("w:tr", NS)) == 3  # header, section, the one row
    size = document.find(".//w:sectPr/w:pgSz", NS)
    assert size.get(f"{W}orient") == "landscape" and int(size.get(f"{W}w")) > int(size.get(f"{W}h"))
    grid = [int(c.get(f"{W}w")) for c in document.findall(".//w:gridCol", NS)]
    assert abs(sum(grid) - mm_to_twips(297 - 36)) <= 4

    path = tmp_path / "one.docx"
    export_docx(sample_report, path, ExportOptions(sections=[2]))
    spans = table(parts(path)["word/document.xml"]).findall(".//w:gridSpan", NS)
    assert ["".join(s.getparent().getparent().itertext()) for s in spans] == ["三、服務量能"]


def test_cli_export_writes_docx_through_formats(tmp_path, sample_file):
    out = tmp_path / "out.docx"
    assert main(["export", str(sample_file), "-o", str(out), "--section", "1"]) == 0
    assert zipfile.is_zipfile(out)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]



def test_package_keeps_no_template_leftovers(tmp_path, sample_report):
    """No blank thumbnail, Japanese theme or font table: the font table names 標楷體 only."""
    path = tmp_path / "clean.docx"
    export_docx(sample_report, path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        blobs = {n: archive.read(n) for n in names}
    assert "docProps/thumbnail.jpeg" not in names
    assert not [n for n in names if n.endswith((".jpeg", ".jpg", ".png")) or "theme" in n]
    for name, blob in blobs.items():
        for japanese in ("ＭＳ".encode(), b"Mincho", b"ja-JP", b"Jpan"):
            assert japanese not in blob, (name, japanese)
    fonts = etree.fromstring(blobs["word/fontTable.xml"]).findall("w:font", NS)
    assert [f.get(f"{W}name") for f in fonts] == ["標楷體"]
    assert fonts[0].find("w:altName", NS).get(f"{W}val") == "DFKai-SB"
    for rels in [n for n in names if n.endswith(".rels")]:  # every internal target is in the zip
        base = rels.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
        for rel in etree.fromstring(blobs[rels]):
            if rel.get("TargetMode") != "External":
                target = Path(base, rel.get("Target")).as_posix()
                assert os.path.normpath(target) in names, (rels, target)
    assert b"jpeg" not in blobs["[Content_Types].xml"]


def test_control_characters_in_texts_are_dropped(tmp_path, sample_report):
    row = next(sample_report.rows())
    row.title = "訂定\x0b標準\x07流程"
    row.result = [Paragraph("第一點\x0b續", 1)]
    path = tmp_path / "control.docx"
    export_docx(sample_report, path)
    text = "".join(table(parts(path)["word/document.xml"]).itertext())
    assert "訂定標準流程" in text and "第一點續" in text
