"""Text XML 1.0 can hold, for every writer of Office XML (docx, xlsx)."""

from __future__ import annotations

import re

# The control characters (vertical tab, bell …) that text pasted from Word brings along,
# U+FFFE/U+FFFF, and halves of a character beyond U+FFFF: XML 1.0 has no way to write them.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """The text without what XML cannot hold."""
    return NOT_IN_XML.sub("", text)
