"""Evaluate rule strings (CSS or XPath) on parsel selectors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from parsel import Selector, SelectorList

from ..textnorm import clean_inline
from .text import element_text


def is_xpath(rule: str) -> bool:
    return rule.startswith(("/", "./", "("))


def select(sel: Selector, rule: str) -> SelectorList:
    """All matches of one rule; an invalid rule matches nothing rather than raising."""
    try:
        return sel.xpath(rule) if is_xpath(rule) else sel.css(rule)
    except ValueError:
        return SelectorList([])


def text_of(node: Selector) -> str:
    """Whitespace-collapsed NFC text of a match (element text, or an attribute/text value)."""
    if isinstance(node.root, str):
        return clean_inline(node.root)
    return element_text(node.root)


def texts(sel: Selector, rules: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(text, rule) for every non-empty match of every rule, in rule order."""
    for rule in rules:
        for node in select(sel, rule):
            value = text_of(node)
            if value:
                yield value, rule


def first_node(sel: Selector, rules: Iterable[str]) -> tuple[Selector, str] | None:
    for rule in rules:
        nodes = select(sel, rule)
        if nodes:
            return nodes[0], rule
    return None
