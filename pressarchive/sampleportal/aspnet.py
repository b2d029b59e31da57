"""An ASP.NET / SharePoint-style fixture portal (platform ``aspnet``).

Two variants, both from ../shared/portal-markup.md:

- ``sharepoint``: a SharePoint publishing site in Vietnamese. Lists at
  ``/Pages/<chuyen-muc>.aspx`` paginated with ``?Page=2``; articles at
  ``/Pages/chi-tiet-tin.aspx?ItemID=12345``; the whole page inside ``<form id="aspnetForm">``
  with a ``__VIEWSTATE``; the body in the rich-text field ``div.ms-rtestate-field``.
- ``cms``: a home-grown ASP.NET WebForms CMS. Lists at ``/chuyen-muc/<alias>`` paginated
  with postback-free ``/trang-2`` links; articles at ``/tin-tuc/<slug>-<id>.aspx``;
  ``div.news-detail`` with ``h2.news-title``, ``div.news-date``, ``div.news-sapo`` and
  ``div.news-content``.

Date lines ``Ngày đăng: 31/01/2023 15:30``, ``Cập nhật lúc 15:30 ngày 31/01/2023``,
``31/1/2023 3:12:00 CH`` or a date-only ``Ngày đăng: 31/01/2023``; bylines in ``.author``
or a last right-aligned bold paragraph. Texts come from the sample portal's pools.
"""

from __future__ import annotations

import random
from html import escape
from urllib.parse import parse_qs

from .family import (
    ALIASES,
    FamilyPortal,
    body_html,
    file_name,
    generated_articles,
    restyle,
    with_truth,
)
from .spec import ArticleSpec, SectionSpec, slugify

SITE_TITLE = "Cổng thông tin điện tử tỉnh Phú Điền"
DATE_STYLES = ["ngaydang", "capnhat", "ngaydang", "sach", "capnhat", "ngay"]
MENU = ["Giới thiệu", "Tin tức - Sự kiện", "Văn bản pháp luật", "Thủ tục hành chính",
        "Hỏi đáp", "Liên hệ"]


def date_line(style: str, when) -> tuple[str, str, str]:  # noqa: ANN001 (a datetime)
    """(text shown, expected ISO value, precision)."""
    dmy, minute = when.strftime("%d/%m/%Y"), when.replace(second=0).isoformat()
    if style == "ngaydang":
        return f"Ngày đăng: {dmy} {when:%H:%M}", minute, "minute"
    if style == "capnhat":
        return f"Cập nhật lúc {when:%H:%M} ngày {dmy}", minute, "minute"
    if style == "sach":
        ampm = "CH" if when.hour >= 12 else "SA"
        shown = f"{when.day}/{when.month}/{when.year} {when.hour % 12 or 12}:{when:%M:%S} {ampm}"
        return shown, when.isoformat(), "second"
    return f"Ngày đăng: {dmy}", when.date().isoformat(), "day"


class AspNetPortal(FamilyPortal):
    """See the module docstring; ``variant`` is ``sharepoint`` or ``cms``."""

    site_title = SITE_TITLE
    robots = ("/_layouts/", "/_vti_bin/", "/Search/")

    def __init__(self, sections: list[SectionSpec], articles: list[ArticleSpec],
                 per_page: int, variant: str = "sharepoint") -> None:
        if variant not in ("sharepoint", "cms"):
            raise ValueError("variant must be 'sharepoint' or 'cms'")
        self.variant = variant
        super().__init__(sections, articles, per_page)

    def home_paths(self) -> tuple[str, ...]:
        return ("/pages/default.aspx", "/trang-chu.aspx")

    # -- URLs ---------------------------------------------------------------------

    def list_url(self, section: SectionSpec, page_no: int) -> str:
        if page_no <= 1:
            return section.path
        if self.variant == "sharepoint":
            return f"{section.path}?Page={page_no}"
        return f"{section.path}/trang-{page_no}"

    def list_target(self, path: str, query: str) -> tuple[SectionSpec, int] | None:
        for section in self.sections:
            if self.variant == "sharepoint" and path == section.path:
                value = parse_qs(query).get("Page", ["1"])[0]
                return section, int(value) if value.isdigit() and int(value) > 0 else 1
            if self.variant == "cms":
                if path.rstrip("/") == section.path:
                    return section, 1
                head, _, tail = path.rpartition("/trang-")
                if head == section.path and tail.isdigit() and int(tail) > 0:
                    return section, int(tail)
        return None

    # -- chrome -------------------------------------------------------------------

    def _menu(self) -> str:
        sections = "".join(f'<li><a href="{s.path}">{escape(s.name)}</a></li>'
                           for s in self.sections)
        others = "".join(f'<li><a href="/{slugify(m)}.aspx">{escape(m)}</a></li>' for m in MENU)
        return (f'<div id="menu"><ul class="top-menu"><li><a href="/">Trang chủ</a></li>'
                f"{sections}{others}</ul></div>\n")

    def _right(self, exclude: ArticleSpec | None = None) -> str:
        items = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>'
                        for a in self.popular(exclude))
        return (
            '<div class="col-right">'
            '<div class="box-tin-xem-nhieu"><div class="box-title">Tin xem nhiều</div>'
            f'<ul class="list-news">{items}</ul></div>'
            '<div class="banner-right"><a href="/dich-vu-cong"><img alt="Banner Dịch vụ công '
            'trực tuyến" src="/Style%20Library/images/bn-dvc.png" /></a><a href="/hoi-dap">'
            '<img alt="Banner Hỏi đáp trực tuyến" src="/Style%20Library/images/bn-hoidap.png" />'
            '</a></div><div class="lien-ket-web"><div class="box-title">Liên kết website</div>'
            '<select name="ctl00$ddlLienKet"><option>-- Chọn liên kết --</option><option>Cổng '
            "Dịch vụ công quốc gia</option></select></div></div>\n"
        )

    def _page(self, title: str, head: str, main: str, crumbs: str,
              exclude: ArticleSpec | None = None, action: str = "./default.aspx") -> str:
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" lang="vi" dir="ltr">\n<head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            f"<title>\n\t{escape(title)}\n</title>\n{head}"
            '<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/'
            'corev15.css" />\n<script type="text/javascript">var _spPageContextInfo = '
            '{webServerRelativeUrl: "/", currentLanguage: 1066};</script>\n</head>\n<body>\n'
            f'<form method="post" action="{escape(action)}" id="aspnetForm">\n'
            '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
            'value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWBAIBDw8WAh4EVGV4dAUJ" />'
            "</div>\n<div id=\"s4-workspace\">\n"
            '<div id="header"><div class="logo"><a href="/"><img alt="Logo" src="/images/'
            f'logo.png" /></a><span class="site-name">{escape(SITE_TITLE.upper())}</span>'
            '</div><div class="ngay-hien-tai">Hôm nay: Thứ năm, 02/02/2023</div></div>\n'
            + self._menu()
            + f'<div class="breadcrumb"><a href="/">Trang chủ</a>{crumbs}</div>\n'
            f'<div id="content"><div class="col-main">{main}</div>{self._right(exclude)}</div>\n'
            f'<div id="footer"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Phú Điền</p>'
            "<p>Giấy phép số 12/GP-TTĐT</p><p>Lượt truy cập: 1.254.310</p></div>\n"
            "</div>\n</form>\n</body>\n</html>\n"
        )

    # -- pages --------------------------------------------------------------------

    def _byline(self, spec: ArticleSpec, n: int) -> str:
        if not spec.byline_line:
            return ""
        if n % 2:
            return f'<div class="author">{escape(spec.byline_line)}</div>'
        return f'<p style="text-align:right"><strong>{escape(spec.byline_line)}</strong></p>'

    def article_page(self, spec: ArticleSpec, base_url: str) -> str:
        n = self.articles.index(spec)
        section = self.section_of(spec)
        shown = date_line(spec.date_style, spec.when)[0]
        related = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a> '
                          f'<span class="ngay">({a.when:%d/%m/%Y})</span></li>'
                          for a in self.related(spec))
        lead = escape(spec.lead)
        lead = f"<strong>{lead}</strong>" if spec.bold_lead else lead

        def attachment(path: str, name: str) -> str:
            return (f'<p>Tải về: <a href="{escape(path)}" target="_blank">{escape(name)}</a>'
                    "</p>")

        body = body_html(spec, attachment=attachment)
        if self.variant == "sharepoint":
            main = (
                '<div class="article-detail">'
                f'<h1 class="article-title"><span class="ms-rteElement">{escape(spec.title)}'
                '</span></h1>'
                f'<div class="article-info"><span class="date">{escape(shown)}</span> | '
                f'<span class="luot-xem">Lượt xem: {1200 + 37 * n}</span></div>'
                f'<div class="article-summary">{lead}</div>'
                '<div class="ms-rtestate-field article-content">\n'
                f"{body}\n{self._byline(spec, n)}\n</div>"
                '<div class="tools"><a href="javascript:window.print()">In trang</a> | '
                '<a href="mailto:?subject=tin">Gửi email</a> | <a href="#top">Về đầu trang</a>'
                f'</div><div class="other-news"><div class="box-title">Các tin khác</div>'
                f"<ul>{related}</ul></div></div>"
            )
        else:
            main = (
                '<div class="news-detail">'
                f'<h2 class="news-title">{escape(spec.title)}</h2>'
                f'<div class="news-date">{escape(shown)}</div>'
                f'<div class="news-sapo">{lead}</div>'
                '<div class="news-content" id="ctl00_ContentPlaceHolder1_ctl00_divContent">\n'
                f"{body}\n{self._byline(spec, n)}\n</div>"
                '<div class="news-share">Chia sẻ: <a href="#fb">Facebook</a> '
                '<a href="#zalo">Zalo</a></div>'
                f'<div class="tin-khac"><h3>Tin khác</h3><ul>{related}</ul></div></div>'
            )
        main += ('<div class="comment-box"><div class="box-title">Ý kiến của bạn</div>'
                 '<input name="ctl00$txtHoTen" placeholder="Họ tên" type="text" />'
                 '<textarea name="ctl00$txtNoiDung" rows="4"></textarea>'
                 '<input name="ctl00$btnGui" type="submit" value="Gửi ý kiến" /></div>')
        url = base_url + spec.path
        head = (f'<meta property="og:title" content="{escape(spec.title)}" />\n'
                f'<meta name="description" content="{escape(spec.lead[:160])}" />\n'
                f'<link rel="canonical" href="{escape(url)}" />\n')
        crumbs = f' &gt; <a href="{section.path}">{escape(section.name)}</a>'
        action = "./" + spec.path.rsplit("/", 1)[-1]
        return self._page(f"{spec.title} - {SITE_TITLE}", head, main, crumbs, spec, action)

    def list_page(self, section: SectionSpec, items: list[ArticleSpec], page_no: int,
                  pages: int, base_url: str) -> str:
        rows = []
        for spec in items:
            summary = spec.lead if len(spec.lead) <= 160 else (
                spec.lead[:160].rsplit(" ", 1)[0] + "...")
            image = (f'<img class="thumb" alt="" src="{escape(spec.images[0][0])}" />'
                     if spec.images else "")
            rows.append(
                f'<div class="news-item">{image}<a class="news-title" href="{escape(spec.path)}">'
                f'{escape(spec.title)}</a> <span class="news-date">({spec.when:%d/%m/%Y})'
                f'</span><p class="news-summary">{escape(summary)}</p></div>')
        links = []
        if page_no > 1:
            links.append(f'<a class="prev" href="{escape(self.list_url(section, page_no - 1))}">'
                         "Trang trước</a>")
        for k in range(1, pages + 1):
            links.append(f'<span class="current">{k}</span>' if k == page_no else
                         f'<a href="{escape(self.list_url(section, k))}">{k}</a>')
        if page_no < pages:
            links.append(f'<a class="next" href="{escape(self.list_url(section, page_no + 1))}">'
                         "Trang sau</a>")
        main = (f'<div class="box-chuyen-muc"><h1 class="title-cate">{escape(section.name)}'
                f'</h1><div class="news-list">{"".join(rows)}</div>'
                f'<div class="pager">{" ".join(links)}</div></div>')
        head = f'<link rel="canonical" href="{escape(base_url + section.path)}" />\n'
        crumbs = f' &gt; <a href="{section.path}">{escape(section.name)}</a>'
        return self._page(f"{section.name} - {SITE_TITLE}", head, main, crumbs,
                          action="./" + section.path.rsplit("/", 1)[-1])

    def home_page(self, base_url: str) -> str:
        latest = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>'
                         for a in self.articles[:8])
        cats = "".join(f'<li><a href="{s.path}">{escape(s.name)}</a></li>' for s in self.sections)
        main = (f'<div class="box-tin-moi"><div class="box-title">Tin mới</div><ul>{latest}</ul>'
                f'</div><div class="box-chuyen-muc"><ul>{cats}</ul></div>')
        return self._page(SITE_TITLE, "", main, "")

    def not_found_page(self, path: str) -> str:
        main = ('<div class="error"><h2>Không tìm thấy trang</h2><p>Trang bạn yêu cầu không '
                f"tồn tại: {escape(path)}</p></div>")
        return self._page(f"Không tìm thấy trang - {SITE_TITLE}", "", main, "")


def build_aspnet_portal(n_articles: int = 30, *, variant: str = "sharepoint", per_page: int = 4,
                        n_sections: int = 3, seed: int = 2023) -> AspNetPortal:
    """An ASP.NET portal of ``n_articles`` generated articles over ``n_sections``."""
    generated, articles = generated_articles(n_articles, n_sections, seed)
    if variant == "sharepoint":
        sections = [SectionSpec(s.name, f"/Pages/{ALIASES[s.name]}.aspx") for s in generated]
    else:
        sections = [SectionSpec(s.name, f"/chuyen-muc/{ALIASES[s.name]}") for s in generated]
    total = len(articles)

    def remake(i: int, spec: ArticleSpec, rng: random.Random) -> ArticleSpec:
        item = 10450 + 7 * (total - i) + rng.randrange(7)  # older articles, smaller ids
        if variant == "sharepoint":
            path = f"/Pages/chi-tiet-tin.aspx?ItemID={item}"
            folder = "/PublishingImages/tin-tuc"
            docs = "/Documents/van-ban"
        else:
            path = f"/tin-tuc/{slugify(spec.title)[:70].rstrip('-')}-{item}.aspx"
            folder = f"/Uploads/images/{spec.when:%Y/%m}"
            docs = f"/Uploads/files/{spec.when:%Y/%m}"
        style = DATE_STYLES[i % len(DATE_STYLES)]
        _, published, precision = date_line(style, spec.when)
        images = [(f"{folder}/{file_name(p)}", c) for p, c in spec.images]
        attachments = [(f"{docs}/{file_name(p)}", name) for p, name in spec.attachments]
        return with_truth(spec, path=path, section=spec.section, published=published,
                          precision=precision, date_style=style, images=images,
                          attachments=attachments)

    return AspNetPortal(sections, restyle(articles, seed, remake), per_page, variant)
