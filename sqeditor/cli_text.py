"""Command-line text in Traditional Chinese, or English when the locale names another language.

The core cannot use Qt's translator, so the command line picks between two strings. Chinese is
the default (also under the C/POSIX locale): the clerks are in Taiwan.
"""

import os


def _chinese_locale() -> bool:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").split(":")[0].lower()
        if value and value not in ("c", "posix") and not value.startswith("c."):
            return value.startswith("zh")
    return True


CHINESE = _chinese_locale()


def tr(zh: str, en: str) -> str:
    """The Chinese text, or the English one under a non-Chinese locale."""
    return zh if CHINESE else en
