"""A PHP fixture portal: WordPress-style or NukeViet (platform ``wordpress``).

Both from ../shared/portal-markup.md:

- ``wordpress``: a provincial news site on a WordPress theme. Lists at ``/<chuyen-muc>/``
  paginated ``/<chuyen-muc>/page/2/`` (with ``<link rel="next">``); articles at
  ``/<chuyen-muc>/<slug>-a<id>.html``; ``article > h1.entry-title``, ``.sapo`` lead,
  ``.entry-content`` body; dates ``Thứ Ba, 31/01/2023 - 15:30``, ``31/01/2023 | 15:30`` or
  ``<time datetime="2023-01-31T15:30:12+07:00">``; bylines in ``p.author`` or a last
  right-aligned bold line ("Tin, ảnh: …").
- ``nukeviet``: a NukeViet 4 district/commune site. Lists at ``/news/<alias>/`` paginated
  ``/news/<alias>/page-2/``; articles at ``/news/<alias>/<slug>-<id>.html``;
  ``div#news_detail > h1``, ``span.time`` "Thứ ba - 31/01/2023 15:30", ``div#hometext``
  lead, ``div.bodytext`` body, author as ``<p style="text-align: right;"><strong>Tác giả:
  </strong>…``.
"""

from __future__ import annotations

import random
from html import escape

from .family import (
    ALIASES,
    FamilyPortal,
    body_html,
    file_name,
    generated_articles,
    restyle,
    weekday,
    with_truth,
)
from .spec import ArticleSpec, SectionSpec, slugify

WP_TITLE = "Báo điện tử Phú Điền"
NV_TITLE = "Trang thông tin điện tử huyện Tân Phước"
WP_STYLES = ["thu", "pipe", "time", "thu", "pipe"]
MENU = ["Thời sự", "Pháp luật", "Thể thao", "Du lịch", "Ảnh", "Video"]


def date_line(style: str, when) -> tuple[str, str, str]:  # noqa: ANN001 (a datetime)
    """(text shown, expected ISO value, precision); ``time`` shows the ISO value in an
    attribute and a minute in the text."""
    dmy, minute = when.strftime("%d/%m/%Y"), when.replace(second=0).isoformat()
    if style == "thu":
        return f"{weekday(when, capital=True)}, {dmy} - {when:%H:%M}", minute, "minute"
    if style == "pipe":
        return f"{dmy} | {when:%H:%M}", minute, "minute"
    if style == "time":
        return f"{dmy} {when:%H:%M}", when.isoformat(), "second"
    return f"{weekday(when)} - {dmy} {when:%H:%M}", minute, "minute"  # NukeViet


class WordPressPortal(FamilyPortal):
    """See the module docstring; ``variant`` is ``wordpress`` or ``nukeviet``."""

    def __init__(self, sections: list[SectionSpec], articles: list[ArticleSpec],
                 per_page: int, variant: str = "wordpress") -> None:
        if variant not in ("wordpress", "nukeviet"):
            raise ValueError("variant must be 'wordpress' or 'nukeviet'")
        self.variant = variant
        self.site_title = WP_TITLE if variant == "wordpress" else NV_TITLE
        self.robots = (("/wp-admin/", "/?s=") if variant == "wordpress"
                       else ("/admin/", "/includes/", "/seek/"))
        super().__init__(sections, articles, per_page)

    def home_paths(self) -> tuple[str, ...]:
        return ("/index.php",)

    # -- URLs ---------------------------------------------------------------------

    def list_url(self, section: SectionSpec, page_no: int) -> str:
        if page_no <= 1:
            return section.path
        if self.variant == "wordpress":
            return f"{section.path}page/{page_no}/"
        return f"{section.path}page-{page_no}/"

    def list_target(self, path: str, query: str) -> tuple[SectionSpec, int] | None:
        path = path if path.endswith("/") else path + "/"
        marker = "page/" if self.variant == "wordpress" else "page-"
        for section in self.sections:
            if path == section.path:
                return section, 1
            if path.startswith(section.path + marker):
                number = path[len(section.path + marker):].rstrip("/")
                if number.isdigit() and int(number) > 0:
                    return section, int(number)
        return None

    # -- WordPress ----------------------------------------------------------------

    def _wp_shell(self, title: str, head: str, main: str, body_class: str,
                  exclude: ArticleSpec | None = None) -> str:
        menu = "".join(f'<li class="menu-item"><a href="{s.path}">{escape(s.name)}</a></li>'
                       for s in self.sections)
        menu += "".join(f'<li class="menu-item"><a href="/{slugify(m)}/">{escape(m)}</a></li>'
                        for m in MENU)
        popular = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>'
                          for a in self.popular(exclude))
        return (
            '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="UTF-8">\n'
            f"<title>{escape(title)}</title>\n{head}"
            "<link rel='stylesheet' id='baodientu-style-css' href='/wp-content/themes/"
            "baodientu/style.css?ver=6.1.1' media='all' />\n"
            "<script src='/wp-includes/js/jquery/jquery.min.js?ver=3.6.1'></script>\n"
            f'</head>\n<body class="{body_class}">\n'
            '<header id="masthead" class="site-header"><div class="top-bar">Thứ năm, '
            '02/02/2023</div><div class="site-branding"><p class="site-title"><a href="/" '
            f'rel="home">{escape(WP_TITLE)}</a></p><p class="site-description">Cơ quan của '
            'Đảng bộ, chính quyền và nhân dân tỉnh Phú Điền</p></div>'
            '<nav id="site-navigation" class="main-navigation"><ul id="menu-chinh" class="menu">'
            f'<li class="menu-item"><a href="/">Trang chủ</a></li>{menu}</ul></nav></header>\n'
            '<div class="ads-top"><a href="/quang-cao/"><img alt="Banner quảng cáo" '
            'src="/wp-content/uploads/banner-728x90.jpg"></a></div>\n'
            f'<div id="primary" class="content-area"><main id="main" class="site-main">\n{main}'
            "</main></div>\n"
            '<aside id="secondary" class="widget-area"><section id="tin-xem-nhieu" class="widget '
            f'widget_popular"><h2 class="widget-title">Tin xem nhiều</h2><ul>{popular}</ul>'
            '</section><section class="widget widget_media_image"><a href="/e-magazine/"><img '
            'alt="Banner E-magazine" src="/wp-content/uploads/emagazine.jpg"></a></section>'
            "</aside>\n"
            f'<footer id="colophon" class="site-footer"><p>© {escape(WP_TITLE)}. Giấy phép số '
            "45/GP-BTTTT. Tổng biên tập: Trần Văn Bình.</p></footer>\n"
            "<script src='/wp-content/themes/baodientu/js/main.js?ver=1.2'></script>\n"
            "</body>\n</html>\n"
        )

    def _wp_article(self, spec: ArticleSpec, base_url: str, n: int) -> str:
        section = self.section_of(spec)
        shown, iso, _ = date_line(spec.date_style, spec.when)
        if spec.date_style == "time":
            date_html = (f'<time class="entry-date published" datetime="{iso}">{shown}</time>')
        else:
            date_html = f'<span class="post-date">{escape(shown)}</span>'
        byline = ""
        if spec.byline_line:
            byline = (f'<p class="author">{escape(spec.byline_line)}</p>' if n % 2 == 0 else
                      f'<p style="text-align: right;"><strong>{escape(spec.byline_line)}'
                      "</strong></p>")
        related = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>'
                          for a in self.related(spec, 3))
        related_box = (f'<div class="related-posts"><h3>Tin liên quan</h3><ul>{related}</ul>'
                       "</div>")
        share = ('<div class="share-buttons"><a href="#fb">Chia sẻ</a> <a href="#zalo">Zalo</a>'
                 "</div>")
        inside = related_box + share if spec.related_inside else ""
        lead = escape(spec.lead)
        main = (
            f'<nav class="breadcrumbs"><a href="/">Trang chủ</a> » <a href="{section.path}">'
            f"{escape(section.name)}</a></nav>\n"
            f'<article id="post-{40000 + n}" class="post-{40000 + n} post type-post '
            f'status-publish format-standard hentry category-{ALIASES[section.name]}">\n'
            f'<header class="entry-header"><h1 class="entry-title">{escape(spec.title)}</h1>'
            f'<div class="entry-meta">{date_html} <span class="post-views">Lượt xem: '
            f"{300 + 11 * n}</span></div></header>\n"
            f'<div class="sapo">{f"<strong>{lead}</strong>" if spec.bold_lead else lead}</div>\n'
            f'<div class="entry-content">\n{body_html(spec, figure="wp")}\n{byline}\n{inside}'
            "</div>\n"
            '<footer class="entry-footer"><span class="tags-links">Từ khóa: <a href="/tag/dia-'
            'phuong/" rel="tag">địa phương</a></span></footer>\n</article>\n'
            + ("" if spec.related_inside else related_box + "\n")
            + '<div id="comments" class="comments-area"><h3 id="reply-title" class="comment-'
            'reply-title">Ý kiến của bạn</h3><form id="commentform" class="comment-form" '
            'action="/wp-comments-post.php" method="post"><textarea name="comment"></textarea>'
            '<input name="author" placeholder="Họ tên"><input type="submit" value="Gửi bình '
            'luận"></form></div>\n'
        )
        url = base_url + spec.path
        head = (f'<meta property="og:type" content="article">\n'
                f'<meta property="og:title" content="{escape(spec.title)}">\n'
                f'<meta property="og:url" content="{escape(url)}">\n'
                f'<meta property="og:site_name" content="{escape(WP_TITLE)}">\n'
                f'<meta name="description" content="{escape(spec.lead[:160])}">\n'
                f'<link rel="canonical" href="{escape(url)}">\n')
        return self._wp_shell(f"{spec.title} | {WP_TITLE}", head, main,
                              f"post-template-default single single-post postid-{40000 + n}",
                              spec)

    def _wp_list(self, section: SectionSpec, items: list[ArticleSpec], page_no: int,
                 pages: int, base_url: str) -> str:
        posts = []
        for spec in items:
            summary = spec.lead if len(spec.lead) <= 160 else (
                spec.lead[:160].rsplit(" ", 1)[0] + "...")
            posts.append(
                '<article class="post type-post status-publish hentry">'
                f'<h2 class="entry-title"><a href="{escape(spec.path)}" rel="bookmark">'
                f'{escape(spec.title)}</a></h2><div class="entry-meta"><span class="post-date">'
                f'{spec.when:%d/%m/%Y}</span></div><div class="entry-summary"><p>'
                f"{escape(summary)}</p></div></article>")
        links = []
        if page_no > 1:
            links.append(f'<a class="prev page-numbers" href="'
                         f'{escape(self.list_url(section, page_no - 1))}">« Trang trước</a>')
        for k in range(1, pages + 1):
            links.append(f'<span aria-current="page" class="page-numbers current">{k}</span>'
                         if k == page_no else
                         f'<a class="page-numbers" href="{escape(self.list_url(section, k))}">'
                         f"{k}</a>")
        if page_no < pages:
            links.append(f'<a class="next page-numbers" href="'
                         f'{escape(self.list_url(section, page_no + 1))}">Trang sau »</a>')
        here = base_url + self.list_url(section, page_no)
        main = (f'<header class="page-header"><h1 class="page-title">{escape(section.name)}'
                f'</h1></header>\n{"".join(posts)}\n<nav class="navigation pagination" '
                'aria-label="Phân trang"><div class="nav-links">' + "".join(links)
                + "</div></nav>\n")
        head = f'<link rel="canonical" href="{escape(here)}">\n'
        if page_no < pages:
            after = base_url + self.list_url(section, page_no + 1)
            head += f'<link rel="next" href="{escape(after)}">\n'
        return self._wp_shell(f"{section.name} | {WP_TITLE}", head, main,
                              f"archive category category-{ALIASES[section.name]}")

    # -- NukeViet -----------------------------------------------------------------

    def _nv_shell(self, title: str, head: str, main: str,
                  exclude: ArticleSpec | None = None) -> str:
        cats = "".join(f'<li><a href="{s.path}">{escape(s.name)}</a></li>' for s in self.sections)
        popular = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>'
                          for a in self.popular(exclude))
        return (
            '<!DOCTYPE html>\n<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" '
            'prefix="og: http://ogp.me/ns#">\n<head>\n'
            f"<title>{escape(title)}</title>\n"
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            '<meta name="generator" content="NukeViet v4.5">\n'
            f"{head}"
            '<link rel="alternate" href="/news/rss/" title="Tin tức" type="application/rss+xml">\n'
            '<link rel="stylesheet" href="/themes/default/css/bootstrap.min.css">\n'
            '</head>\n<body>\n<div class="body-bg"><div class="wraper">\n'
            f'<header><div class="logo"><a href="/"><img alt="{escape(NV_TITLE)}" src="/uploads/'
            f'logo.png"></a><span class="site_name">{escape(NV_TITLE)}</span></div></header>\n'
            '<nav class="second-nav" id="menusite"><ul class="nav navbar-nav"><li><a href="/">'
            f'Trang nhất</a></li><li><a href="/news/">Tin tức</a></li>{cats}<li><a href="/laws/">'
            'Văn bản</a></li><li><a href="/contact/">Liên hệ</a></li></ul></nav>\n'
            f'<div class="row"><div class="col-md-18">\n{main}</div>\n'
            '<div class="col-md-6"><div class="panel panel-default"><div class="panel-heading">'
            f'Tin xem nhiều</div><div class="panel-body"><ul>{popular}</ul></div></div>'
            '<div class="panel"><a href="/dvc/"><img alt="Banner Dịch vụ công" src="/uploads/'
            'banner/dvc.png"></a></div></div></div>\n'
            f'<footer id="footer"><p>© {escape(NV_TITLE)}</p><p>Thống kê truy cập: Đang truy '
            "cập 12 · Hôm nay 341</p></footer>\n</div></div>\n</body>\n</html>\n"
        )

    def _nv_article(self, spec: ArticleSpec, base_url: str) -> str:
        shown = date_line(spec.date_style, spec.when)[0]
        byline = ""
        if spec.byline_line:
            line = spec.byline_line
            if line.startswith("Tác giả: "):
                byline = ('<p style="text-align: right;"><strong>Tác giả: </strong>'
                          f"{escape(line.removeprefix('Tác giả: '))}</p>")
            else:
                byline = f'<p style="text-align: right;"><strong>{escape(line)}</strong></p>'
        newer = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a> <em>'
                        f"({a.when:%d/%m/%Y})</em></li>" for a in self.related(spec))
        lead = escape(spec.lead)
        lead_html = f"<strong>{lead}</strong>" if spec.bold_lead else lead
        main = (
            '<div id="news_detail" class="news_column panel panel-default">'
            '<div class="panel-body">\n'
            f"<h1>{escape(spec.title)}</h1>\n"
            f'<span class="time">{escape(shown)}</span>\n'
            f'<div id="hometext" class="hometext">{lead_html}</div>\n'
            f'<div class="bodytext margin-bottom-lg" id="news-bodyhtml">\n'
            f"{body_html(spec, figure='figure')}\n{byline}\n</div>\n"
            '<div class="news-print"><a href="/news/print/">Bản in</a></div>\n'
            '</div></div>\n'
            f'<div class="news_column panel panel-default"><div class="panel-body"><h3>Những tin '
            f'cũ hơn</h3><ul class="related">{newer}</ul></div></div>\n'
            '<div class="comment-box panel"><h3>Ý kiến bạn đọc</h3><form action="/comment/" '
            'method="post"><textarea name="content"></textarea><input type="submit" value="Gửi '
            'bình luận"></form></div>\n'
        )
        url = base_url + spec.path
        head = (f'<meta property="og:title" content="{escape(spec.title)}">\n'
                '<meta property="og:type" content="article">\n'
                f'<meta property="og:url" content="{escape(url)}">\n'
                f'<link rel="canonical" href="{escape(url)}">\n')
        return self._nv_shell(f"{spec.title} - {NV_TITLE}", head, main, spec)

    def _nv_list(self, section: SectionSpec, items: list[ArticleSpec], page_no: int,
                 pages: int, base_url: str) -> str:
        rows = []
        for spec in items:
            summary = spec.lead if len(spec.lead) <= 160 else (
                spec.lead[:160].rsplit(" ", 1)[0] + "...")
            rows.append(
                '<div class="news_column panel panel-default"><div class="panel-body">'
                f'<h3><a href="{escape(spec.path)}" title="{escape(spec.title)}">'
                f'{escape(spec.title)}</a></h3><div class="text-muted"><ul class="list-unstyled '
                f'list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> '
                f"{spec.when:%d/%m/%Y %H:%M}</li></ul></div><p>{escape(summary)}</p></div></div>")
        pager = []
        if page_no > 1:
            pager.append(f'<li><a href="{escape(self.list_url(section, page_no - 1))}">«</a></li>')
        for k in range(1, pages + 1):
            pager.append('<li class="active"><a href="#">' + str(k) + "</a></li>" if k == page_no
                         else f'<li><a href="{escape(self.list_url(section, k))}">{k}</a></li>')
        if page_no < pages:
            pager.append(f'<li><a href="{escape(self.list_url(section, page_no + 1))}">»</a></li>')
        here = base_url + self.list_url(section, page_no)
        main = (f'<div class="page-header"><h2>{escape(section.name)}</h2></div>'
                f'{"".join(rows)}<div class="text-center"><ul class="pagination">'
                f'{"".join(pager)}</ul></div>\n')
        head = f'<link rel="canonical" href="{escape(here)}">\n'
        return self._nv_shell(f"{section.name} - {NV_TITLE}", head, main)

    # -- dispatch -----------------------------------------------------------------

    def article_page(self, spec: ArticleSpec, base_url: str) -> str:
        if self.variant == "wordpress":
            return self._wp_article(spec, base_url, self.articles.index(spec))
        return self._nv_article(spec, base_url)

    def list_page(self, section: SectionSpec, items: list[ArticleSpec], page_no: int,
                  pages: int, base_url: str) -> str:
        if self.variant == "wordpress":
            return self._wp_list(section, items, page_no, pages, base_url)
        return self._nv_list(section, items, page_no, pages, base_url)

    def home_page(self, base_url: str) -> str:
        latest = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>'
                         for a in self.articles[:8])
        main = f'<section class="tin-moi"><h2>Tin mới</h2><ul>{latest}</ul></section>'
        if self.variant == "wordpress":
            return self._wp_shell(WP_TITLE, "", main, "home blog")
        return self._nv_shell(NV_TITLE, "", main)

    def not_found_page(self, path: str) -> str:
        main = f"<h1>Không tìm thấy trang</h1><p>{escape(path)}</p>"
        if self.variant == "wordpress":
            return self._wp_shell(f"Không tìm thấy trang | {WP_TITLE}", "", main, "error404")
        return self._nv_shell(f"Không tìm thấy trang - {NV_TITLE}", "", main)


def build_wordpress_portal(n_articles: int = 30, *, variant: str = "wordpress",
                           per_page: int = 4, n_sections: int = 3, seed: int = 2023
                           ) -> WordPressPortal:
    """A PHP portal of ``n_articles`` generated articles over ``n_sections``."""
    generated, articles = generated_articles(n_articles, n_sections, seed)
    prefix = "/" if variant == "wordpress" else "/news/"
    sections = [SectionSpec(s.name, f"{prefix}{ALIASES[s.name]}/") for s in generated]
    total = len(articles)

    def remake(i: int, spec: ArticleSpec, rng: random.Random) -> ArticleSpec:
        number = 41000 + 9 * (total - i) + rng.randrange(9)
        slug = slugify(spec.title)[:80].rstrip("-")
        alias = ALIASES[spec.section]
        if variant == "wordpress":
            path = f"/{alias}/{slug}-a{number}.html"
            folder = docs = f"/wp-content/uploads/{spec.when:%Y/%m}"
            style = WP_STYLES[i % len(WP_STYLES)]
        else:
            path = f"/news/{alias}/{slug}-{number - 40900}.html"
            folder = docs = f"/uploads/news/{spec.when:%Y_%m}"
            style = "nukeviet"
        _, published, precision = date_line(style, spec.when)
        images = [(f"{folder}/{file_name(p)}", c) for p, c in spec.images]
        attachments = [(f"{docs}/{file_name(p)}", name) for p, name in spec.attachments]
        return with_truth(spec, path=path, section=spec.section, published=published,
                          precision=precision, date_style=style, images=images,
                          attachments=attachments)

    return WordPressPortal(sections, restyle(articles, seed, remake), per_page, variant)
