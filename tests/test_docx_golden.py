"""The exported Word parts compared with references kept in tests/reference/docx/.

A change to the layout (indents, widths, merges, fonts, page setup) shows as a diff of those
files. After a deliberate change, write them again and review the diff before committing:

    python -m tests.test_docx_golden

Volatile parts are masked (revision-save ids, relationship ids); the package's dates
(docProps) are not compared. Of styles.xml only what the export sets is kept: the document
defaults and the Normal style.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from sqeditor.exchange.docx_export import export_docx
from tests.list_report import list_report

REFERENCE = Path(__file__).resolve().parent / "reference" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PARTS = ["word/document.xml", "word/footer1.xml", "word/fontTable.xml", "word/settings.xml",
         "word/styles.xml"]


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


def exported_parts(folder: Path) -> dict[str, str]:
    path = folder / "golden.docx"
    export_docx(list_report(), path)
    with zipfile.ZipFile(path) as archive:
        roots = {name: etree.fromstring(archive.read(name)) for name in PARTS}
    roots["word/styles.xml"] = style_defaults(roots["word/styles.xml"])
    return {name: normalised(root) for name, root in roots.items()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return exported_parts(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("part", PARTS)
def test_part_matches_the_reference(exported, part):
    reference = REFERENCE / part
    assert reference.exists(), f"no reference for {part}: python -m tests.test_docx_golden"
    expected = reference.read_text(encoding="utf-8")
    if exported[part] != expected:
        diff = difflib.unified_diff(expected.splitlines(), exported[part].splitlines(),
                                    f"reference/{part}", f"exported/{part}", lineterm="", n=2)
        pytest.fail(f"{part} differs from {reference}; if the change is meant, run "
                    "python -m tests.test_docx_golden and review the diff:\n" + "\n".join(list(diff)[:80]))


def write_references() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for part, text in exported_parts(Path(tmp)).items():
            reference = REFERENCE / part
            reference.parent.mkdir(parents=True, exist_ok=True)
            reference.write_text(text, encoding="utf-8")
            print(f"wrote {reference}", file=sys.stderr)


if __name__ == "__main__":
    write_references()
