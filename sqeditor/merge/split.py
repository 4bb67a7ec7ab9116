"""Splitting a report into one draft file per unit, each carrying its base for the merge back."""

from __future__ import annotations

import copy
import itertools
import json
from datetime import datetime
from pathlib import Path

from sqeditor.atomic_output import atomic_output
from sqeditor.errors import SqeditorError
from sqeditor.merge.draft_names import draft_file_names, numbered_draft_name
from sqeditor.model import DraftInfo, Node, NodeKind, Report
from sqeditor.model.report import new_id
from sqeditor.store import MetaEdit, ReportStore
from sqeditor.store.drafts import fill_draft
from sqeditor.store.lock import lock_path
from sqeditor.store.report_store import DRAFT_UNLOCKED_KEY
from sqeditor.store.result_history import record_split
from sqeditor.store.snapshot import Snapshot, take_snapshot


def split_drafts(source: ReportStore | Path | str, units: list[str], out_dir: Path | str) -> list[Path]:
    """Write one draft per unit into out_dir; return their paths in the order of units.

    A draft already in the folder is never replaced (it may be filled in, or open in the
    unit's editor): the new one is written beside it as '…-草稿（2）.sqreport'.
    """
    out_dir = Path(out_dir)
    if isinstance(source, ReportStore):
        report = source.load()
    else:
        with ReportStore.open(source, read_only=True) as store:
            report = store.load()
    if report.draft is not None:
        raise SqeditorError(f"這個檔案本身是「{report.draft.unit}」的草稿，請由原報告分割。")
    if not units:
        raise SqeditorError("請至少指定一個承辦單位。")
    if not out_dir.is_dir():
        raise SqeditorError(f"找不到資料夾「{out_dir}」。")
    split_at = datetime.now().replace(microsecond=0)
    base = take_snapshot(report)
    names = draft_file_names(report, list(dict.fromkeys(units)))
    paths = [_write_draft(report, base, unit, split_at, out_dir / name) for unit, name in names.items()]
    if isinstance(source, ReportStore):
        record_split(source, split_at)  # a review export can show what units wrote since
    return paths


def _write_draft(report: Report, base: Snapshot, unit: str, split_at: datetime, target: Path) -> Path:
    draft = copy.deepcopy(report)
    draft.id = new_id()
    draft.draft = DraftInfo(unit=unit, source_report_id=report.id, split_at=split_at)
    if unit not in draft.units:
        draft.units.append(unit)
    base_name = target.name.removesuffix(".sqreport")
    for number in itertools.count(1):
        target = target.with_name(numbered_draft_name(base_name, number))
        if target.exists() or lock_path(target).exists():
            continue  # a unit's earlier draft, maybe filled in or open: never replaced
        try:
            with atomic_output(target, replace=False) as tmp:
                fill_draft(tmp, draft, base)
        except FileExistsError:
            continue
        return target
    raise AssertionError("unreachable")


def draft_row_editable(report: Report, node: Node) -> bool:
    """In a draft only the unit's own rows are editable, and rows its clerk unlocked one by one."""
    if report.draft is None or node.id in report.draft.unlocked:
        return True
    return node.kind is NodeKind.STANDARD and node.unit == report.draft.unit


def unlock_edit(report: Report, node: Node) -> MetaEdit:
    """Unlocking another unit's row in a draft, recorded in the draft (the merge then treats
    every change to it as a conflict and names it)."""
    assert report.draft is not None
    unlocked = sorted(report.draft.unlocked | {node.id})
    return MetaEdit(DRAFT_UNLOCKED_KEY, json.dumps(unlocked, ensure_ascii=False))
