"""The unit both body candidates are read in: a paragraph of text, or an image."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement


@dataclass
class Block:
    kind: str  # text | image
    text: str = ""
    url: str = ""
    caption: str | None = None
    element: HtmlElement | None = None  # where it was read (the walked container only)
    heading: bool = False
    row: bool = False  # a table row (trafilatura's pick)


def json_ld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every object of the page's JSON-LD scripts, in document order (depth first)."""
    for raw in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(reversed([v for v in item.values() if isinstance(v, (dict, list))]))
