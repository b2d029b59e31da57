"""HTML of the sample portal, shaped like a Liferay 7 provincial theme (portal-markup.md)."""

from __future__ import annotations

import unicodedata
import zlib
from html import escape
from urllib.parse import quote

from .spec import ArticleSpec, SectionSpec

SITE_TITLE = "Cổng thông tin điện tử tỉnh Đồng Tháp"
AP = "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_"
MOST_VIEWED = "com_liferay_asset_publisher_web_portlet_MostViewedAssetsPortlet_INSTANCE_tXn7mV2q"
JC = "com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_"
BANNERS = ["Banner Bản tin chỉ đạo điều hành", "Banner Video", "Banner Megastory",
           "Banner Tin đồ họa"]
PRESS_LINKS = [("phan-hoi-bao-chi", "Phản hồi báo chí"), ("thong-cao-bao-chi", "Thông cáo báo chí"),
               ("nguoi-phat-ngon", "Người phát ngôn"),
               ("bao-chi-voi-dong-thap", "Báo chí với Đồng Tháp")]


def cur_param(section: SectionSpec) -> str:
    """Liferay 7's page parameter of the section's Asset Publisher."""
    return f"_{AP}{section.instance}_cur"


def _entities(text: str) -> str:
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in escape(text))


def _portlet(pid: str, title: str, inner: str) -> str:
    """A decorated Liferay 7 portlet: boundary div, ``section.portlet``, its title, its body."""
    return (
        f'<div class="portlet-boundary portlet-boundary_{pid.rsplit("_INSTANCE_", 1)[0]}_ '
        f'portlet-static decorate" id="p_p_id_{pid}_">\n'
        f'<section class="portlet" id="portlet_{pid}">\n<div class="portlet-content">\n'
        '<div class="autofit-float autofit-row portlet-header"><div class="autofit-col '
        'autofit-col-expand"><h2 class="portlet-title"><span class="portlet-title-text">'
        f"{escape(title)}</span></h2></div></div>\n"
        f'<div class="portlet-content-container"><div class="portlet-body">\n{inner}\n'
        "</div></div>\n</div>\n</section>\n</div>\n"
    )


def _menu(sections: list[SectionSpec], where: str) -> str:
    items = "".join(f'<li class="nav-item"><a class="nav-link" href="{s.path}">'
                    f"{escape(s.name)}</a></li>" for s in sections)
    return (f'<nav class="main-menu {where}" aria-label="Danh mục chính"><div class="menu-title">'
            'Danh mục chính <span class="menu-toggle">Menu</span></div>'
            '<ul class="navbar-nav"><li class="nav-item"><a class="nav-link" href="/">Trang chủ'
            f"</a></li>{items}</ul></nav>\n")


def _links(articles: list[ArticleSpec], cls: str, views: bool = False) -> str:
    items = []
    for n, a in enumerate(articles):
        extra = f' <span class="luot-xem">({3210 - 257 * n} lượt xem)</span>' if views else ""
        items.append(f'<li><a href="{a.path}">{escape(a.title)}</a>{extra}</li>')
    return f'<ul class="{cls}">{"".join(items)}</ul>'


def sidebar(popular: list[ArticleSpec], featured: list[ArticleSpec],
            sections: list[SectionSpec]) -> str:
    """The right column of every page (in the order a reader's copy shows it)."""
    press = (
        '<div class="journal-content-article" data-analytics-asset-title="Chính quyền với báo '
        'chí"><p class="mo-ta">Mục này cập nhật liên tục thông tin nổi bật của báo chí trong và '
        'ngoài tỉnh về vùng đất Sen Hồng</p><ul class="bao-chi">'
        + "".join(f'<li><a href="/chinh-quyen-voi-bao-chi/{slug}">{name}</a></li>'
                  for slug, name in PRESS_LINKS)
        + "</ul></div>"
    )
    banners = "".join(
        _portlet(f"{JC}bnr{i}0aKx", name, f'<a href="/banner/{i}"><img class="img-fluid" '
                 f'src="/o/dongthap-theme/images/banner/banner-{i}.png" alt="{escape(name)}"></a>')
        for i, name in enumerate(BANNERS))
    return (
        '<div class="col-md-4 portlet-column portlet-column-last" id="column-2">\n'
        + _portlet(MOST_VIEWED, "Tin xem nhiều", _links(popular, "tin-xem-nhieu", views=True))
        + _menu(sections, "menu-doc")
        + _portlet(f"{JC}cqbc8Pw3", "Chính quyền với báo chí", press)
        + _menu(sections, "menu-doc-2") + banners
        + _portlet(f"{AP}noiBat4Rk2", "Tin nổi bật", _links(featured, "tin-noi-bat"))
        + "</div>\n"
    )


def page(title: str, head: str, main: str, side: str, sections: list[SectionSpec],
         crumbs: list[tuple[str, str]] | None = None) -> str:
    """The theme's page: head, header with banner and menu, breadcrumb, two columns, footer."""
    trail = "".join(f'<li class="breadcrumb-item"><a href="{href}">{escape(name)}</a></li>'
                    for href, name in [("/", "Trang chủ"), *(crumbs or [])])
    return (
        '<!DOCTYPE html>\n<html class="ltr" dir="ltr" lang="vi-VN">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
        '<meta content="initial-scale=1.0, width=device-width" name="viewport">\n'
        '<link href="/o/dongthap-theme/images/favicon.ico" rel="icon">\n'
        f"{head}"
        '<link class="lfr-css-file" href="/o/dongthap-theme/css/main.css" rel="stylesheet">\n'
        '<script>var themeDisplay = Liferay.ThemeDisplay = {getLanguageId: function() '
        '{return "vi_VN";}, getScopeGroupId: function() {return "34223";}};</script>\n'
        '</head>\n<body class="controls-visible guest-site signed-out public-page site">\n'
        '<div class="container-fluid" id="wrapper">\n<header id="banner" role="banner">'
        '<div class="logo"><a href="/" title="Trang chủ"><img src="/o/dongthap-theme/images/'
        f'logo.png" alt="{SITE_TITLE}"></a></div><div class="banner-title">CỔNG THÔNG TIN ĐIỆN '
        'TỬ TỈNH ĐỒNG THÁP</div><div class="slogan">Đồng Tháp - Đất Sen hồng</div></header>\n'
        + _menu(sections, "menu-ngang")
        + f'<nav id="breadcrumbs"><ol class="breadcrumb">{trail}</ol></nav>\n'
        '<section id="content">\n<div class="portlet-layout row">\n'
        '<div class="col-md-8 portlet-column portlet-column-first" id="column-1">\n'
        + main + "</div>\n" + side + "</div>\n</section>\n"
        '<footer id="footer" role="contentinfo"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Đồng '
        "Tháp</p><p>Địa chỉ: Số 12, đường 30/4, Phường 1, TP. Cao Lãnh, tỉnh Đồng Tháp</p>"
        "<p>Ghi rõ nguồn Cổng thông tin điện tử tỉnh Đồng Tháp khi phát hành lại thông tin từ "
        "trang này.</p></footer>\n</div>\n</body>\n</html>\n"
    )


def _image(path: str, caption: str | None, style: str, alt: str) -> str:
    img = f'<img alt="{escape(alt)}" src="{path}" style="width: 600px; height: 400px;">'
    if caption is None:
        return f'<p style="text-align:center">{img}</p>'
    cap = escape(caption, quote=False)
    if style == "figure":
        return f'<figure class="image">{img}\n<figcaption>{cap}</figcaption></figure>'
    if style == "em":
        return (f'<p style="text-align:center">{img}</p>\n'
                f'<p style="text-align:center"><em>{cap}</em></p>')
    return ('<table align="center" border="0" cellpadding="1" cellspacing="1" class="image">'
            f'<tbody><tr><td>{img}</td></tr><tr><td class="image_desc">{cap}</td></tr>'
            "</tbody></table>")


def _text(spec: ArticleSpec, text: str) -> str:
    """Escaped text; on ``nbsp`` pages with the &nbsp; and zero-width spaces editors leave."""
    out = escape(text, quote=False)
    if spec.nbsp:
        out = out.replace(", ", ",&nbsp;", 1).replace(" ", "\u200b ", 1) + "&nbsp;"
    return out


def _related(related: list[ArticleSpec]) -> str:
    items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a> <span class="ngay">'
                    f"({a.when:%d/%m/%Y})</span></li>" for a in related if a.when)
    return (f'<div class="tin-khac"><h4 class="tin-khac-title">Các tin đã đưa</h4><ul>{items}'
            "</ul></div>")


def _news_detail(spec: ArticleSpec, related: list[ArticleSpec]) -> str:
    """The theme's web-content template (``div.news-detail``)."""
    lead = _text(spec, spec.lead)
    parts = [f'<h3 class="title-news">{escape(spec.title)}</h3>']
    if spec.date_style in ("ngayxam", "sach"):
        parts.append(f'<span class="text-ngayxam-page">{escape(spec.date_line)}</span>')
    elif spec.date_style != "xuatban":  # "Xuất bản …" is in the asset publisher's metadata
        parts.append(f'<p class="ngay-dang">{escape(spec.date_line)}</p>')
    parts.append(f'<div class="sapo">{f"<strong>{lead}</strong>" if spec.bold_lead else lead}'
                 "</div>")
    images = list(spec.images)
    if images:
        path, caption = images.pop(0)
        parts.append(_image(path, caption, spec.caption_style, spec.title if caption else ""))
    paragraphs, i = spec.paragraphs, 0
    while i < len(paragraphs):
        if i == spec.list_after and spec.list_len:
            items = "".join(f"<li>{_text(spec, t)}</li>" for t in paragraphs[i:i + spec.list_len])
            parts.append(f"<ol>{items}</ol>")
            i += spec.list_len
        else:
            parts.append(f'<p style="text-align: justify;">{_text(spec, paragraphs[i])}</p>')
            if i == 0 and spec.empty_paragraph:
                parts.append("<p>&nbsp;</p>")
            i += 1
        if i >= 2 and images:  # a second photo further down
            parts.append(_image(*images.pop(0), spec.caption_style, ""))
    parts.extend(f'<p>Tải về: <a href="{path}" target="_blank">{escape(name)}</a></p>'
                 for path, name in spec.attachments)
    if spec.byline_line:
        parts.append(f'<p style="text-align: right;"><strong>{escape(spec.byline_line)}'
                     "</strong></p>")
    if spec.related_inside:
        parts.append(_related(related))
    return '<div class="news-detail">\n' + "\n".join(parts) + "\n</div>"


def _discussion() -> str:
    return (
        '<div class="asset-discussion"><div class="taglib-discussion">'
        '<h3 class="discussion-title">Ý kiến của bạn</h3>'
        '<form action="/c/portal/comment/discussion/edit" method="post" name="fm_discussion">'
        '<input name="ho_ten" placeholder="Họ và tên" type="text"> '
        '<input name="email" placeholder="Thư điện tử" type="email">'
        '<textarea name="noi_dung" placeholder="Nội dung"></textarea>'
        '<button class="btn btn-primary" type="submit">Gửi ý kiến</button></form>'
        '<div class="comment-count">Ý kiến bạn đọc (0)</div></div></div>'
    )


def article_html(spec: ArticleSpec, base_url: str, sections: list[SectionSpec],
                 related: list[ArticleSpec], popular: list[ArticleSpec],
                 featured: list[ArticleSpec]) -> str:
    """A full article page: the Asset Publisher's full content and all the portal chrome."""
    section = next((s for s in sections if s.name == spec.section), sections[0])
    meta_row = ""
    if spec.date_style == "xuatban":
        meta_row = ('<div class="asset-metadata"><span class="metadata-entry '
                    f'metadata-publish-date date-info">{escape(spec.date_line)}</span></div>\n')
    full = (
        '<div class="asset-full-content clearfix mb-5 default-asset-publisher show-asset-title">\n'
        '<div class="mb-2"><h4 class="component-title"><span class="header-back-to">'
        f'<a class="lfr-icon-item taglib-icon" href="{section.path}" target="_self">'
        '<span class="taglib-text hide-accessible">null</span></a></span>\n'
        f'<span class="asset-title d-inline">\n\t\t\t\t\t{escape(spec.title)}\n\t\t\t\t</span>'
        f"</h4></div>\n{meta_row}"
        f'<span class="asset-anchor lfr-asset-anchor" id="{zlib.crc32(spec.path.encode())}">'
        '</span>\n<div class="asset-content mb-3">\n<div class="journal-content-article" '
        f'data-analytics-asset-id="{zlib.crc32(spec.title.encode()) % 10**7}" '
        f'data-analytics-asset-title="{escape(spec.title)}" '
        'data-analytics-asset-type="web-content">\n'
        f"{_news_detail(spec, related)}\n</div>\n</div>\n"
        '<div class="social-share"><a class="share" href="#chia-se">Chia sẻ</a> '
        '<a class="print" href="javascript:window.print();">In bài viết</a> '
        '<a class="follow" href="#theo-doi">Follow</a></div>\n'
        + ("" if spec.related_inside else _related(related) + "\n")
        + _discussion() + "\n</div>"
    )
    main = _portlet(f"{AP}{section.instance}", "Xuất bản thông tin", full)
    url = f"{base_url}{spec.path}"
    og_title = _entities(spec.title) if spec.entity_og_title else escape(spec.title)
    description = spec.lead[:160]
    if spec.date_style == "ngayxam":
        description = f"{spec.date_line} {description}"
    og_image = (f'<meta property="og:image" content="{base_url}{spec.images[0][0]}">\n'
                if spec.images else "")
    head = (
        f'<link href="{url}" rel="canonical">\n'
        f'<meta content="{escape(description)}" name="description">\n'
        f'<meta property="og:site_name" content="{SITE_TITLE}">\n'
        '<meta property="og:type" content="website">\n'
        f'<meta property="og:title" content="{og_title}">\n'
        f'<meta property="og:url" content="{url}">\n{og_image}'
    )
    html = page(f"{spec.title} - {SITE_TITLE}", head, main, sidebar(popular, featured, sections),
                sections, [(section.path, section.name)])
    return unicodedata.normalize("NFD", html) if spec.nfd else html


def _summary(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def list_html(section: SectionSpec, items: list[ArticleSpec], page_no: int, pages: int,
              total: int, per_page: int, base_url: str, sections: list[SectionSpec],
              popular: list[ArticleSpec], featured: list[ArticleSpec]) -> str:
    """A section's list page: Asset Publisher abstracts and Liferay 7 pagination."""
    def link(n: int) -> str:
        return f"{base_url}{section.path}?{cur_param(section)}={n}"

    here = link(page_no) if page_no > 1 else f"{base_url}{section.path}"
    abstracts = []
    for spec in items:
        href = spec.path
        if spec.redirect_link:  # like Liferay's view URLs: absolute, back to this list page
            href = f"{base_url}{spec.path}?inheritRedirect=true&amp;redirect={quote(here, '')}"
        abstracts.append(
            '<div class="asset-abstract">\n'
            f'<h3 class="asset-title"><a href="{href}">{escape(spec.title)}</a></h3>\n'
            '<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">'
            f"{spec.when:%d/%m/%Y}</span></div>\n"
            f'<div class="asset-content"><div class="asset-summary">{escape(_summary(spec.lead))}'
            f'</div><div class="asset-more"><a href="{href}">Xem thêm <span class="hide-'
            f'accessible">về {escape(spec.title)}</span> »</a></div></div>\n</div>')

    def button(label: str, target: int, enabled: bool) -> str:
        if not enabled:
            return f'<li class="disabled"><a href="javascript:;">{label}</a></li>'
        return f'<li><a href="{link(target)}">{label}</a></li>'

    first = (page_no - 1) * per_page + 1
    shown = f"{first} - {first + len(items) - 1}" if items else "0 - 0"
    pager = (
        '<div class="taglib-page-iterator"><div class="clearfix lfr-pagination">'
        '<div class="lfr-pagination-config"><div class="lfr-pagination-page-selector">'
        f'<span class="lfr-icon-menu-text">Trang {page_no} / {pages}</span></div></div>'
        f'<small class="search-results">Hiển thị {shown} / {total} kết quả.</small>'
        '<ul class="lfr-pagination-buttons pager">'
        + button("Đầu", 1, page_no > 1) + button("Trước", page_no - 1, page_no > 1)
        + button("Tiếp", page_no + 1, page_no < pages) + button("Cuối", pages, page_no < pages)
        + "</ul></div></div>"
    )
    body = "\n".join(abstracts) or '<div class="alert alert-info">Không có kết quả nào.</div>'
    main = _portlet(f"{AP}{section.instance}", section.name, f"{body}\n{pager}")
    head = f'<link href="{base_url}{section.path}" rel="canonical">\n'
    return page(f"{section.name} - {SITE_TITLE}", head, main, sidebar(popular, featured, sections),
                sections, [(section.path, section.name)])


def home_html(base_url: str, sections: list[SectionSpec], latest: list[ArticleSpec],
              popular: list[ArticleSpec]) -> str:
    """The home page: the news sections and the latest articles."""
    links = "".join(f'<li><a href="{s.path}">{escape(s.name)}</a></li>' for s in sections)
    main = (_portlet(f"{JC}home0Sec", "Tin tức - Sự kiện", f'<ul class="chuyen-muc">{links}</ul>')
            + _portlet(f"{AP}home1New", "Tin mới", _links(latest, "tin-moi")))
    head = f'<link href="{base_url}/" rel="canonical">\n'
    return page(SITE_TITLE, head, main, sidebar(popular, latest[:4], sections), sections)


def not_found_html(path: str, sections: list[SectionSpec]) -> str:
    """Liferay's status page for a missing resource, in the theme."""
    main = ('<div class="portlet-msg-error alert alert-danger"><h2>Không tìm thấy trang</h2>'
            f"<p>Không thể tìm thấy tài nguyên được yêu cầu: {escape(path)}</p>"
            '<p><a href="/">Quay về trang chủ</a></p></div>\n')
    return page(f"Không tìm thấy trang - {SITE_TITLE}", "", main, "", sections)


def error_html(status: int) -> str:
    """The small body of an injected fault."""
    text = {404: "Không tìm thấy trang", 500: "Lỗi máy chủ nội bộ",
            503: "Dịch vụ tạm thời không khả dụng"}.get(status, f"Lỗi {status}")
    return (f'<!DOCTYPE html><html lang="vi-VN"><head><meta charset="utf-8"><title>{status} '
            f"{text}</title></head><body><h1>{text}</h1></body></html>")
