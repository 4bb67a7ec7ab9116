"""What an export may be asked for, shared by every exporter and by printing.

Choosing a reader or writer by a file's extension is sqeditor.file_formats, above both
exchange and printing (PDF is drawn with Qt)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqeditor.exchange.revision_pieces import Version


@dataclass
class ExportOptions:
    """What a coordinator may ask of an export (formats ignore what does not apply)."""

    sections: list[int] = field(default_factory=list)  # indexes; empty means all
    unit: str = ""  # only this unit's rows
    draft: bool = False  # mark empty results （未填） and show each row's unit
    landscape: bool = False
    # last period's paragraphs per row of a linked report (None: not linked): the xlsx 進度 sheet
    # counts rows rewritten and carried over, and the Word export can mark what changed
    last_texts: Mapping[str, Sequence[str]] | None = None
    against_last: bool = False  # Word: this period's text as revisions of last period's
    export_id: str = ""  # written into the file when the report records what this export held
    # Word: per row, its result's versions (first to now), shown as tracked changes
    revisions: Mapping[str, Sequence[Version]] = field(default_factory=dict)
