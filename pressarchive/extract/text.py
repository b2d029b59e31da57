"""An element's text as a reader sees it: inline tags join, block tags separate.

``<span>T</span><span>rước</span>`` reads "Trước" and ``<em>Interfax</em>,`` reads
"Interfax,": text nodes are concatenated as they are, and a space is put only where a
block element (``p``, ``div``, ``li``, ``td``, …) or a ``<br>`` starts or ends.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from ..textnorm import clean_inline

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "figure",
    "figcaption", "pre", "dl", "dt", "dd", "center", "main", "header", "footer", "aside",
    "br", "hr", "nav", "form", "address", "caption", "option", "select", "textarea",
    "fieldset", "legend", "details", "summary", "iframe", "img", "video", "audio",
})
SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
_SEPARATING = BLOCK_TAGS | SKIP_TAGS


def raw_text(el: HtmlElement) -> str:
    """The text of ``el`` (not its tail), uncollapsed, with a space at block edges."""
    if not any(not isinstance(node.tag, str) or node.tag in _SEPARATING
               for node in el.iterdescendants()):
        return "".join(el.itertext())  # inline children only (most paragraphs): C speed
    parts: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end"))
    skipping = 0
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if skipping or tag in SKIP_TAGS or not tag:
                skipping += 1
                continue
            if tag in BLOCK_TAGS:
                parts.append(" ")
            if node.text:
                parts.append(node.text)
            continue
        if skipping:
            skipping -= 1
            if not skipping and node is not el and node.tail:
                parts.append(node.tail)
            continue
        if tag in BLOCK_TAGS:
            parts.append(" ")
        if node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def element_text(el: HtmlElement) -> str:
    """Whitespace-collapsed NFC text of ``el`` (see the module docstring)."""
    return clean_inline(raw_text(el))
