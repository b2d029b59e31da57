"""Class rules (".a", ".a .b", "::attr()") read from the page's class index select exactly
what parsel's XPath for the same CSS selects, in the same order."""

from __future__ import annotations

import pytest
from parsel import Selector

from pressarchive.extract.select import select

PAGE = """<html><body class="trang">
<div class="asset-full-content">
  <h3 class="asset-title" data-t="Một">Một</h3>
  <div class="asset-full-content asset-title">tự nó</div>
  <p class="sapo\tlead  sapo" data-t="hai">Hai</p>
  <div class="asset-full-content"><span class="asset-title">Ba</span></div>
</div>
<div class="tin-khac\u00a0asset-title">không tách ở nbsp</div>
<p class="sapo">Bốn</p><p class="">rỗng</p><p class="
asset-title">Năm</p>
</body></html>"""
RULES = [".asset-title", ".sapo", ".lead", ".asset-full-content .asset-title",
         ".asset-full-content .sapo", ".trang .asset-full-content", ".asset-title::attr(data-t)",
         ".asset-full-content .sapo::attr(data-t)", ".tin-khac", ".khong-co",
         ".asset-full-content .asset-full-content"]


@pytest.mark.parametrize("rule", RULES)
def test_a_class_rule_selects_what_parsel_selects(rule: str) -> None:
    doc = Selector(text=PAGE)
    inner = doc.css(".asset-full-content")[0]
    for sel in (doc, Selector(root=inner.root, type="html")):
        got = [node.root if isinstance(node.root, str) else node.root.text
               for node in select(sel, rule)]
        want = [node.root if isinstance(node.root, str) else node.root.text
                for node in sel.css(rule)]
        assert got == want, rule


REMOVAL_PAGE = """<html><body><div id="c">
<SCRIPT>var a;</SCRIPT><!-- a comment --><p class="share">chia sẻ</p>
<p class="x\tshare\nprint">in</p><p class="shares">không phải share</p>
<div class="tin-khac\u00a0share">không tách ở nbsp</div><Aside>bên</Aside>
<p class="Share">khác hoa thường</p><form><input class="social-share"></form>
<p>Nội dung bài viết.</p><noscript>x</noscript><my-widget class="banner">y</my-widget>
</div></body></html>"""


def test_removal_rules_of_one_tag_or_class_mark_what_the_css_union_selects() -> None:
    """The body container's removal rules ("script", ".share") are read in one walk of the
    container; they remove exactly the elements the CSS union of the rules selects."""
    from pressarchive.extract.content import _MARK, _mark
    from pressarchive.extract.rules import REMOVE_SELECTORS

    rules = [*REMOVE_SELECTORS, "my-widget", ".x"]
    doc = Selector(text=REMOVAL_PAGE)
    container = doc.css("#c")[0].root
    _mark(Selector(root=container, type="html"), container, rules)
    marked = [el for el in container.iterdescendants() if el.get(_MARK)]
    fresh = Selector(text=REMOVAL_PAGE)
    want = [el for el in fresh.css("#c")[0].root.iterdescendants()
            if el in {n.root for n in fresh.css("#c").css(", ".join(rules))}]
    assert [(el.tag, el.get("class")) for el in marked] == [
        (el.tag, el.get("class")) for el in want]
    assert len(marked) >= 8
