"""People in a byline: "Thanh Hà - Ngọc Lan" is two authors, "PV" none.

A byline (``articles.author``, kept as printed) is split at " - ", ", ", " và ", " & ",
";" and "/"; each part is a person's name or a role word (reporter, collaborator, editor,
the national news agency), which goes into ``role``: of the person it stands beside
("Minh Tâm (PV)", "PV Minh Tâm", "Minh Tâm - CTV"), or alone when the byline names no one.
Pure text: the archive stores the result in ``article_authors``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textnorm import clean_inline, fold_marks

# Role words as printed in bylines (lower case, marks kept) → the shorthand stored.
ROLES = {
    "pv": "PV", "phóng viên": "PV", "nhóm pv": "PV", "nhóm phóng viên": "PV",
    "ctv": "CTV", "cộng tác viên": "CTV", "nhóm ctv": "CTV",
    "btv": "BTV", "biên tập viên": "BTV",
    "ktv": "KTV", "kỹ thuật viên": "KTV",
    "ttv": "TTV", "thông tín viên": "TTV",
    "pv-ctv": "PV-CTV", "pv/ctv": "PV-CTV",
    "ttxvn": "TTXVN", "vna": "TTXVN",
}
_SEPARATOR = re.compile(r"\s+[-–]\s+|\s*[,;/&]\s*|\s+và\s+", re.IGNORECASE)
_IN_PARENS = re.compile(r"^(?P<name>.*?)\s*[(\[](?P<role>[^()\[\]]+)[)\]]$")
_LEADING_ROLE = re.compile(
    r"^(?P<role>" + "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))
    + r")\s*[:.]?\s+(?P<name>\S.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Credit:
    """One person of a byline (``name`` as printed) and/or a role shorthand."""

    name: str | None
    role: str | None


def fold_name(text: str) -> str:
    """A name as ``--author`` compares it without marks: lower case, marks and đ folded."""
    return fold_marks(clean_inline(text)).lower()


def _role(text: str) -> str | None:
    return ROLES.get(" ".join(text.lower().split()).strip(" .:"))


def _part(text: str) -> Credit | None:
    text = text.strip(" .:-–")
    if not text:
        return None
    role = _role(text)
    if role:
        return Credit(None, role)
    match = _IN_PARENS.match(text)
    if match and _role(match["role"]) and match["name"]:
        return Credit(match["name"].strip(), _role(match["role"]))
    match = _LEADING_ROLE.match(text)
    if match:
        return Credit(match["name"].strip(), _role(match["role"]))
    return Credit(text, None)


def split_byline(byline: str | None) -> list[Credit]:
    """The people (and role words) of a byline, in printed order. A role word standing
    alone goes to the person before it without a role, else the next one; a byline
    of role words only gives credits without a name."""
    parts = [p for p in (_part(t) for t in _SEPARATOR.split(clean_inline(byline)))
             if p is not None]
    people: list[Credit] = []
    waiting: list[str] = []
    for part in parts:
        if part.name is None:
            if people and people[-1].role is None:
                people[-1] = Credit(people[-1].name, part.role)
            else:
                waiting.append(part.role or "")
            continue
        if part.role is None and waiting:
            part = Credit(part.name, waiting.pop(0))
        people.append(part)
    return people + [Credit(None, role) for role in dict.fromkeys(waiting)]
