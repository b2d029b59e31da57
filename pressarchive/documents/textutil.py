"""Tidying an engine's raw text: NFC, spaces collapsed within lines, blank runs to one."""

from __future__ import annotations

from pressarchive.textnorm import nfc


def tidy(text: str) -> str:
    """NFC text with each line's whitespace collapsed and at most one blank line in a row."""
    lines, blank = [], False
    for raw in nfc(text.replace("\x00", "")).splitlines():
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
