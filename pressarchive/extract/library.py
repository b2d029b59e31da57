"""trafilatura's main-content pick, as one body candidate among others.

trafilatura (already a dependency) is run on the page we parsed (it works on a copy) and
its output tree (``<p>``, ``<head>``, ``<list><item>``, ``<quote>``, ``<table><row><cell>``,
``<graphic>``) is turned into the same blocks the container walker yields, so the
Vietnamese post-processing (captions, byline, date line, chrome) runs on whichever
candidate wins (see ``content.py``).
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from ..textnorm import clean_inline
from .blocks import Block


def quiet_logs() -> None:
    """trafilatura logs every page it refuses at WARNING: a candidate missing, not news."""
    for name in ("trafilatura", "htmldate"):
        logger = logging.getLogger(name)
        if logger.level < logging.ERROR:
            logger.setLevel(logging.ERROR)


_INLINE = {"hi", "ref", "del", "span", "sub", "sup", "b", "i", "em", "strong", "a", "abbr"}
# Output elements that only group others: read their children one by one.
_GROUPS = {"div", "body", "main", "section", "article", "doc", "span"}
_BLOCKS = {"p", "head", "quote", "code", "list", "table", "graphic", "div", "section",
           "article", "main"}


def _text(el: etree._Element) -> str:
    """Text of an output element: inline tags join; ``<lb/>`` and nested blocks separate."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        inline = node is el or node.tag in _INLINE
        if event == "start":
            parts.append(" " if not inline else "")
            parts.append(node.text or "" if node.tag != "lb" else "")
        elif node is not el:
            parts.append(("" if inline else " ") + (node.tail or ""))
    return clean_inline("".join(parts))


def _blocks(body: etree._Element, base_url: str) -> list[Block]:
    blocks: list[Block] = []

    def image(el: etree._Element) -> None:
        src = (el.get("src") or "").strip()
        if src and not src.startswith("data:"):
            caption = clean_inline(el.get("title") or el.get("alt") or "") or None
            blocks.append(Block("image", url=urljoin(base_url, src), caption=caption))

    def loose(text: str | None) -> None:
        text = clean_inline(text)
        if text:
            blocks.append(Block("text", text=text))

    def visit(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "graphic":
            image(el)
        elif tag == "list":
            for img in el.iter("graphic"):
                image(img)
            items = [_text(i) for i in el.iter("item")]
            blocks.extend(Block("text", text=t) for t in items if t)
        elif tag == "table":
            for img in el.iter("graphic"):
                image(img)
            for row in el.iter("row"):
                line = " | ".join(t for t in (_text(c) for c in row.iter("cell")) if t)
                if line:
                    blocks.append(Block("text", text=line, row=True))
        elif tag in _GROUPS and any(c.tag in _BLOCKS for c in el):
            loose(el.text)
            for child in el:
                visit(child)
                loose(child.tail)
        elif tag:
            for img in el.iter("graphic"):
                image(img)
            text = _text(el)
            if text:
                blocks.append(Block("text", text=text, heading=tag == "head"))

    for child in body:
        visit(child)
    return blocks


def library_blocks(root: HtmlElement, url: str) -> list[Block]:
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
