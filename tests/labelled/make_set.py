"""Write the labelled extraction set (``*.html`` + ``*.json``) in this folder.

Run once (``.venv/bin/python tests/labelled/make_set.py``); the written files are what the
tests and ``pressarchive eval`` read, so they are committed and this script is only the
record of how they were made. Every text here was written for this set (no copied
article text); the markup follows ../shared/portal-markup.md and the real pages in
../shared/vn_html (structure and class names only).

Each page's labels come from the same spec that renders it: ``body`` is the lead and the
prose blocks (list items one a paragraph, table rows as ``cell | cell``), never captions,
bylines, date lines, attachment links or chrome.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import zlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from articles import ARTICLES  # noqa: E402  (the article texts live beside this script)


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


def slugify(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Page:
    """One labelled page: what the portal shows and how, and the expected fields."""

    key: str
    markup: str
    url: str
    site: str | None
    title: str
    lead: str
    parts: list[tuple] = field(default_factory=list)
    published: str | None = None
    precision: str = "minute"
    date_text: str = ""
    byline: str | None = None
    author: str | None = None
    source: str | None = None
    variant: str = ""
    charset: str | None = None
    notes: str = ""
    opts: dict = field(default_factory=dict)

    def expected_body(self) -> str:
        out = [self.lead] if self.lead else []
        for part in self.parts:
            kind = part[0]
            if kind in ("p", "h"):
                out.append(part[1])
            elif kind in ("ol", "ul"):
                out.extend(part[1])
            elif kind == "table":
                out.extend(" | ".join(row) for row in part[1])
        return "\n\n".join(out)


# -- shared body rendering ----------------------------------------------------------


def image_html(src: str, caption: str | None, style: str) -> str:
    img = f'<img alt="" src="{attr(src)}" style="width: 600px; height: 400px;">'
    if caption is None:
        return f'<p style="text-align: center;">{img}</p>'
    cap = esc(caption)
    if style == "figure":
        return f'<figure class="image">{img}<figcaption>{cap}</figcaption></figure>'
    if style == "table":
        return ('<table align="center" border="0" cellpadding="1" cellspacing="1" '
                f'class="image"><tbody><tr><td>{img}</td></tr><tr><td class="image_desc">'
                f"{cap}</td></tr></tbody></table>")
    if style == "wp":
        return (f'<figure class="wp-block-image size-large">{img}'
                f'<figcaption class="wp-element-caption">{cap}</figcaption></figure>')
    if style == "i":
        return f'<p align="center">{img}<br><i>{cap}</i></p>'
    return (f'<p style="text-align: center;">{img}</p>\n'
            f'<p style="text-align: center;"><em>{cap}</em></p>')


def parts_html(page: Page, *, p_attrs: str = ' style="text-align: justify;"',
               nbsp: bool = False) -> str:
    out = []
    for part in page.parts:
        kind = part[0]
        if kind == "p":
            text = esc(part[1])
            if nbsp:  # what editors leave: &nbsp; after commas, zero-width spaces, a trailer
                text = text.replace(", ", ",&nbsp;", 2).replace(" ", " \u200b", 1) + "&nbsp;"
            out.append(f"<p{p_attrs}>{text}</p>")
        elif kind == "h":
            out.append(f"<p{p_attrs}><strong>{esc(part[1])}</strong></p>")
        elif kind in ("ol", "ul"):
            items = "".join(f"<li>{esc(t)}</li>" for t in part[1])
            out.append(f"<{kind}>{items}</{kind}>")
        elif kind == "table":
            head, *rows = part[1]
            th = "".join(f"<td><strong>{esc(c)}</strong></td>" for c in head)
            trs = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>"
                          for r in rows)
            out.append('<table border="1" cellpadding="2" cellspacing="0" style="width:100%">'
                       f"<tbody><tr>{th}</tr>{trs}</tbody></table>")
        elif kind == "img":
            out.append(image_html(part[1], part[2], part[3]))
        elif kind == "att":
            _, href, name, label = part
            link = f'<a href="{attr(href)}" target="_blank">{esc(name)}</a>'
            out.append(f"<p>{esc(label)}{link}</p>" if label else f"<p>{link}</p>")
        elif kind == "raw":
            out.append(part[1])
    return "\n".join(out)


def other_titles(key: str, n: int = 5) -> list[tuple[str, str]]:
    """(title, slug) of other pages of the set, for "Tin xem nhiều"-style lists."""
    others = [a for a in ARTICLES if a["key"] != key]
    start = sum(map(ord, key)) % len(others)
    picked = (others[start:] + others[:start])[:n]
    return [(a["title"], slugify(a["title"])) for a in picked]


# -- Liferay (the Đồng Tháp portal, profile "dongthap") ------------------------------

LR_SITE = "Cổng thông tin điện tử tỉnh Đồng Tháp"
LR_SECTIONS = [("Chính trị - Xây dựng Đảng", "/tin-tuc/chinh-tri"), ("Kinh tế", "/tin-tuc/kinh-te"),
               ("Văn hóa - Xã hội", "/tin-tuc/van-hoa-xa-hoi"), ("Thông báo", "/thong-bao")]
AP7 = "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_"


def lr_portlet(pid: str, title: str, inner: str) -> str:
    return (
        f'<div class="portlet-boundary portlet-static decorate" id="p_p_id_{pid}_">'
        f'<section class="portlet" id="portlet_{pid}"><div class="portlet-content">'
        '<div class="autofit-float autofit-row portlet-header"><div class="autofit-col '
        'autofit-col-expand"><h2 class="portlet-title"><span class="portlet-title-text">'
        f"{esc(title)}</span></h2></div></div>"
        f'<div class="portlet-content-container"><div class="portlet-body">\n{inner}\n'
        "</div></div></div></section></div>\n"
    )


def lr_menu(where: str) -> str:
    items = "".join(f'<li class="nav-item"><a class="nav-link" href="{p}">{esc(n)}</a></li>'
                    for n, p in LR_SECTIONS)
    return (f'<nav class="main-menu {where}" aria-label="Danh mục chính"><div class="menu-title">'
            'Danh mục chính <span class="menu-toggle">Menu</span></div><ul class="navbar-nav">'
            f'<li class="nav-item"><a class="nav-link" href="/">Trang chủ</a></li>{items}</ul>'
            "</nav>\n")


def lr_sidebar(key: str) -> str:
    popular = "".join(f'<li><a href="/-/{s}">{esc(t)}</a> <span class="luot-xem">'
                      f"({2870 - 311 * i} lượt xem)</span></li>"
                      for i, (t, s) in enumerate(other_titles(key)))
    featured = "".join(f'<li><a href="/-/{s}">{esc(t)}</a></li>'
                       for t, s in other_titles(key + "x", 4))
    press = ('<div class="journal-content-article" data-analytics-asset-title="Chính quyền với '
             'báo chí"><p class="mo-ta">Nơi tổng hợp phản hồi của chính quyền tỉnh đối với các '
             'vấn đề báo chí nêu</p><ul class="bao-chi">'
             '<li><a href="/chinh-quyen-voi-bao-chi/phan-hoi">Phản hồi báo chí</a></li>'
             '<li><a href="/chinh-quyen-voi-bao-chi/thong-cao">Thông cáo báo chí</a></li>'
             '<li><a href="/chinh-quyen-voi-bao-chi/nguoi-phat-ngon">Người phát ngôn</a></li>'
             "</ul></div>")
    banners = "".join(
        lr_portlet(f"com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_b{i}",
                   name, f'<a href="/banner/{i}"><img class="img-fluid" alt="{attr(name)}" '
                   f'src="/o/dongthap-theme/images/banner/b{i}.png"></a>')
        for i, name in enumerate(["Banner Bản tin chỉ đạo điều hành", "Banner Video",
                                  "Banner Tin đồ họa"]))
    return (
        '<div class="col-md-4 portlet-column portlet-column-last" id="column-2">\n'
        + lr_portlet("com_liferay_asset_publisher_web_portlet_MostViewedAssetsPortlet_INSTANCE_mv1",
                     "Tin xem nhiều", f'<ul class="tin-xem-nhieu">{popular}</ul>')
        + lr_menu("menu-doc")
        + lr_portlet("com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_cq",
                     "Chính quyền với báo chí", press)
        + banners
        + lr_portlet(f"{AP7}noiBat7", "Tin nổi bật", f'<ul class="tin-noi-bat">{featured}</ul>')
        + "</div>\n"
    )


def lr_discussion() -> str:
    return ('<div class="asset-discussion"><div class="taglib-discussion">'
            '<h3 class="discussion-title">Ý kiến của bạn</h3><form action="/c/portal/comment/'
            'discussion/edit" method="post" name="fm_discussion"><input name="ho_ten" '
            'placeholder="Họ và tên" type="text"><textarea name="noi_dung" placeholder="Nội '
            'dung"></textarea><button class="btn btn-primary" type="submit">Gửi ý kiến</button>'
            '</form><div class="comment-count">Ý kiến bạn đọc (0)</div></div></div>')


def lr_related(key: str, heading: str = "Các tin đã đưa") -> str:
    items = "".join(f'<li><a href="/-/{s}">{esc(t)}</a> <span class="ngay">(1{i}/0{i + 1}/2023)'
                    "</span></li>" for i, (t, s) in enumerate(other_titles(key + "r", 4)))
    return f'<div class="tin-khac"><h4 class="tin-khac-title">{heading}</h4><ul>{items}</ul></div>'


def lr_detail(page: Page) -> str:
    """The theme's web-content template: title again, date, sapo, body, byline."""
    cls = page.opts.get("body_class", "news-detail")
    parts = [f'<h3 class="title-news">{esc(page.title)}</h3>']
    style = page.opts.get("date_style", "ngayxam")
    if style == "ngayxam":
        parts.append(f'<span class="text-ngayxam-page">{esc(page.date_text)}</span>')
    elif style == "ngaydang":
        parts.append(f'<p class="ngay-dang">{esc(page.date_text)}</p>')
    if page.opts.get("sapo", True):
        parts.append(f'<div class="sapo"><strong>{esc(page.lead)}</strong></div>')
    else:
        parts.append(f'<p style="text-align: justify;">{esc(page.lead)}</p>')
    parts.append(parts_html(page, nbsp=page.opts.get("nbsp", False)))
    if page.byline:
        parts.append(f'<p style="text-align: right;"><strong>{esc(page.byline)}</strong></p>')
    if page.opts.get("related_inside"):
        parts.append(lr_related(page.key))
    return f'<div class="{cls}">\n' + "\n".join(parts) + "\n</div>"


def liferay_page(page: Page) -> str:
    if page.variant == "6.2":
        return liferay62_page(page)
    meta_row = ""
    if page.opts.get("date_style") == "xuatban":
        meta_row = ('<div class="asset-metadata"><span class="metadata-entry metadata-publish-date '
                    f'date-info">{esc(page.date_text)}</span></div>\n')
    full = (
        '<div class="asset-full-content clearfix mb-5 default-asset-publisher show-asset-title">\n'
        '<div class="mb-2"><h4 class="component-title"><span class="header-back-to">'
        '<a class="lfr-icon-item taglib-icon" href="/tin-tuc" target="_self">'
        '<span class="taglib-text hide-accessible">null</span></a></span>\n'
        f'<span class="asset-title d-inline">\n\t\t\t\t{esc(page.title)}\n\t\t\t</span></h4>'
        f"</div>\n{meta_row}"
        '<div class="asset-content mb-3">\n<div class="journal-content-article" '
        f'data-analytics-asset-id="{zlib.crc32(page.key.encode()) % 10**7}" '
        f'data-analytics-asset-title="{attr(page.title)}" data-analytics-asset-type="web-content">'
        f"\n{lr_detail(page)}\n</div>\n</div>\n"
        '<div class="social-share"><a class="share" href="#chia-se">Chia sẻ</a> '
        '<a class="print" href="javascript:window.print();">In bài viết</a> '
        '<a class="follow" href="#theo-doi">Follow</a></div>\n'
        + ("" if page.opts.get("related_inside") else lr_related(page.key) + "\n")
        + lr_discussion() + "\n</div>"
    )
    main = lr_portlet(f"{AP7}Xk3pQm8Rt2aB", "Xuất bản thông tin", full)
    description = page.lead[:150]
    if page.opts.get("date_style") == "ngayxam":
        description = f"{page.date_text} {description}"
    head = (f'<link href="{attr(page.url)}" rel="canonical">\n'
            f'<meta content="{attr(description)}" name="description">\n'
            f'<meta property="og:site_name" content="{attr(LR_SITE)}">\n'
            '<meta property="og:type" content="website">\n'
            f'<meta property="og:title" content="{attr(page.title)}">\n'
            f'<meta property="og:url" content="{attr(page.url)}">\n')
    return lr_shell(page, head, main)


def lr_shell(page: Page, head: str, main: str) -> str:
    return (
        '<!DOCTYPE html>\n<html class="ltr" dir="ltr" lang="vi-VN">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{esc(page.title)} - {esc(LR_SITE)}</title>\n'
        '<meta content="initial-scale=1.0, width=device-width" name="viewport">\n'
        f"{head}"
        '<link class="lfr-css-file" href="/o/dongthap-theme/css/main.css" rel="stylesheet">\n'
        '<script>var themeDisplay = Liferay.ThemeDisplay = {getLanguageId: function() '
        '{return "vi_VN";}};</script>\n</head>\n'
        '<body class="controls-visible guest-site signed-out public-page site">\n'
        '<div class="container-fluid" id="wrapper">\n<header id="banner" role="banner">'
        '<div class="logo"><a href="/" title="Trang chủ"><img alt="Logo" '
        'src="/o/dongthap-theme/images/logo.png"></a></div><div class="banner-title">CỔNG '
        'THÔNG TIN ĐIỆN TỬ TỈNH ĐỒNG THÁP</div></header>\n'
        + lr_menu("menu-ngang")
        + '<nav id="breadcrumbs"><ol class="breadcrumb"><li class="breadcrumb-item">'
        '<a href="/">Trang chủ</a></li><li class="breadcrumb-item"><a href="/tin-tuc">Tin tức'
        '</a></li></ol></nav>\n<section id="content">\n<div class="portlet-layout row">\n'
        '<div class="col-md-8 portlet-column portlet-column-first" id="column-1">\n'
        + main + "</div>\n" + lr_sidebar(page.key) + "</div>\n</section>\n"
        '<footer id="footer" role="contentinfo"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh '
        "Đồng Tháp</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p></footer>\n"
        "</div>\n</body>\n</html>\n"
    )


def liferay62_page(page: Page) -> str:
    """A Liferay 6.2 theme: portlet title in an h1, h3.header-title, metadata row."""
    full = (
        '<div class="asset-full-content default-asset-publisher show-asset-title">\n'
        '<div class="taglib-header"><span class="header-back-to"><a href="/tin-tuc" '
        'title="Quay lại"><i class="icon-circle-arrow-left"></i><span class="taglib-text '
        'hide-accessible">Quay lại</span></a></span>'
        f'<h3 class="header-title"><span>{esc(page.title)}</span></h3></div>\n'
        '<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">'
        f"{esc(page.date_text)}</span> <span class=\"metadata-entry metadata-view-count\">"
        "Lượt xem: 1.204</span></div>\n"
        '<div class="asset-content"><div class="journal-content-article">\n'
        f"{lr_detail(page)}\n</div></div>\n"
        '<div class="asset-links"><h2 class="asset-links-title">Tin liên quan</h2><ul>'
        + "".join(f'<li><a href="/-/{s}">{esc(t)}</a></li>' for t, s in other_titles(page.key, 3))
        + "</ul></div>\n" + lr_discussion() + "\n</div>"
    )
    main = (
        '<div class="portlet-boundary portlet-boundary_101_ portlet-static" '
        'id="p_p_id_101_INSTANCE_Xk3pQm8Rt2aB_"><section class="portlet" '
        'id="portlet_101_INSTANCE_Xk3pQm8Rt2aB"><header class="portlet-topper">'
        '<h1 class="portlet-title"><span class="portlet-title-text">Xuất bản thông tin</span>'
        f'</h1></header><div class="portlet-content">\n{full}\n</div></section></div>\n'
    )
    head = (f'<meta content="{attr(page.lead[:150])}" name="description">\n'
            f'<meta property="og:title" content="{attr(page.title)}">\n')
    return lr_shell(page, head, main)


# -- ASP.NET / SharePoint ------------------------------------------------------------

SP_SITE = "Cổng thông tin điện tử Sở Thông tin và Truyền thông"
CMS_SITE = "Trang thông tin điện tử huyện Hòa Bình"


def aspnet_chrome_left(key: str) -> str:
    items = "".join(f'<li><a href="/tin-tuc/{s}-{100 + i}.aspx">{esc(t)}</a></li>'
                    for i, (t, s) in enumerate(other_titles(key)))
    return ('<div class="box-tin-xem-nhieu"><div class="box-title">Tin xem nhiều</div>'
            f'<ul class="list-news">{items}</ul></div>'
            '<div class="banner-right"><a href="/dich-vu-cong"><img alt="Dịch vụ công trực '
            'tuyến" src="/Style%20Library/images/bn-dvc.png"></a><a href="/hoi-dap"><img '
            'alt="Hỏi đáp trực tuyến" src="/Style%20Library/images/bn-hoidap.png"></a></div>'
            '<div class="lien-ket-web"><div class="box-title">Liên kết website</div><select '
            'name="ctl00$ddlLienKet"><option>-- Chọn liên kết --</option><option>Cổng Dịch '
            "vụ công quốc gia</option></select></div>")


def aspnet_comment() -> str:
    return ('<div class="comment-box"><div class="box-title">Ý kiến của bạn</div>'
            '<input name="ctl00$txtHoTen" placeholder="Họ tên" type="text">'
            '<textarea name="ctl00$txtNoiDung" rows="4"></textarea>'
            '<input name="ctl00$btnGui" type="submit" value="Gửi ý kiến"></div>')


def aspnet_page(page: Page) -> str:
    sp = page.variant == "sp"
    site = SP_SITE if sp else CMS_SITE
    info = page.opts.get("info_html") or f'<span class="date">{esc(page.date_text)}</span>'
    byline_html = ""
    if page.byline:
        byline_html = (f'<div class="author">{esc(page.byline)}</div>'
                       if page.opts.get("author_div") else
                       f'<p style="text-align:right"><strong>{esc(page.byline)}</strong></p>')
    related = "".join(f'<li><a href="/tin-tuc/{s}-{200 + i}.aspx">{esc(t)}</a></li>'
                      for i, (t, s) in enumerate(other_titles(page.key + "o", 4)))
    if sp:
        article = (
            '<div class="article-detail">'
            f'<h1 class="article-title"><span class="ms-rteElement">{esc(page.title)}</span></h1>'
            f'<div class="article-info">{info}</div>'
            f'<div class="article-summary"><strong>{esc(page.lead)}</strong></div>'
            '<div class="ms-rtestate-field article-content">\n'
            f"{parts_html(page, p_attrs='')}\n{byline_html}\n</div>"
            '<div class="tools"><a href="javascript:window.print()">In trang</a> | '
            '<a href="mailto:?subject=tin">Gửi email</a> | <a href="#top">Về đầu trang</a></div>'
            f'<div class="other-news"><div class="box-title">Các tin khác</div><ul>{related}</ul>'
            "</div></div>"
        )
    else:
        article = (
            '<div class="news-detail">'
            f'<h2 class="news-title">{esc(page.title)}</h2>'
            f'<div class="news-date">{info}</div>'
            f'<div class="news-sapo">{esc(page.lead)}</div>'
            '<div class="news-content" id="ctl00_ContentPlaceHolder1_ctl00_divContent">\n'
            f"{parts_html(page)}\n{byline_html}\n</div>"
            '<div class="news-share">Chia sẻ: <a href="#fb">Facebook</a> <a href="#zalo">Zalo</a>'
            f'</div><div class="tin-khac"><h3>Tin khác</h3><ul>{related}</ul></div></div>'
        )
    menu = "".join(f'<li><a href="/{slugify(m)}">{esc(m)}</a></li>' for m in [
        "Giới thiệu", "Tin tức - Sự kiện", "Văn bản pháp luật", "Thủ tục hành chính",
        "Hỏi đáp", "Liên hệ"])
    left_first = page.opts.get("left_first", False)
    side = f'<div class="col-right">{aspnet_chrome_left(page.key)}</div>'
    body = f'<div class="col-main">{article}{aspnet_comment()}</div>'
    columns = side + body if left_first else body + side
    charset = page.opts.get("meta_charset", "utf-8")
    og = page.opts.get("og_title", True)
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="vi">\n<head>'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />\n'
        f"<title>\n\t{esc(page.title)} - {esc(site)}\n</title>\n"
        + (f'<meta property="og:title" content="{attr(page.title)}" />\n' if og else "")
        + '<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/'
        'corev15.css" />\n<script type="text/javascript">var _spPageContextInfo = '
        '{webServerRelativeUrl: "/", currentLanguage: 1066};</script>\n</head>\n<body>\n'
        '<form method="post" action="./chi-tiet-tin.aspx" id="aspnetForm">\n'
        '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
        'value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWBAIBDw8WAh4EVGV4dAUJ" />'
        "</div>\n"
        f'<div id="header"><div class="logo"><img alt="Logo" src="/images/logo.png" />'
        f'<span class="site-name">{esc(site.upper())}</span></div></div>\n'
        f'<div id="menu"><ul class="top-menu"><li><a href="/">Trang chủ</a></li>{menu}</ul>'
        '</div>\n<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">'
        "Tin tức - Sự kiện</a></div>\n"
        f'<div id="content">{columns}</div>\n'
        '<div id="footer"><p>Bản quyền thuộc về ' + esc(site) + "</p><p>Giấy phép số 12/GP-TTĐT"
        "</p><p>Lượt truy cập: 1.254.310</p></div>\n</form>\n</body>\n</html>\n"
    )


# -- PHP: WordPress and NukeViet ----------------------------------------------------

WP_SITE = "Báo điện tử Phú Điền"
NV_SITE = "Trang thông tin điện tử xã Tân Phước"


def wp_page(page: Page) -> str:
    if page.variant == "nv":
        return nukeviet_page(page)
    date_html = page.opts.get("date_html") or (
        f'<span class="post-date">{esc(page.date_text)}</span>')
    meta = page.opts.get("meta", "")
    og_title = page.opts.get("og_title") or attr(page.title)
    byline_html = ""
    if page.byline:
        byline_html = (f'<p class="author">{esc(page.byline)}</p>'
                       if page.opts.get("author_p", True) else
                       f'<p style="text-align: right;"><strong>{esc(page.byline)}</strong></p>')
    inside = ""
    if page.opts.get("related_inside"):
        items = "".join(f'<li><a href="/{s}-a{40000 + i}.html">{esc(t)}</a></li>'
                        for i, (t, s) in enumerate(other_titles(page.key + "l", 3)))
        inside = (f'<div class="related-posts"><h3>Tin liên quan</h3><ul>{items}</ul></div>'
                  '<div class="share-buttons"><a href="#fb">Chia sẻ</a> <a href="#zalo">Zalo'
                  "</a></div>")
    popular = "".join(f'<li><a href="/{s}-a{30000 + i}.html">{esc(t)}</a></li>'
                      for i, (t, s) in enumerate(other_titles(page.key)))
    menu = "".join(f'<li class="menu-item"><a href="/{slugify(m)}/">{esc(m)}</a></li>'
                   for m in ["Thời sự", "Chính trị", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao"])
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="UTF-8">\n'
        f"<title>{esc(page.title)} | {esc(WP_SITE)}</title>\n"
        f'<meta property="og:title" content="{og_title}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:url" content="{attr(page.url)}">\n{meta}'
        f'<link rel="canonical" href="{attr(page.url)}">\n'
        "<link rel='stylesheet' href='/wp-content/themes/baodientu/style.css' media='all'>\n"
        '</head>\n<body class="post-template-default single single-post">\n'
        f'<header class="site-header"><div class="site-branding"><p class="site-title">'
        f'<a href="/">{esc(WP_SITE)}</a></p></div><nav class="main-navigation"><ul id="menu-'
        f'chinh">{menu}</ul></nav></header>\n'
        '<div class="ads-top"><a href="/quang-cao"><img alt="Banner quảng cáo" '
        'src="/wp-content/uploads/banner-728x90.jpg"></a></div>\n'
        '<div id="primary" class="content-area"><main id="main" class="site-main">\n'
        f'<article id="post-{40000 + len(page.key)}" class="post type-post status-publish">\n'
        f'<header class="entry-header"><h1 class="entry-title">{esc(page.title)}</h1>'
        f'<div class="entry-meta">{date_html}</div></header>\n'
        f'<div class="sapo">{esc(page.lead)}</div>\n<div class="entry-content">\n'
        f"{parts_html(page, p_attrs='')}\n{byline_html}\n{inside}</div>\n"
        '<footer class="entry-footer"><span class="tags-links">Từ khóa: <a href="/tag/dia-'
        'phuong/">địa phương</a></span></footer>\n</article>\n'
        '<div id="comments" class="comments-area"><h3 class="comment-reply-title">Ý kiến của '
        'bạn</h3><form id="commentform"><textarea name="comment"></textarea><input '
        'type="submit" value="Gửi bình luận"></form></div>\n</main></div>\n'
        '<aside id="secondary" class="widget-area"><section class="widget"><h2 '
        f'class="widget-title">Tin xem nhiều</h2><ul>{popular}</ul></section><section class="'
        'widget"><a href="/e-magazine"><img alt="Banner E-magazine" src="/wp-content/uploads/'
        'emagazine.jpg"></a></section></aside>\n'
        f'<footer class="site-footer"><p>© {esc(WP_SITE)}. Tổng biên tập: Nguyễn Văn A.</p>'
        "</footer>\n</body>\n</html>\n"
    )


def nukeviet_page(page: Page) -> str:
    charset = page.opts.get("meta_charset", "utf-8")
    byline_html = ""
    if page.author:
        byline_html = ('<p style="text-align: right;"><strong>Tác giả: </strong>'
                       f"{esc(page.author)}</p>")
    elif page.byline:
        byline_html = f'<p style="text-align: right;"><strong>{esc(page.byline)}</strong></p>'
    others = "".join(f'<li><a href="/news/tin-tuc/{s}-{900 + i}.html">{esc(t)}</a></li>'
                     for i, (t, s) in enumerate(other_titles(page.key + "n", 4)))
    popular = "".join(f'<li><a href="/news/tin-tuc/{s}-{800 + i}.html">{esc(t)}</a></li>'
                      for i, (t, s) in enumerate(other_titles(page.key)))
    return (
        '<!DOCTYPE html>\n<html lang="vi" xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        f"<title>{esc(page.title)} - {esc(NV_SITE)}</title>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        '<meta name="generator" content="NukeViet v4.5">\n'
        f'<meta property="og:title" content="{attr(page.title)}">\n'
        '<link rel="alternate" href="/news/rss/" title="Tin tức" type="application/rss+xml">\n'
        '</head>\n<body>\n<div class="body-bg"><div class="wraper">\n'
        f'<header><div class="logo"><a href="/"><img alt="{attr(NV_SITE)}" src="/uploads/'
        f'logo.png"></a><span>{esc(NV_SITE)}</span></div></header>\n'
        '<nav class="second-nav" id="menusite"><ul class="nav navbar-nav"><li><a href="/">'
        'Trang nhất</a></li><li><a href="/news/">Tin tức</a></li><li><a href="/laws/">Văn bản'
        '</a></li><li><a href="/contact/">Liên hệ</a></li></ul></nav>\n'
        '<div class="row"><div class="col-md-18">\n<div id="news_detail" class="news_column '
        'panel panel-default"><div class="panel-body">\n'
        f"<h1>{esc(page.title)}</h1>\n"
        f'<span class="time">{esc(page.date_text)}</span>\n'
        f'<div id="hometext" class="hometext"><strong>{esc(page.lead)}</strong></div>\n'
        f'<div class="bodytext" id="news-bodyhtml">\n{parts_html(page, p_attrs="")}\n'
        f"{byline_html}\n</div>\n"
        '<div class="news-print"><a href="/news/print/">Bản in</a></div>\n'
        f'<div class="news_column"><h3>Những tin mới hơn</h3><ul class="related">{others}</ul>'
        "</div>\n"
        '<div class="comment-box"><h3>Ý kiến bạn đọc</h3><form action="/comment/" method="post">'
        '<textarea name="content"></textarea><input type="submit" value="Gửi bình luận">'
        "</form></div>\n</div></div>\n</div>\n"
        '<div class="col-md-6"><div class="panel panel-default"><div class="panel-heading">'
        f'Tin xem nhiều</div><div class="panel-body"><ul>{popular}</ul></div></div>'
        '<div class="panel"><a href="/dvc"><img alt="Banner Dịch vụ công" src="/uploads/'
        'banner/dvc.png"></a></div></div></div>\n'
        f'<footer id="footer"><p>© {esc(NV_SITE)}</p><p>Thống kê truy cập: Đang truy cập 12'
        " · Hôm nay 341</p></footer>\n</div></div>\n</body>\n</html>\n"
    )


# -- bare: a commune site from the 2000s, table layout, no classes --------------------


def bare_page(page: Page) -> str:
    site = page.opts.get("site_name", "Trang thông tin điện tử xã Bình Thạnh")
    title_tag = page.opts.get("title_tag", f"{page.title} - {site}")
    head_style = page.opts.get("headline", "h1")
    if head_style == "h1":
        headline = f"<h1>{esc(page.title)}</h1>"
    elif head_style == "h2":
        headline = f"<h2>{esc(page.title)}</h2>"
    elif head_style == "font":
        headline = f'<p><font size="4" color="#003399"><b>{esc(page.title)}</b></font></p>'
    else:
        headline = f"<p><b>{esc(page.title)}</b></p>"
    date_line = page.opts.get("date_html", f"<p><i>{esc(page.date_text)}</i></p>")
    date_first = page.opts.get("date_first", False)
    byline_html = f'<p align="right"><b>{esc(page.byline)}</b></p>' if page.byline else ""
    lead = f"<p>{esc(page.lead)}</p>" if page.lead else ""
    top = (date_line + headline) if date_first else (headline + date_line)
    menu = "".join(f'<tr><td><a href="/{slugify(m)}.php">{esc(m)}</a></td></tr>' for m in [
        "Trang chủ", "Giới thiệu chung", "Tin tức - Sự kiện", "Thông báo", "Văn bản",
        "Thủ tục hành chính", "Liên hệ"])
    popular = "".join(f'<li><a href="/chi-tiet.php?id={300 + i}">{esc(t)}</a></li>'
                      for i, (t, s) in enumerate(other_titles(page.key)))
    return (
        "<html>\n<head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        f"<title>{esc(title_tag)}</title>\n</head>\n"
        '<body bgcolor="#ffffff" leftmargin="0" topmargin="0">\n'
        '<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">\n'
        f'<tr><td colspan="3"><img src="/images/banner_top.jpg" width="980" height="150" '
        f'alt="{attr(site)}"></td></tr>\n'
        '<tr><td colspan="3"><a href="/">Trang chủ</a> | <a href="/gioi-thieu.php">Giới thiệu'
        '</a> | <a href="/tin-tuc.php">Tin tức</a> | <a href="/lien-he.php">Liên hệ</a></td>'
        "</tr>\n<tr>\n"
        f'<td width="200" valign="top"><table width="100%">{menu}</table>'
        '<p><b>Liên kết</b></p><p><a href="/dvc.php"><img src="/images/banner_dvc.gif" '
        'width="190" height="60" alt="Banner Dịch vụ công"></a></p></td>\n'
        f'<td width="580" valign="top">\n{top}\n{lead}\n{parts_html(page, p_attrs="")}\n'
        f"{byline_html}\n"
        '<p><a href="javascript:history.back()">Quay lại</a> | <a href="javascript:print()">'
        "In bài viết</a></p>\n"
        '<p><b>Ý kiến của bạn</b></p><form action="/gop-y.php" method="post">Họ tên: <input '
        'name="hoten"><br><textarea name="noidung"></textarea><br><input type="submit" '
        'value="Gửi"></form>\n</td>\n'
        f'<td width="200" valign="top"><p><b>Tin xem nhiều</b></p><ul>{popular}</ul>'
        '<p><img src="/images/quangcao.gif" width="190" height="250" alt="Banner"></p></td>\n'
        "</tr>\n"
        f'<tr><td colspan="3" align="center">{esc(site)}<br>Số lượt truy cập: 00215634</td></tr>\n'
        "</table>\n</body>\n</html>\n"
    )


RENDER = {"liferay": liferay_page, "aspnet": aspnet_page, "wordpress": wp_page,
          "bare": bare_page}


# -- encodings ------------------------------------------------------------------------


def encode_cp1258(text: str) -> bytes:
    """windows-1258 bytes of ``text``: precomposed letters where the code page has them
    (â ê ô ă ơ ư đ …), tone marks as combining characters otherwise."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], list(decomposed[1:])
        for i, mark in enumerate(marks):
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1:
                try:
                    composed.encode("cp1258")
                except UnicodeEncodeError:
                    continue
                base = composed
                del marks[i]
                break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def page_bytes(page: Page) -> bytes:
    html = RENDER[page.markup](page)
    if page.opts.get("nfd"):
        html = unicodedata.normalize("NFD", html)
    if page.opts.get("encoding") == "windows-1258":
        return encode_cp1258(html)
    return html.encode("utf-8")


def labels(page: Page) -> dict:
    return {
        "url": page.url,
        "site": page.site,
        "markup": page.markup,
        "title": page.title,
        "published": page.published,
        "published_precision": page.precision if page.published else None,
        "author": page.author,
        "source": page.source,
        "body": page.expected_body(),
        "charset": page.charset,
        "notes": page.notes,
    }


def main() -> None:
    for old in [*HERE.glob("*.html"), *HERE.glob("*.json")]:
        old.unlink()
    for spec in ARTICLES:
        page = Page(**spec)
        (HERE / f"{page.key}.html").write_bytes(page_bytes(page))
        (HERE / f"{page.key}.json").write_text(
            json.dumps(labels(page), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(ARTICLES)} labelled pages to {HERE}")


if __name__ == "__main__":
    main()
