"""A report renamed, deleted or replaced under an open store is noticed; its text is not lost."""

import shutil
from pathlib import Path

import pytest

from sqeditor.errors import ReportFileError
from sqeditor.store import FieldEdit, ReportStore
from sqeditor.store.file_status import FileStatus


def edit_first_row(store: ReportStore, text: str) -> FieldEdit:
    edit = FieldEdit(next(store.load().rows()).id, "comment", text)
    store.apply([edit], "輸入文字")
    return edit


def test_a_file_that_stays_put_is_present(sample_file):
    with ReportStore.open(sample_file) as store:
        assert store.file_status() is FileStatus.PRESENT
        edit_first_row(store, "照常存檔")
        assert store.file_status() is FileStatus.PRESENT


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_vanished_file_is_noticed_and_its_content_saved_elsewhere(sample_file, tmp_path, how):
    store = ReportStore.open(sample_file)
    edit_first_row(store, "消失前的內容")
    if how == "deleted":
        sample_file.unlink()
    else:
        sample_file.rename(tmp_path / "改名.sqreport")
    assert store.file_status() is FileStatus.MISSING
    with pytest.raises(ReportFileError, match="已被移走、改名或刪除"):
        edit_first_row(store, "寫進看不見的檔案")
    rescued = tmp_path / "另存.sqreport"
    store.backup_to(rescued)  # 另存新檔 still works from the open file
    store.close()
    with ReportStore.open(rescued) as copy:
        assert next(copy.load().rows()).comment == "消失前的內容"


def test_a_file_replaced_under_the_same_name_is_not_written_to(sample_file, tmp_path):
    other = tmp_path / "colleague.sqreport"
    shutil.copyfile(sample_file, other)
    with ReportStore.open(sample_file) as store:
        other.replace(sample_file)  # a colleague saves another copy over it
        before = Path(sample_file).read_bytes()
        assert store.file_status() is FileStatus.REPLACED
        with pytest.raises(ReportFileError, match="另一個同名檔案取代"):
            edit_first_row(store, "不該寫進別人的檔案")
        assert sample_file.read_bytes() == before
