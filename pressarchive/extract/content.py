"""Lead, body paragraphs, images with captions, attachments and the trailing byline.

The body container is copied, stripped of chrome, and walked in document order into
blocks (text, image, attachment). Captions attach to their image and leave the body; the
byline is read from the last short line(s); a stop phrase ("Ý kiến của bạn", "Tin xem
nhiều", …) ends the article.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

from ..textnorm import clean_inline, strip_diacritics
from .blocks import Block
from .byline import parse_byline
from .candidates import LIBRARY_RULE, choose
from .dates import parse_date
from .library import library_blocks
from .model import Attachment, Image
from .rules import (
    ATTACHMENT_EXTENSIONS,
    BODY_FALLBACK_RULES,
    BODY_RULES,
    DENSITY_MIN_CHARS,
    DENSITY_NEGATIVE,
    DENSITY_SKIP_TAGS,
    DENSITY_TEXT_TAGS,
    DROP_PHRASES,
    LEAD_RULES,
    REMOVE_SELECTORS,
    STOP_PHRASES,
    TITLE_ELEMENT_TAGS,
)
from .select import CLASS_RULE, XML_SPACE, first_node, is_xpath, select, text_of
from .text import element_text, raw_text
from .title import acceptable_title

BLOCK_TAGS = {
    "p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "figure",
    "figcaption", "pre", "dl", "dt", "dd", "center", "main", "header", "footer", "aside",
}
_ATTACHMENT_PATH = re.compile(
    r"\.(" + "|".join(ATTACHMENT_EXTENSIONS) + r")(?:/|$)", re.IGNORECASE
)
_ATTACHMENT_LABEL = re.compile(
    r"^(tải về|tai ve|file đính kèm|tệp đính kèm|đính kèm|xem chi tiết|download|tải xuống)"
    r"\s*[:：]?\s*", re.IGNORECASE,
)
_CAPTION_CLASS = re.compile(r"caption|image_desc|img-desc|desc|chu-thich|note", re.IGNORECASE)
MAX_DEPTH = 200
_STOP_KEYS = [strip_diacritics(p) for p in STOP_PHRASES]
_DROP_KEYS = [strip_diacritics(p) for p in DROP_PHRASES]


@dataclass
class Content:
    lead: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    author: str | None = None
    source: str | None = None
    container_rule: str | None = None
    lead_rule: str | None = None
    # A date printed as a line of its own above the prose (the date line near the title).
    date_line: str | None = None
    # The headline printed at the top of the container, when the caller's title is weak.
    heading: str | None = None
    # The competing body candidates (blocks), for probe-style debugging.
    candidates: dict[str, list[Block]] = field(default_factory=dict)


def _text(el: HtmlElement) -> str:
    return element_text(el)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _has_block_child(el: HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)


def _is_caption_element(el: HtmlElement) -> bool:
    """Text wholly in <em>/<i>, or a caption-ish class: a photo caption, not prose."""
    if _CAPTION_CLASS.search(el.get("class", "")):
        return True
    emphasised = _squeezed("".join(el.xpath(".//em//text() | .//i//text()")))
    return bool(emphasised) and emphasised == _squeezed(_text(el))


MAX_PHOTO_TABLE_ROWS = 4
MAX_PHOTO_TABLE_TEXT = 500


def _is_photo_table(el: HtmlElement) -> bool:
    """A small table of photo(s) and caption, not a layout table holding a page."""
    if el.find(".//table") is not None or len(el.xpath(".//tr")) > MAX_PHOTO_TABLE_ROWS:
        return False
    return len(_text(el)) <= MAX_PHOTO_TABLE_TEXT


MAX_DATA_CELL_TEXT = 400
_ROWS = etree.XPath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _is_layout_table(el: HtmlElement) -> bool:
    """A table used for page layout: nested tables, headings, or prose-sized cells. A data
    table (rows of short cells, even with a <p> in each cell) is read row by row."""
    if el.find(".//table") is not None or el.find(".//h1") is not None or el.find(
            ".//h2") is not None:
        return True
    return any(sum(map(len, c.itertext())) > MAX_DATA_CELL_TEXT for c in el.iter("td", "th"))


class _Walker:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.attachments: list[Attachment] = []
        self._seen_images: set[str] = set()
        self._seen_files: set[str] = set()

    # -- leaves -----------------------------------------------------------------

    def image(self, img: HtmlElement, caption: str | None = None) -> None:
        src = (img.get("src") or img.get("data-src") or "").strip()
        if not src or src.startswith("data:"):
            return
        for dim in ("width", "height"):
            if (img.get(dim) or "").isdigit() and int(img.get(dim)) <= 32:
                return
        url = urljoin(self.base_url, src)
        if url in self._seen_images:
            return
        self._seen_images.add(url)
        self.blocks.append(Block("image", url=url, caption=caption or None, element=img))

    def _file_links(self, el: HtmlElement) -> list[HtmlElement]:
        return [a for a in el.iter("a")
                if _ATTACHMENT_PATH.search(urlsplit(a.get("href") or "").path)]

    def leaf(self, el: HtmlElement) -> None:
        images = list(el.iter("img"))
        for img in images:
            self.image(img)
        text = _text(el)
        links = self._file_links(el)
        for a in links:
            url = urljoin(self.base_url, (a.get("href") or "").strip())
            if url in self._seen_files:
                continue
            self._seen_files.add(url)
            name = _text(a) or unquote(urlsplit(url).path.rstrip("/").split("/")[-1])
            self.attachments.append(Attachment(url=url, name=name or None))
            text = text.replace(_text(a), " ")
        if links:
            text = clean_inline(_ATTACHMENT_LABEL.sub("", clean_inline(text)).strip(" ,;:|-"))
            if len(text.split()) < 3:
                return
        if not text:
            return
        if images and _is_caption_element(el):
            self.blocks[-1].caption = self.blocks[-1].caption or text
            return
        self.blocks.append(Block("text", text=text, element=el))

    # -- structures -------------------------------------------------------------

    def figure(self, el: HtmlElement) -> None:
        caption = " ".join(_text(c) for c in el.iter("figcaption")) or None
        for cap in list(el.iter("figcaption")):
            cap.drop_tree()
        for img in el.iter("img"):
            self.image(img, caption)
        if not list(el.iter("img")):
            self.leaf(el)

    def table(self, el: HtmlElement, depth: int = 0) -> None:
        images = list(el.iter("img"))
        if images and _is_photo_table(el):  # a photo and its caption (table.image style)
            caption_cells = [c for c in el.iter("td", "th") if not list(c.iter("img"))]
            caption = clean_inline(" ".join(_text(c) for c in caption_cells)) or None
            for img in images:
                self.image(img, caption)
            return
        layout = _is_layout_table(el)
        for row in _ROWS(el):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if layout:
                # Old portals put the whole page in one table: each cell is a container
                # of its own, read in order.
                for cell in cells:
                    self.walk(cell, depth + 1)
                continue
            for cell in cells:
                for img in cell.iter("img"):
                    self.image(img)
            line = " | ".join(t for t in (_text(c) for c in cells) if t)
            if line:
                self.blocks.append(Block("text", text=line, element=row))

    def walk(self, el: HtmlElement, depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if depth > MAX_DEPTH:  # pathological nesting: read the rest as one block
            self.leaf(el)
        elif tag == "figure":
            self.figure(el)
        elif tag == "table":
            self.table(el, depth)
        elif tag == "img":
            self.image(el)
        elif tag in ("ul", "ol"):
            for li in el:
                if isinstance(li.tag, str):
                    self.walk(li, depth + 1) if _has_block_child(li) else self.leaf(li)
        elif not _has_block_child(el):
            self.leaf(el)
        else:
            self.mixed(el, depth)

    def mixed(self, el: HtmlElement, depth: int) -> None:
        """An element holding both blocks and loose inline text."""
        pending: list[str] = [el.text or ""]

        def flush() -> None:
            text = clean_inline("".join(pending))
            pending.clear()
            if text:
                self.blocks.append(Block("text", text=text, element=el))

        for child in el:
            if not isinstance(child.tag, str):
                pending.append(child.tail or "")
                continue
            if child.tag in BLOCK_TAGS or child.tag == "img":
                flush()
                self.walk(child, depth + 1)
            else:
                for img in child.iter("img"):
                    self.image(img)
                pending.append(raw_text(child))
            pending.append(child.tail or "")
        flush()


# -- the container by text density ----------------------------------------------------------

_NEGATIVE = re.compile(r"(?:^|[\s_-])(?:" + "|".join(map(re.escape, DENSITY_NEGATIVE)) + ")",
                       re.IGNORECASE)
_LOOSE_TEXT_TAGS = {"div", "td"}  # their own loose text (no <p>) is a paragraph too
_WHOLE_TEXT_TAGS = {"p", "pre"}  # never hold blocks: their whole text is cheap to read


def _own_text_length(el: HtmlElement) -> int:
    """Length of the text an element holds outside its block children and links."""
    total = len((el.text or "").strip())
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag and tag not in BLOCK_TAGS and tag != "a" and tag not in DENSITY_SKIP_TAGS:
            total += sum(len(t.strip()) for t in child.itertext())
            total -= sum(len(t.strip()) for a in child.iter("a") for t in a.itertext())
        total += len((child.tail or "").strip())
    return total


def _paragraph_length(el: HtmlElement) -> int:
    """Text length of a paragraph-like element without the text of its links."""
    total = sum(len(t.strip()) for t in el.itertext())
    return total - sum(len(t.strip()) for a in el.iter("a") for t in a.itertext())


def best_container(root: HtmlElement, *, skip_negative: bool = True) -> HtmlElement | None:
    """The element holding most paragraph text (readability's idea, much reduced): each
    paragraph of ≥ DENSITY_MIN_CHARS characters (link text not counted) votes its length
    for its parent and half of it for the grandparent; loose text of a <div>/<td> votes for
    the element itself and half for its parent. Paragraphs inside navigation, asides,
    comment boxes, sidebars (DENSITY_SKIP_TAGS / DENSITY_NEGATIVE) do not vote."""
    excluded: dict[HtmlElement, bool] = {}

    def is_excluded(el: HtmlElement) -> bool:
        path = []
        node: HtmlElement | None = el
        verdict = False
        while node is not None:
            if node in excluded:
                verdict = excluded[node]
                break
            path.append(node)
            tag = node.tag if isinstance(node.tag, str) else ""
            if tag in DENSITY_SKIP_TAGS or (skip_negative and _NEGATIVE.search(
                    f"{node.get('class', '')} {node.get('id', '')}")):
                verdict = True
                break
            node = node.getparent()
        for seen in path:
            excluded[seen] = verdict
        return verdict

    scores: dict[HtmlElement, float] = {}
    for el in root.iter(*DENSITY_TEXT_TAGS):
        if el.tag in _LOOSE_TEXT_TAGS:
            length, target = _own_text_length(el), el
        else:
            # Lists and quotes may nest: their own text only, or deep nesting is quadratic.
            length = (_paragraph_length(el) if el.tag in _WHOLE_TEXT_TAGS
                      else _own_text_length(el))
            target = el.getparent()
            if el.tag == "li" and target is not None:
                target = target.getparent()  # a list belongs to its list's container
        if length < DENSITY_MIN_CHARS or target is None or is_excluded(el):
            continue
        scores[target] = scores.get(target, 0.0) + length
        parent = target.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + length / 2
    if not scores:
        return best_container(root, skip_negative=False) if skip_negative else None
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= DENSITY_MIN_CHARS else None


def _container(doc: Selector, rules: Sequence[str]) -> tuple[HtmlElement, str] | None:
    """The body container: the profile's and the generic named rules, then text density,
    then the fallback (``body``).

    Why not trafilatura as the fallback when no named rule matches (measured on
    tests/labelled, the 8 table-layout pages that match no rule): plain trafilatura
    scores body F1 0.68 there (precision 0.54: sidebars, menus and comment forms stay in)
    at ≈ 7.5 ms a page, while the density pick plus the walker below scores 1.00 at
    ≈ 2 ms, keeps captions out of the body and the byline in ``author``, and leaves the
    element tree in place for the date line and lead near the title. Trafilatura returns
    plain text, so none of that post-processing could run on its output.
    """
    found = first_node(doc, [*rules, *BODY_RULES])
    if found is not None and isinstance(found[0].root, HtmlElement):
        return found[0].root, found[1]
    if isinstance(doc.root, HtmlElement):
        body = doc.root.find("body")
        best = best_container(body if body is not None else doc.root)
        if best is not None:
            return best, "text density"
    found = first_node(doc, BODY_FALLBACK_RULES)
    if found is not None and isinstance(found[0].root, HtmlElement):
        return found[0].root, found[1]
    return None


def _matches(text: str, keys: list[str]) -> bool:
    key = strip_diacritics(text).strip(" :.-|")
    return any(key == k or (key.startswith(k) and len(key) < len(k) + 30) for k in keys)


def _attach_captions(blocks: list[Block]) -> list[Block]:
    """A short emphasised or centred line right after a photo is its caption."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            block.kind == "text" and prev is not None and prev.kind == "image"
            and prev.caption is None and block.element is not None
            and len(block.text) < 400
            and (_is_caption_element(block.element)
                 or "center" in (block.element.get("style") or "").replace(" ", ""))
        ):
            prev.caption = block.text
            continue
        out.append(block)
    return out


_MARK = "data-pressarchive-drop"


# Rules that name one tag ("script") or one class (".share"): whether an element matches
# depends on it alone, so they are read in one walk of the container (CSS's union costs a
# walk a rule in libxml2) with CSS's own tests (tag names lower-cased as the HTML parser
# gives them; class names split on XML whitespace, as normalize-space() does).
_TAG_RULE = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def _one_class(rule: str) -> str | None:
    """The class a rule of one class names (".share"), else None."""
    match = CLASS_RULE.fullmatch(rule)
    return match[1] if match and match[2] is None and match[3] is None else None


def _mark(doc: Selector, container: HtmlElement, rules: Sequence[str]) -> None:
    """Mark the elements inside ``container`` matched by ``rules`` (evaluated on the whole
    page, so rules may name ancestors) for removal from the working copy."""
    tags, classes, grouped = _sorted_rules(tuple(rules))
    if tags or classes:
        for el in container.iterdescendants():
            tag = el.tag
            if not isinstance(tag, str):
                continue  # a comment or processing instruction
            names = el.get("class") if classes else None
            if tag in tags or (names and any(
                    name in classes for name in XML_SPACE.split(names))):
                el.set(_MARK, "1")
    for rule in grouped:  # one CSS union: one pass over the page instead of one a rule
        for node in select(doc, rule):
            el = node.root
            if isinstance(el, HtmlElement) and el is not container and any(
                a is container for a in el.iterancestors()
            ):
                el.set(_MARK, "1")


@functools.lru_cache(maxsize=256)
def _sorted_rules(rules: tuple[str, ...]
                  ) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(tag names, class names, the other element rules: one CSS union, then each XPath)
    of removal rules; a rule selecting an attribute or text removes nothing."""
    element_rules = [r for r in rules
                     if "::" not in r and not (is_xpath(r) and "@" in r.rsplit("/", 1)[-1])]
    tags = frozenset(r.lower() for r in element_rules if _TAG_RULE.fullmatch(r))
    classes = frozenset(name for r in element_rules if (name := _one_class(r)))
    css = [r for r in element_rules if not is_xpath(r) and not _TAG_RULE.fullmatch(r)
           and not _one_class(r)]
    return tags, classes, tuple(([", ".join(css)] if css else []) + [
        r for r in element_rules if is_xpath(r)])


def _drop_marked(container: HtmlElement) -> None:
    total: int | None = None
    for el in container.xpath(f".//*[@{_MARK}]"):
        if el.getparent() is None:
            continue
        if el.tag == "form":
            # ASP.NET WebForms wrap the whole page in <form id="aspnetForm">: a form that
            # holds most of the container's text is the page, not a comment form.
            total = total if total is not None else len(_text(container))
            if len(_text(el)) * 2 > total:
                continue
        el.drop_tree()


_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MAX_HEADING = 250


def _is_heading(block: Block) -> bool:
    """A heading element, or a line wholly in bold/large type (``<p><font><b>…``)."""
    el = block.element
    if el is None or len(block.text) > MAX_HEADING:
        return False
    if el.tag in _HEADING_TAGS:
        return True
    strong = _squeezed("".join(el.xpath(".//b//text() | .//strong//text()")))
    return strong == _squeezed(block.text)


_INFO_SEPARATORS = (re.compile(r"\s+[|·•]\s+"), re.compile(r"\s+[|·•\-–]\s+"))
MAX_INFO_PART = 40


def _date_line(text: str) -> str | None:
    """The date of a date line ("Cập nhật lúc 15:30 ngày 31/01/2023"), also inside an info
    line whose other parts are short labelled values, chrome or the writer's name
    ("Đăng lúc: 10:20 - 05/09/2023 | Lượt xem: 215", "… | Người đăng tin: quantri",
    "Nguyên Minh - 07/03/2026 08:47")."""
    if parse_date(text, use_dateparser=False):
        return text
    for separator in _INFO_SEPARATORS:  # " - " only when the others found nothing
        found = _info_line_date(separator.split(text))
        if found:
            return found
    return None


def _info_line_date(parts: list[str]) -> str | None:
    if len(parts) < 2:
        return None
    dated = [part for part in parts if parse_date(part, use_dateparser=False)]
    if len(dated) != 1:
        return None
    # … or the writer's name: "Nguyên Minh - 07/03/2026 08:47".
    if all(part is dated[0] or (":" in part and len(part) <= MAX_INFO_PART)
           or _matches(part, _DROP_KEYS) or parse_byline(part) for part in parts):
        return dated[0]
    return None


MAX_NEAR_TITLE = 40  # elements looked at after the headline
MIN_LEAD = 60
MAX_LEAD = 1200


def _title_element(root: HtmlElement, title: str) -> HtmlElement | None:
    """The heading that prints ``title`` (its first occurrence), if any."""
    key = title.casefold()
    for el in root.iter(*TITLE_ELEMENT_TAGS):
        text = _text(el).casefold()
        if text == key:
            return el
        # Liferay prints hidden chrome on the title's line: "null Tiêu đề …"
        if text.endswith(key) and _matches(text[: -len(key)], _DROP_KEYS):
            return el
    return None


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """Elements after ``el`` in document order (not its descendants)."""
    node: HtmlElement | None = el
    while node is not None:
        sibling = node.getnext()
        while sibling is not None:
            yield from (e for e in sibling.iter() if isinstance(e.tag, str))
            sibling = sibling.getnext()
        node = node.getparent()


def _near_title(
    root: HtmlElement, title: str, container: HtmlElement, want_lead: bool
) -> tuple[str | None, str | None]:
    """(date line, lead) printed right after the headline: the date line of templates that
    keep it out of the body ("Ngày đăng: 31/01/2023 15:30"), and the sapo in a block of
    its own before the body container. Stops at the container, at prose, or after
    MAX_NEAR_TITLE elements."""
    heading = _title_element(root, title)
    if heading is None:
        return None, None
    if any(a is container for a in heading.iterancestors()):
        # A headline inside the container (in a <header> the walker drops, say): its date
        # line counts, but what follows it is the body, not a separate sapo.
        want_lead = False
    date_line = lead = None
    for count, el in enumerate(_following(heading)):
        if el is container or count >= MAX_NEAR_TITLE:
            break
        if _has_block_child(el) or el.tag in DENSITY_SKIP_TAGS:
            continue
        text = _text(el)
        if not text or text.casefold() == title.casefold():
            continue
        if date_line is None and len(text) < 120:
            date_line = _date_line(text)
            if date_line:
                continue
        if len(text) < MIN_LEAD:
            continue
        if want_lead and lead is None and len(text) <= MAX_LEAD and not _is_caption_element(
                el) and _paragraph_length(el) * 2 > len(text):
            lead = text
        break  # prose: the date line, if any, came before it
    return date_line, lead


def _heading(blocks: list[Block], title: str) -> str | None:
    """The first text block when it is heading-like and the weak ``title`` is printed
    nowhere in the container (``<title>`` holding the site name only)."""
    key = title.casefold()
    text_blocks = [b for b in blocks if b.kind == "text"]
    if not text_blocks or any(key in b.text.casefold() for b in text_blocks):
        return None
    first = text_blocks[0]
    if not _is_heading(first) or _date_line(first.text):
        return None
    if not acceptable_title(first.text, []) or _matches(first.text, _STOP_KEYS + _DROP_KEYS):
        return None
    return first.text


# Above this much container text trafilatura's pick costs seconds and adds nothing.
MAX_LIBRARY_TEXT = 500_000


def _read_blocks(
    blocks: list[Block], repeats: set[str], stop_keys: list[str]
) -> tuple[list[str], list[Image], str | None]:
    """(paragraphs, images, date line) of a candidate's blocks: the title or lead printed
    again, chrome and date lines are left out; a stop phrase ends the article."""
    texts: list[str] = []
    images: list[Image] = []
    date_line = None
    for block in blocks:
        if block.kind == "image":
            images.append(Image(block.url, block.caption))
            continue
        if block.text.casefold() in repeats:
            continue  # the title or lead printed again by the template
        if len(block.text) < 80:  # chrome and date lines are short
            if _matches(block.text, stop_keys):
                break
            if _matches(block.text, _DROP_KEYS):
                continue
            found = _date_line(block.text)
            if found:
                if not texts and date_line is None:
                    date_line = found  # above the prose: the date line
                continue  # the date line printed inside the article
        texts.append(block.text)
    return texts, images, date_line


def extract_content(
    doc: Selector,
    base_url: str,
    *,
    title: str,
    body_rules: Sequence[str] = (),
    lead_rules: Sequence[str] = (),
    remove: Sequence[str] = (),
    byline_rules: Sequence[str] = (),
    extra_chrome: Sequence[str] = (),
    weak_title: bool = False,
    trailing_byline: bool = True,
) -> Content:
    """Read the article's prose out of ``doc`` (see the module docstring). With
    ``weak_title`` (the title came from ``<title>`` alone), a headline printed at the top
    of the container that differs from ``title`` is returned as ``heading``."""
    found = _container(doc, body_rules)
    if found is None:
        return Content()
    original, container_rule = found
    content = Content(container_rule=container_rule)

    lead_found = first_node(doc, [*lead_rules, *LEAD_RULES])
    if lead_found:
        content.lead = text_of(lead_found[0]) or None
        content.lead_rule = lead_found[1]
        _mark(doc, original, [lead_found[1]])
    near_date, near_lead = (None, None)
    if isinstance(doc.root, HtmlElement):
        near_date, near_lead = _near_title(doc.root, title, original, content.lead is None)
    if near_lead:
        content.lead, content.lead_rule = near_lead, "block between the title and the body"

    byline_text = None
    for rule in byline_rules:
        values = [text_of(n) for n in select(doc, rule)]
        if values and values[0]:
            byline_text = values[0]
            _mark(doc, original, [rule])
            break

    # Removal rules are matched inside the container only (a whole-page pass per rule costs
    # ~1 ms each on a portal page).
    _mark(Selector(root=original, type="html"), original, [*REMOVE_SELECTORS, *remove])
    container = copy.deepcopy(original)
    _drop_marked(container)
    walker = _Walker(base_url)
    walker.walk(container)
    blocks = _attach_captions(walker.blocks)
    stop_keys = _STOP_KEYS + [strip_diacritics(p) for p in extra_chrome]
    repeats = {title.casefold(), (content.lead or "").casefold()}
    if weak_title:
        content.heading = _heading(blocks, title)
        if content.heading:
            repeats.add(content.heading.casefold())
    read = _read_blocks(blocks, repeats, stop_keys)
    if container_rule not in body_rules and isinstance(doc.root, HtmlElement) and sum(
            len(b.text) for b in blocks) <= MAX_LIBRARY_TEXT:
        # No rule of the site's own: the container is a guess; trafilatura's pick competes,
        # both read the same way (chrome, date lines, the repeated title and lead out).
        picked = library_blocks(doc.root, base_url)
        read_library = _read_blocks(picked, repeats, stop_keys)
        content.candidates = {"container": read[0], "library": read_library[0]}
        links = {element_text(a) for a in doc.root.iter("a")}
        captions = [img.caption for img in read[1] if img.caption]
        rows = [b.text for b in picked if b.row]
        ours = read[0]
        while trailing_byline and ours and len(ours) > len(read[0]) - 2 and parse_byline(
                ours[-1]):
            ours = ours[:-1]  # the byline leaves the body whichever wins
        if choose(ours, read_library[0], links, captions, rows) == "library":
            # Its text, with the images (and their captions) of the container.
            read = (read_library[0], read[1], read_library[2] or read[2])
            content.container_rule = LIBRARY_RULE
    texts, content.images, content.date_line = read
    content.date_line = content.date_line or near_date
    byline_lines = [byline_text] if byline_text else []
    for _ in range(2):  # the byline is the last line, sometimes followed by a credit
        if trailing_byline and not byline_text and texts and parse_byline(texts[-1]):
            byline_lines.insert(0, texts.pop())
    for line in byline_lines:
        parsed = parse_byline(line)
        if parsed:
            content.author = content.author or parsed.author
            content.source = content.source or parsed.source
    content.attachments = walker.attachments
    if content.lead is None and texts:
        content.lead = texts.pop(0)
    content.paragraphs = texts
    return content
