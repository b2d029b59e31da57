"""Lead, body paragraphs, images with captions, attachments and the trailing byline.

The body container is copied, stripped of chrome, and walked in document order into
blocks (text, image, attachment). Captions attach to their image and leave the body; the
byline is read from the last short line(s); a stop phrase ("Ý kiến của bạn", "Tin xem
nhiều", …) ends the article.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from lxml.html import HtmlElement
from parsel import Selector

from ..textnorm import clean_inline, strip_diacritics
from .byline import parse_byline
from .dates import parse_date
from .model import Attachment, Image
from .rules import (
    ATTACHMENT_EXTENSIONS,
    BODY_RULES,
    DROP_PHRASES,
    LEAD_RULES,
    REMOVE_SELECTORS,
    STOP_PHRASES,
)
from .select import first_node, is_xpath, select, text_of

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
class Block:
    kind: str  # text | image
    text: str = ""
    url: str = ""
    caption: str | None = None
    element: HtmlElement | None = None


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


def _text(el: HtmlElement) -> str:
    return clean_inline(" ".join(el.xpath(".//text()[not(ancestor::script)]")))


def _has_block_child(el: HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)


def _is_caption_element(el: HtmlElement) -> bool:
    """Text wholly in <em>/<i>, or a caption-ish class: a photo caption, not prose."""
    if _CAPTION_CLASS.search(el.get("class", "")):
        return True
    emphasised = clean_inline(" ".join(el.xpath(".//em//text() | .//i//text()")))
    return bool(emphasised) and emphasised == _text(el)


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

    def table(self, el: HtmlElement) -> None:
        images = list(el.iter("img"))
        if images:  # a layout table holding a photo and its caption
            caption_cells = [c for c in el.iter("td", "th") if not list(c.iter("img"))]
            caption = clean_inline(" ".join(_text(c) for c in caption_cells)) or None
            for img in images:
                self.image(img, caption)
            return
        for row in el.iter("tr"):
            cells = [_text(c) for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
            line = " | ".join(c for c in cells if c)
            if line:
                self.blocks.append(Block("text", text=line, element=row))

    def walk(self, el: HtmlElement, depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if depth > MAX_DEPTH:  # pathological nesting: read the rest as one block
            self.leaf(el)
        elif tag == "figure":
            self.figure(el)
        elif tag == "table":
            self.table(el)
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
            text = clean_inline(" ".join(pending))
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
                pending.append(_text(child))
            pending.append(child.tail or "")
        flush()


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


def _mark(doc: Selector, container: HtmlElement, rules: Sequence[str]) -> None:
    """Mark the elements inside ``container`` matched by ``rules`` (evaluated on the whole
    page, so rules may name ancestors) for removal from the working copy."""
    element_rules = [r for r in rules
                     if "::" not in r and not (is_xpath(r) and "@" in r.rsplit("/", 1)[-1])]
    css = [r for r in element_rules if not is_xpath(r)]
    grouped = ([", ".join(css)] if css else []) + [r for r in element_rules if is_xpath(r)]
    for rule in grouped:  # one CSS union: one pass over the page instead of one a rule
        for node in select(doc, rule):
            el = node.root
            if isinstance(el, HtmlElement) and el is not container and any(
                a is container for a in el.iterancestors()
            ):
                el.set(_MARK, "1")


def _drop_marked(container: HtmlElement) -> None:
    for el in container.xpath(f".//*[@{_MARK}]"):
        if el.getparent() is not None:
            el.drop_tree()


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
) -> Content:
    """Read the article's prose out of ``doc`` (see the module docstring)."""
    found = first_node(doc, [*body_rules, *BODY_RULES])
    if found is None or not isinstance(found[0].root, HtmlElement):
        return Content()
    node, container_rule = found
    original = node.root
    content = Content(container_rule=container_rule)

    lead_found = first_node(doc, [*lead_rules, *LEAD_RULES])
    if lead_found:
        content.lead = text_of(lead_found[0]) or None
        content.lead_rule = lead_found[1]
        _mark(doc, original, [lead_found[1]])

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

    repeats = {title.casefold(), (content.lead or "").casefold()}
    stop_keys = _STOP_KEYS + [strip_diacritics(p) for p in extra_chrome]
    texts: list[str] = []
    for block in blocks:
        if block.kind == "image":
            content.images.append(Image(block.url, block.caption))
            continue
        if block.text.casefold() in repeats:
            continue  # the title or lead printed again by the template
        if len(block.text) < 80:  # chrome and date lines are short
            if _matches(block.text, stop_keys):
                break
            if _matches(block.text, _DROP_KEYS):
                continue
            if parse_date(block.text, use_dateparser=False):
                continue  # the date line printed inside the article
        texts.append(block.text)

    byline_lines = [byline_text] if byline_text else []
    for _ in range(2):  # the byline is the last line, sometimes followed by a credit
        if not byline_text and texts and parse_byline(texts[-1]):
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
