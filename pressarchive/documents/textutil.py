"""Tidying an engine's raw text: NFC, spaces collapsed within lines, blank runs to one."""

from __future__ import annotations

from pressarchive.textnorm import nfc

# C0 controls out (Word's field marks, bells, NULs), page and line breaks to newlines.
_CONTROLS = {code: None for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]}
_CONTROLS.update({0x0B: "\n", 0x0C: "\n"})


def tidy(text: str) -> str:
    """NFC text with each line's whitespace collapsed and at most one blank line in a row."""
    lines, blank = [], False
    for raw in nfc(text.translate(_CONTROLS)).splitlines():
        line = " ".join(raw.split())
        if line:
            lines.append(line)
            blank = False
        elif lines and not blank:
            lines.append("")
            blank = True
    return "\n".join(lines).strip("\n")


def letters(text: str) -> int:
    """How many letters and digits ``text`` has (what a page of real text is made of)."""
    return sum(ch.isalnum() for ch in text)
