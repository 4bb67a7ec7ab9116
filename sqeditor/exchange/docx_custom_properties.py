"""Custom document properties (docProps/custom.xml) of a Word file python-docx is building.

python-docx has no API for them, so the part is written with lxml and added to the package
through its OPC layer. Word and LibreOffice keep custom properties when a unit edits the file
and saves it again (檔案 → 資訊 → 內容 → 進階內容 → 自訂 shows them), which is how a returned
file still names the report and the export it came from.
"""

from __future__ import annotations

from collections.abc import Mapping

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from lxml import etree

from sqeditor.exchange.xml_text import xml_text

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every custom property carries: the user-defined property set's.
_USER_DEFINED_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_FIRST_PID = 2  # 0 and 1 are reserved


def set_custom_properties(package: OpcPackage, properties: Mapping[str, str]) -> None:
    """Replace the package's custom properties by these text properties (none: no part)."""
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[r_id]
    if not properties:
        return
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(properties.items(), start=_FIRST_PID):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                fmtid=_USER_DEFINED_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = xml_text(value)
    part = XmlPart(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, root, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
