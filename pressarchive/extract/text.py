"""An element's text as a reader sees it: inline tags join, block tags separate.

``<span>T</span><span>rước</span>`` reads "Trước" and ``<em>Interfax</em>,`` reads
"Interfax,": text nodes are concatenated as they are, and a space is put only where a
block element (``p``, ``div``, ``li``, ``td``, …) or a ``<br>`` starts or ends.
"""

from __future__ import annotations

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
    # An explicit stack, not lxml's iterwalk: iterwalk reports no comments, so the text
    # after a comment inside a paragraph ("Một <!-- ảnh --> hai") would be lost.
    parts: list[str] = []
    stack: list[HtmlElement | str] = [el]
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # a tail or a block's closing space, queued in order
            parts.append(item)
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if not tag or tag in SKIP_TAGS:
            continue  # comments, scripts: no text of their own (their tails are queued)
        if tag in BLOCK_TAGS:
            parts.append(" ")
            stack.append(" ")
        if item.text:
            parts.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return "".join(parts)


def element_text(el: HtmlElement) -> str:
    """Whitespace-collapsed NFC text of ``el`` (see the module docstring)."""
    return clean_inline(raw_text(el))
