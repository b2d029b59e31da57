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
