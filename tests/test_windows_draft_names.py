"""Drafts split for units whose names Windows takes as one file must each keep their own file."""

from __future__ import annotations

import ntpath

import pytest

from sqeditor.merge.draft_names import draft_file_names, folded, windows_safe
from sqeditor.merge.split import split_drafts
from sqeditor.store import ReportStore

COLLIDING = ["IT室", "it室", "Ｉｔ室", "ｉｔ室", "秘書/總務", "秘書:總務", "資訊\t室", "CON", "總務室. "]


def test_every_unit_gets_a_name_windows_keeps_apart(sample_report):
    names = draft_file_names(sample_report, COLLIDING)
    assert list(names) == COLLIDING
    assert len({folded(n) for n in names.values()}) == len(COLLIDING)
    for name in names.values():
        assert ntpath.basename(name) == name  # no separator survives
        assert not any(ch in name for ch in '<>:"/\\|?*\t')
        assert not name.endswith((" ", "."))


def test_device_names_and_trailing_dots_are_made_safe():
    assert windows_safe("CON") == "_CON"
    assert windows_safe("aux.txt") == "_aux.txt"
    assert windows_safe("總務室. ") == "總務室"
    assert windows_safe("a\tb") == "a_b"


@pytest.mark.parametrize("units", [["IT室", "it室"], ["Ｉｔ室", "ｉｔ室"], ["秘書/總務", "秘書:總務"]])
def test_split_writes_one_draft_per_unit_even_when_names_fold_together(sample_file, tmp_path, units):
    out = tmp_path / "drafts"
    out.mkdir()
    paths = split_drafts(sample_file, units, out)
    assert len({folded(p.name) for p in paths}) == 2
    for unit, path in zip(units, paths, strict=True):
        with ReportStore.open(path, read_only=True) as store:
            assert store.load().draft.unit == unit
