"""Text helpers behind the result editor: UTF-16 offsets, full-width marks, PDF cleaning, s2twp."""

import pytest

from sqeditor.chinese_text import is_chinese, to_taiwan_traditional
from sqeditor.gui.typing_helpers import clean_pdf_text, conversion_changes, full_width_for
from sqeditor.gui.utf16 import from_utf16, to_utf16


def test_utf16_offsets_count_astral_characters_twice():
    text = "申請人𠀋先生"
    assert to_utf16(text, len(text)) == 7  # the length in UTF-16 units
    assert [to_utf16(text, i) for i in range(len(text) + 1)] == [0, 1, 2, 3, 5, 6, 7]
    assert [from_utf16(text, u) for u in (0, 3, 5, 7)] == [0, 3, 4, 6]


def test_utf16_offsets_round_trip_on_bmp_text():
    text = "提升服務品質 abc"
    assert all(from_utf16(text, to_utf16(text, i)) == i for i in range(len(text) + 1))


@pytest.mark.parametrize(
    ("typed", "before", "expected"),
    [
        (",", "計12項", "，"),
        (".", "辦理完成", "。"),
        (";", "服務", "；"),
        (":", "網址", "："),
        ("(", "機關", "（"),
        (")", "機關（單位", "）"),
        (")", "（共3", "）"),
        (",", "申請人𠀋", "，"),
        (".", "圓周率3", None),
        (",", "English", None),
        (")", "see (A", None),
        ("(", "", None),
        ("a", "機關", None),
    ],
)
def test_full_width_only_after_chinese(typed, before, expected):
    assert full_width_for(typed, before) == expected


def test_is_chinese_covers_extension_b_and_punctuation():
    assert is_chinese("𠀋") and is_chinese("。") and is_chinese("）") and is_chinese("臺")
    assert not is_chinese("a") and not is_chinese("3") and not is_chinese(",")


def test_clean_pdf_text_joins_lines_and_removes_spaces():
    text = (
        "提高網站使用 便利性，受理件數於 110 年\n"
        "共 2, 896 件，較去年增加 3. 5%。\n"
        "\n"
        "1. 辦理 教育 訓練\n"
        "2. 建置 Web 網站並 提供\n"
        "English text 服務。\n"
        "3 定期辦理 檢討會議。"
    )
    assert clean_pdf_text(text) == [
        "提高網站使用便利性，受理件數於110年共2,896件，較去年增加3.5%。",
        "1. 辦理教育訓練",
        "2. 建置Web網站並提供English text服務。",
        "3 定期辦理檢討會議。",
    ]


def test_clean_pdf_text_keeps_english_words_apart_across_a_break():
    assert clean_pdf_text("open\ndata 平臺") == ["open data平臺"]


def test_taiwan_conversion_and_its_preview():
    old = "软件与网络服务"
    new = to_taiwan_traditional(old)
    assert new == "軟體與網路服務"
    changes = conversion_changes(2, old, new)
    assert all(change.paragraph == 2 for change in changes)
    rebuilt = old
    for change in reversed(changes):
        assert old[change.start : change.end] == change.old
        rebuilt = rebuilt[: change.start] + change.new + rebuilt[change.end :]
    assert rebuilt == new
