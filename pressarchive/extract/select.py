"""Evaluate rule strings (CSS or XPath) on parsel selectors."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree
from parsel import Selector, SelectorList

from ..textnorm import clean_inline
from .text import element_text


def is_xpath(rule: str) -> bool:
    return rule.startswith(("/", "./", "("))


# ".a", ".a .b", either with "::attr(x)": the form of most field rules (a platform's
# ".asset-full-content .date-info"). XPath scans the whole page for each of them (about a
# third of an extraction's time); these are read from one index of the page's classes.
CLASS_RULE = re.compile(r"\.(-?[A-Za-z_][\w-]*)(?: \.(-?[A-Za-z_][\w-]*))?"
                         r"(?:::attr\(([A-Za-z_][\w-]*)\))?")
# Exactly the whitespace XPath's normalize-space() (cssselect's class test) splits on.
XML_SPACE = re.compile(r"[ \t\r\n]+")
_CLASSED = etree.XPath("descendant-or-self::*[@class]")
# A page's elements that have a class, with their classes, and the elements of each class
# name asked for so far (a platform's rules share their outer class).
_indexes: weakref.WeakKeyDictionary[
    Selector, tuple[list[tuple[Any, str]], dict[str, list[Any]]]] = weakref.WeakKeyDictionary()


def select(sel: Selector, rule: str) -> SelectorList:
    """All matches of one rule; an invalid rule matches nothing rather than raising."""
    match = CLASS_RULE.fullmatch(rule) if sel.type == "html" else None
    if match is not None and isinstance(sel.root, etree._Element):
        return SelectorList(Selector(root=x, _expr=rule, namespaces=sel.namespaces,
                                     type="html") for x in _by_class(sel, *match.groups()))
    try:
        return sel.xpath(rule) if is_xpath(rule) else sel.css(rule)
    except ValueError:
        return SelectorList([])


def _by_class(sel: Selector, outer: str, inner: str | None, attr: str | None) -> list[Any]:
    """What ``.outer``, ``.outer .inner`` (``::attr(attr)``) select under ``sel``, in
    document order: the same nodes as the CSS rule's XPath. The page is not changed while
    it is read (the body is read from a copy), so its index holds."""
    index = _indexes.get(sel)
    if index is None:
        index = _indexes[sel] = ([(el, el.get("class")) for el in _CLASSED(sel.root)], {})
    found = _having(index, outer)
    if inner is not None:
        outers = {id(el) for el in found}  # the index keeps these proxies alive
        found = [el for el in _having(index, inner)
                 if any(id(a) in outers for a in el.iterancestors())]
    if attr is None:
        return found
    return [value for el in found if (value := el.get(attr)) is not None]


def _having(index: tuple[list[tuple[Any, str]], dict[str, list[Any]]], name: str
            ) -> list[Any]:
    classed, seen = index
    found = seen.get(name)
    if found is None:
        found = seen[name] = [el for el, names in classed
                              if name in names and name in XML_SPACE.split(names)]
    return found


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
