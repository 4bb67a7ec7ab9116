"""The export id an exported file carries, so a copy returned by a unit finds what it was given.

JSON holds it as a field; Office files as a custom document property (docProps/custom.xml),
which Word, Excel and LibreOffice keep when the file is edited and saved again.
"""

from __future__ import annotations

from zipfile import BadZipFile, ZipFile

from defusedxml import ElementTree

EXPORT_ID_FIELD = "export_id"  # JSON
EXPORT_ID_PROPERTY = "sqeditor 匯出編號"  # custom document property of .xlsx and .docx
REPORT_ID_PROPERTY = "sqeditor 報告編號"  # .docx: the report it was exported from
_CUSTOM_PART = "docProps/custom.xml"
_PROPERTY = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
_MAX_PART = 1 << 20  # custom properties are a few hundred bytes; a larger part is not read


def office_export_id(archive: ZipFile) -> str:
    """The export id in an Office file's custom properties ('' when it has none)."""
    return office_property(archive, EXPORT_ID_PROPERTY)


def office_property(archive: ZipFile, name: str) -> str:
    """A text custom property of an Office file ('' when it has none)."""
    try:
        info = archive.getinfo(_CUSTOM_PART)
        if info.file_size > _MAX_PART:
            return ""
        root = ElementTree.fromstring(archive.read(info))
    except (KeyError, BadZipFile, ElementTree.ParseError, ValueError):
        return ""
    for prop in root.iter(_PROPERTY):
        if prop.get("name") == name:
            return "".join(prop.itertext()).strip()
    return ""
