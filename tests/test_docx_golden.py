"""The exported Word parts against committed references, so a layout change shows as a diff.

Volatile parts are masked (rsids, relationship ids); timestamps live only in docProps/core.xml,
which is not compared. After an intended layout change, write the references again and review
the diff before committing:

    SQEDITOR_UPDATE_GOLDEN=1 python -m pytest -q tests/test_docx_golden.py
"""

import difflib
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from sqeditor.exchange.docx_export import export_docx
from tests.list_report import list_report

REFERENCE = Path(__file__).parent / "reference" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PARTS = ("word/document.xml", "word/footer1.xml", "word/fontTable.xml", "word/settings.xml")
UPDATE = os.environ.get("SQEDITOR_UPDATE_GOLDEN") == "1"


def normalised(root: etree._Element) -> str:
    """Indented XML without revision-save ids; relationship ids as 'rId'."""
    for rsids in [*root.iter(f"{W}rsids"), *root.iter(f"{W}rsid")]:
        rsids.getparent().remove(rsids)
    for element in root.iter():
        for name in list(element.attrib):
            if name.startswith(f"{W}rsid"):
                del element.attrib[name]
            elif name == R_ID:
                element.set(name, "rId")
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


def style_defaults(styles: etree._Element) -> etree._Element:
    """The parts of styles.xml the export sets: document defaults and the Normal style."""
    root = etree.Element(f"{W}styles", nsmap={"w": W[1:-1]})
    root.append(styles.find(f"{W}docDefaults"))
    root.append(next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal"))
    return root


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = tmp_path_factory.mktemp("golden") / "report.docx"
    export_docx(list_report(), path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: normalised(etree.fromstring(archive.read(name))) for name in PARTS}
        styles = etree.fromstring(archive.read("word/styles.xml"))
    parts["word/styles.xml"] = normalised(style_defaults(styles))
    return parts


@pytest.mark.parametrize("name", [*PARTS, "word/styles.xml"])
def test_part_matches_reference(exported, name):
    reference = REFERENCE / name
    if UPDATE:
        reference.parent.mkdir(parents=True, exist_ok=True)
        reference.write_text(exported[name], encoding="utf-8")
    expected = reference.read_text(encoding="utf-8")
    if exported[name] != expected:
        diff = difflib.unified_diff(expected.splitlines(), exported[name].splitlines(),
                                    f"reference/{name}", f"exported/{name}", lineterm="", n=2)
        pytest.fail("layout changed (SQEDITOR_UPDATE_GOLDEN=1 writes the new reference):\n"
                    + "\n".join(list(diff)[:80]))
