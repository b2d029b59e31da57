"""trafilatura's main-content pick, as one body candidate among others.

trafilatura (already a dependency) is run on the page we parsed (it works on a copy) and
its output tree (``<p>``, ``<head>``, ``<list><item>``, ``<quote>``, ``<table><row><cell>``,
``<graphic>``) is turned into the same blocks the container walker yields, so the
Vietnamese post-processing (captions, byline, date line, chrome) runs on whichever
candidate wins (see ``content.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from ..textnorm import clean_inline


def quiet_logs() -> None:
    """trafilatura logs every page it refuses at WARNING: a candidate missing, not news."""
    for name in ("trafilatura", "htmldate"):
        logger = logging.getLogger(name)
        if logger.level < logging.ERROR:
            logger.setLevel(logging.ERROR)

_TEXT_TAGS = {"p", "head", "quote", "code", "item", "cell"}


@dataclass
class LibraryBlock:
    kind: str  # text | image
    text: str = ""
    url: str = ""
    caption: str | None = None
    heading: bool = False
    row: bool = False  # a table row


def _text(el: etree._Element) -> str:
    """Text of an output element; ``<lb/>`` is a line break, inline tags join."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            parts.append(" " if node.tag == "lb" else (node.text or ""))
        elif node is not el:
            parts.append(node.tail or "")
    return clean_inline("".join(parts))


def _blocks(body: etree._Element, base_url: str) -> list[LibraryBlock]:
    blocks: list[LibraryBlock] = []

    def image(el: etree._Element) -> None:
        src = (el.get("src") or "").strip()
        if src and not src.startswith("data:"):
            caption = clean_inline(el.get("title") or el.get("alt") or "") or None
            blocks.append(LibraryBlock("image", url=urljoin(base_url, src), caption=caption))

    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "graphic":
            image(el)
            continue
        for img in el.iter("graphic"):
            image(img)
        if tag == "list":
            items = [_text(i) for i in el.iter("item")]
            blocks.extend(LibraryBlock("text", text=t) for t in items if t)
        elif tag == "table":
            for row in el.iter("row"):
                line = " | ".join(t for t in (_text(c) for c in row.iter("cell")) if t)
                if line:
                    blocks.append(LibraryBlock("text", text=line, row=True))
        elif tag in _TEXT_TAGS or tag:
            text = _text(el)
            if text:
                blocks.append(LibraryBlock("text", text=text, heading=tag == "head"))
    return blocks


def library_blocks(root: HtmlElement, url: str) -> list[LibraryBlock]:
    """trafilatura's main content of ``root`` as blocks; [] when it finds none or fails."""
    quiet_logs()
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            root, url=url, include_comments=False, include_tables=True,
            with_metadata=False,
        )
    except Exception:  # a library failure is a missing candidate, never a crash
        return []
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None:
        return []
    return _blocks(body, url)
