"""The author from everything the page says, besides the Vietnamese trailing byline.

Candidates, best first: JSON-LD ``author`` (object, list, ``name``; through trafilatura's
reader), ``meta[name=author]`` / ``article:author`` / ``dc.creator`` (a single token such
as a CMS account is not a name), the page's byline elements (``itemprop=author``,
``rel=author``, ``.byline``, ``.author``, author-page links such as ``/tac-gia/``,
"By/Von/Par/Por/Autor" lines; trafilatura's byline rules). Names are normalised: labels
and role notes dropped ("Hà Thu (tổng hợp)" → "Hà Thu"), several authors joined with
"; " as the peers do.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from ..textnorm import clean_inline
from .blocks import json_ld_objects
from .library import quiet_logs
from .text import element_text

_ROLE_NOTE = re.compile(
    r"\s*[(\[]\s*(?:tổng\s+hợp|tổng\s+hợp\s+và\s+biên\s+dịch|biên\s+dịch|lược\s+dịch|"
    r"dịch|thực\s+hiện|ghi|th|st|sưu\s+tầm|ctv|pv|bt|theo\s+[^)\]]+)\s*[)\]]\s*$",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:post\s+author|author|autor(?:in)?|auteur|written\s+by|posted\s+by|published\s+by|"
    r"veröffentlicht\s+von|geschrieben\s+von|ein\s+beitrag\s+von|publié\s+par|"
    r"escrito\s+por|publicado\s+por|by|von|vom|par|por|tác\s+giả|người\s+viết|"
    r"bài(?:\s+và\s+ảnh)?|tin(?:\s*,\s*ảnh)?)(?:\s*[:：]\s*|\s+|(?=[A-ZÀ-ÞĐ]))",
    re.IGNORECASE,
)
# What follows a name on a byline line: a date or time, "said", "More posts", a URL.
_TAIL = re.compile(
    r"(?:\s*,)?\s+(?:am|at|on|le|el|um|the|said|says|wrote|schrieb|Stand\s*:|More\s+Posts|"
    r"\d{1,2}[./:]\d|https?://|[|•·]).*$"
    r"|\s*[:,]\s*$"
)
_NOT_A_NAME = {"name", "no author", "author", "authors", "auteurs", "autor", "autoren",
               "admin", "administrator", "anonymous", "unknown", "guest", "redaktion"}
# A credited outlet, not a writer ("Theo TTXVN", "Nguồn: Báo Đồng Tháp", "Quelle: dpa").
_SOURCE_CREDIT = re.compile(r"^(?:theo|nguồn(?:\s+tin)?|source|quelle|fuente)(?!\w)",
                            re.IGNORECASE)
_ACCOUNT = re.compile(r"^[\w.\-@]+$")  # one token: a login ("quantri", "admin01")
MAX_AUTHOR = 120


def normalise_author(value: str | None, accounts: bool = True) -> str | None:
    """One author string: NFC, labels, role notes and what follows the name (a date,
    "said") out; URLs, form labels and (without ``accounts``) logins refused."""
    text = clean_inline(value)
    if not text or text.lower().startswith(("http://", "https://", "www.")) or (
            _SOURCE_CREDIT.match(text)):
        return None
    for _ in range(2):  # "Post author By Helge …"
        text = _POSTS_BY.sub("", _LABEL.sub("", text, count=1))
    text = _TAIL.sub("", text)
    text = _ROLE_NOTE.sub("", text).strip(" ,;|-–*")
    if text.casefold().rstrip(" *:()") in _NOT_A_NAME or text.endswith("(erforderlich)"):
        return None
    if not text or len(text) > MAX_AUTHOR or "@" in text or (
            not accounts and _ACCOUNT.match(text) and not text[:1].isupper()):
        return None
    return text


_META_AUTHOR = (
    "//meta[@name='author' or @name='Author' or @name='dc.creator' or @name='DC.creator' "
    "or @name='sailthru.author' or @name='parsely-author' or @property='article:author' "
    "or @name='article:author' or @name='byl']/@content"
)
_POSTS_BY = re.compile(r"^(?:view\s+all\s+posts|all\s+posts|posts|articles|beiträge|"
                       r"alle\s+beiträge)\s+(?:by|von)\s+", re.IGNORECASE)


def _names(value: Any) -> list[str]:
    """Author names in a JSON-LD ``author`` value (string, object, list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if isinstance(name, (str, list)) else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def json_ld_authors(root: HtmlElement) -> str | None:
    """The first JSON-LD object's ``author``, several names joined with "; "."""
    for item in json_ld_objects(root):
        names = [n for n in (normalise_author(x, accounts=False)
                             for x in _names(item.get("author"))) if n]
        if names:
            return "; ".join(dict.fromkeys(names))
    return None


def _meta_author(root: HtmlElement) -> str | None:
    for value in root.xpath(_META_AUTHOR):
        name = normalise_author(value, accounts=False)
        if name and " " in name:  # a one-word meta author is a CMS account, not a byline
            return name
    return None


def _byline_element(root: HtmlElement) -> str | None:
    """The first byline element by trafilatura's author rules (its data, our reading),
    outside the parts its rules discard (comments, related posts, …)."""
    try:
        from trafilatura.metadata import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS
    except ImportError:
        return None
    body = root.find("body")
    if body is None:
        return None
    discarded: set[HtmlElement] | None = None
    for expression in AUTHOR_XPATHS:
        for el in expression(body):
            if not isinstance(el, HtmlElement):
                continue
            if discarded is None:
                discarded = {d for x in AUTHOR_DISCARD_XPATHS for d in x(body)}
            if el in discarded or any(a in discarded for a in el.iterancestors()):
                continue
            name = normalise_author(element_text(el))
            if name and len(name) > 2:
                return name
    return None


def metadata_author(root: HtmlElement, elements: bool = True) -> str | None:
    """The author by metadata and (with ``elements``) byline elements (see the module
    docstring)."""
    quiet_logs()
    candidates = (json_ld_authors, _meta_author, _byline_element)
    for candidate in candidates if elements else candidates[:2]:
        try:
            name = candidate(root)
        except Exception:  # a library failure is a missing candidate, never a crash
            continue
        if name:
            return name
    return None
