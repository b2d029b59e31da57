"""HTML of the sample portal, shaped like a Liferay 7 provincial portal (portal-markup.md)."""

from __future__ import annotations

import unicodedata
import zlib
from html import escape

from .spec import ArticleSpec, SectionSpec

SITE_TITLE = "Cổng thông tin điện tử tỉnh Đồng Tháp"
AP = "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_"


def cur_param(section: SectionSpec) -> str:
    return f"_{AP}{section.instance}_cur"


def _entities(text: str) -> str:
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in escape(text))


def _portlet(pid: str, title: str, inner: str) -> str:
    return (
        f'<section class="portlet" id="portlet_{pid}"><div class="portlet-content">'
        f'<h2 class="portlet-title"><span class="portlet-title-text">{escape(title)}</span></h2>'
        f'<div class="portlet-content-container"><div class="portlet-body">{inner}</div></div>'
        "</div></section>"
    )


def _menu(sections: list[SectionSpec]) -> str:
    items = "".join(f'<li class="nav-item"><a class="nav-link" href="{s.path}">{escape(s.name)}'
                    "</a></li>" for s in sections)
    return ('<nav class="main-menu" id="navigation"><div class="menu-title">Danh mục chính '
            f'<span class="menu-toggle">Menu</span></div><ul class="navbar-nav">'
            '<li class="nav-item"><a class="nav-link" href="/">Trang chủ</a></li>'
            f"{items}</ul></nav>")


def _sidebar(popular: list[ArticleSpec], sections: list[SectionSpec]) -> str:
    links = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in popular)
    press = (
        '<div class="journal-content-article" data-analytics-asset-title="Chính quyền với báo chí">'
        "<p>Mục này cập nhật liên tục thông tin nổi bật của báo chí trong và ngoài tỉnh về vùng"
        " đất Sen Hồng</p><ul>"
        + "".join(f'<li><a href="/chinh-quyen-voi-bao-chi/{slug}">{name}</a></li>'
                  for slug, name in (
            ("phan-hoi", "Phản hồi báo chí"), ("thong-cao", "Thông cáo báo chí"),
            ("nguoi-phat-ngon", "Người phát ngôn"), ("bao-chi", "Báo chí với Đồng Tháp")))
        + "</ul></div>"
    )
    banners = "".join(
        _portlet(f"com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_bn{i}",
                 name, f'<a href="/banner-{i}"><img src="/o/dongthap-theme/images/banner-{i}.png"'
                 f' alt="{escape(name)}"></a>')
        for i, name in enumerate(["Banner Bản tin chỉ đạo điều hành", "Banner Video",
                                  "Banner Megastory", "Banner Tin đồ họa"]))
    featured = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in popular[:3])
    return (
        '<div class="col-md-4 portlet-column portlet-column-last" id="column-2">'
        + _portlet("com_liferay_asset_publisher_web_portlet_MostViewedAssetsPortlet_INSTANCE_mv01",
                   "Tin xem nhiều", f'<ul class="most-viewed">{links}</ul>')
        + _portlet("com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_cqbc",
                   "Chính quyền với báo chí", press)
        + _menu(sections) + banners
        + _portlet(f"{AP}noibat01", "Tin nổi bật", f'<ul class="tin-noi-bat">{featured}</ul>')
        + "</div>"
    )


def page(title: str, head: str, main: str, sidebar: str, sections: list[SectionSpec]) -> str:
    return (
        '<!DOCTYPE html><html class="ltr" dir="ltr" lang="vi-VN"><head>'
        f'<meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f'{head}<script>var Liferay = {{}};</script></head>'
        '<body class="controls-visible guest-site"><div id="wrapper">'
        '<header id="banner" role="banner"><div class="logo"><a href="/"><img '
        f'src="/o/dongthap-theme/images/logo.png" alt="{SITE_TITLE}"></a></div>'
        '<div class="banner-title">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐỒNG THÁP</div></header>'
        + _menu(sections)
        + '<section id="content"><div class="container" role="main"><div class="portlet-layout'
        ' row"><div class="col-md-8 portlet-column portlet-column-first" id="column-1">'
        + main + "</div>" + sidebar + "</div></div></section>"
        '<footer id="footer"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Đồng Tháp</p>'
        "<p>Địa chỉ: Số 12, đường 30/4, Phường 1, TP. Cao Lãnh</p></footer>"
        "</div></body></html>"
    )


def _image(path: str, caption: str | None, style: str) -> str:
    img = f'<img src="{path}" alt="" width="600" height="400">'
    cap = escape(caption or "")
    if style == "figure":
        return f'<figure class="image">{img}<figcaption>{cap}</figcaption></figure>'
    if style == "em":
        return (f'<p style="text-align:center">{img}</p>'
                f'<p style="text-align:center"><em>{cap}</em></p>')
    return (f'<table class="image" align="center"><tbody><tr><td>{img}</td></tr>'
            f'<tr><td class="image_desc">{cap}</td></tr></tbody></table>')


def _text(spec: ArticleSpec, text: str) -> str:
    out = escape(text)
    if spec.nbsp:
        out = out.replace(", ", ",&nbsp;", 1).replace(" ", " \u200b", 1)
    return out


def article_html(spec: ArticleSpec, base_url: str, sections: list[SectionSpec],
                 related: list[ArticleSpec]) -> str:
    date_el = escape(spec.date_line)
    meta_row = ""
    if spec.date_style in ("ngayxam", "sach"):
        date_el = f'<span class="text-ngayxam-page">{date_el}</span>'
    elif spec.date_style == "xuatban":
        meta_row = f'<div class="asset-metadata"><span class="date-info">{date_el}</span></div>'
        date_el = ""
    else:
        date_el = f'<p class="ngay-dang">{date_el}</p>'
    lead = escape(spec.lead)
    parts = [f'<h3 class="title-news">{escape(spec.title)}</h3>', date_el,
             f'<div class="sapo">{f"<strong>{lead}</strong>" if spec.bold_lead else lead}</div>']
    images = list(spec.images)
    if images:
        parts.append(_image(*images.pop(0), spec.caption_style))
    paragraphs = spec.paragraphs
    i = 0
    while i < len(paragraphs):
        if spec.list_after is not None and i == spec.list_after:
            items = "".join(f"<li>{escape(t)}</li>" for t in paragraphs[i:i + spec.list_len])
            parts.append(f"<ol>{items}</ol>")
            i += spec.list_len
        else:
            parts.append(f'<p style="text-align: justify;">{_text(spec, paragraphs[i])}</p>')
            if i == 0 and spec.empty_paragraph:
                parts.append("<p>&nbsp;</p>")
            i += 1
        if i >= 2 and images:  # a second photo further down
            parts.append(_image(*images.pop(0), spec.caption_style))
    for path, name in spec.attachments:
        parts.append(f'<p>Tải về: <a href="{path}">{escape(name)}</a></p>')
    if spec.byline_line:
        parts.append(f'<p style="text-align: right;"><strong>{escape(spec.byline_line)}'
                     "</strong></p>")
    related_html = (
        '<div class="tin-khac"><h4 class="tin-khac-title">Các tin đã đưa</h4><ul>'
        + "".join(f'<li><a href="{a.path}">{escape(a.title)}</a> '
                  f'<span class="date">({a.when:%d/%m/%Y})</span></li>' for a in related)
        + "</ul></div>"
    )
    if spec.related_inside:
        parts.append(related_html)
    title_attr = escape(spec.title, quote=True)
    full = (
        '<div class="asset-full-content clearfix mb-5 default-asset-publisher show-asset-title">'
        '<div class="mb-2"><h4 class="component-title"><span class="header-back-to">'
        '<a href="javascript:;" class="lfr-icon-item taglib-icon"><span class="taglib-text '
        'hide-accessible">null</span></a></span> '
        f'<span class="asset-title d-inline">{escape(spec.title)}'
        f"</span></h4></div>{meta_row}"
        f'<div class="asset-content mb-3"><div class="journal-content-article" '
        f'data-analytics-asset-id="{zlib.crc32(spec.path.encode()) % 10**7}" '
        f'data-analytics-asset-title="{title_attr}" data-analytics-asset-type="web-content">'
        f'<div class="news-detail">{"".join(parts)}</div></div></div>'
        '<div class="social-share"><a href="javascript:print()">In bài viết</a>'
        ' <a href="#share">Chia sẻ</a> <a class="follow" href="#follow">Follow</a></div>'
        + ("" if spec.related_inside else related_html)
        + "</div>"
    )
    comments = (
        '<div class="taglib-discussion"><h3 class="discussion-title">Ý kiến của bạn</h3>'
        '<form method="post" action="/c/portal/comment"><textarea name="body"></textarea>'
        '<button type="submit">Gửi</button></form>'
        '<div class="comment-count">Ý kiến bạn đọc (0)</div></div>'
    )
    main = _portlet(f"{AP}{next(s.instance for s in sections if s.name == spec.section)}",
                    "Xuất bản thông tin", full + comments)
    og_title = _entities(spec.title) if spec.entity_og_title else escape(spec.title, quote=True)
    description = escape(f"{spec.date_line} {spec.lead[:150]}", quote=True) \
        if spec.date_style == "ngayxam" else escape(spec.lead[:150], quote=True)
    head = (
        f'<link rel="canonical" href="{base_url}{spec.path}">'
        f'<meta name="description" content="{description}">'
        '<meta property="og:type" content="website">'
        f'<meta property="og:title" content="{og_title}">'
        f'<meta property="og:url" content="{base_url}{spec.path}">'
    )
    html = page(f"{spec.title} - {SITE_TITLE}", head, main, _sidebar(related, sections), sections)
    return unicodedata.normalize("NFD", html) if spec.nfd else html


def list_html(section: SectionSpec, items: list[ArticleSpec], page_no: int, pages: int,
              base_url: str, sections: list[SectionSpec], popular: list[ArticleSpec]) -> str:
    def link(n: int) -> str:
        return f"{section.path}?{cur_param(section)}={n}"

    abstracts = []
    for n, spec in enumerate(items):
        href = spec.path
        if spec.redirect_link:
            href += f"?inheritRedirect=true&amp;redirect=%2Ftin-tuc%3Fp{n}"
        abstracts.append(
            f'<div class="asset-abstract"><h3 class="asset-title"><a href="{href}">'
            f"{escape(spec.title)}</a></h3><div class=\"asset-metadata\"><span class=\"metadata-"
            f'entry metadata-publish-date">{spec.when:%d/%m/%Y}</span></div>'
            f'<div class="asset-summary">{escape(spec.lead[:120])}…</div></div>')

    def button(label: str, target: int, enabled: bool) -> str:
        if not enabled:
            return f'<li class="disabled"><a href="javascript:;">{label}</a></li>'
        return f'<li><a href="{link(target)}">{label}</a></li>'

    pager = (
        '<div class="taglib-page-iterator"><div class="lfr-pagination">'
        f'<div class="lfr-pagination-page-selector">Trang {page_no} / {pages}</div>'
        '<ul class="lfr-pagination-buttons pager">'
        + button("Đầu", 1, page_no > 1) + button("Trước", page_no - 1, page_no > 1)
        + button("Tiếp", page_no + 1, page_no < pages) + button("Cuối", pages, page_no < pages)
        + "</ul></div></div>"
    )
    main = _portlet(f"{AP}{section.instance}", section.name, "".join(abstracts) + pager)
    head = f'<link rel="canonical" href="{base_url}{section.path}">'
    return page(f"{section.name} - {SITE_TITLE}", head, main, _sidebar(popular, sections),
                sections)


def home_html(sections: list[SectionSpec], latest: list[ArticleSpec]) -> str:
    links = "".join(f'<li><a href="{s.path}">{escape(s.name)}</a></li>' for s in sections)
    main = _portlet("home", "Tin tức - Sự kiện", f'<ul class="sections">{links}</ul>')
    return page(SITE_TITLE, "", main, _sidebar(latest, sections), sections)


def not_found_html(sections: list[SectionSpec]) -> str:
    main = ('<div class="alert alert-danger">Không tìm thấy trang. Trang bạn yêu cầu không tồn '
            'tại hoặc đã bị gỡ bỏ.</div>')
    return page(f"Không tìm thấy trang - {SITE_TITLE}", "", main, "", sections)
