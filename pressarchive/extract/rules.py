"""Generic extraction rules as data (in the manner of trafilatura's ``xpaths.py``).

Site profiles put their own rules before these; the algorithms in the other modules only
read them. A rule is CSS (parsel, ``::text``/``::attr()``) or XPath (starts with ``/``,
``./`` or ``(``).
"""

from __future__ import annotations

# Headline candidates, most specific first.
TITLE_RULES = [
    "meta[property='og:title']::attr(content)",
    "meta[name='twitter:title']::attr(content)",
    "h1",
    "article h2",
    "title",
]
# Elements that may print the headline on the page (date line and sapo follow it).
TITLE_ELEMENT_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Generic mode reconciles the page's stated title (metadata, <title>) with the headings it
# prints: the printed heading that best matches a stated title is the headline, so a logo,
# menu or portlet <h1> ("Menu", the site name, "Tin xem nhiều") never wins over it.
TITLE_STATED_RULES = [
    "meta[property='og:title']::attr(content)",
    "meta[name='twitter:title']::attr(content)",
    "meta[itemprop='headline']::attr(content)",
    "title",
]
JSON_LD_HEADLINE_KEYS = ("headline", "name")
JSON_LD_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle",
                         "analysisnewsarticle", "opinionnewsarticle", "webpage")
TITLE_HEADING_XPATH = "//h1 | //h2 | //h3 | //*[@itemprop='headline']"
TITLE_HEADING_LIMIT = 80  # headings looked at, in document order
# A heading inside these is navigation or a sidebar, not the article's headline.
TITLE_OUTSIDE_TAGS = ("nav", "aside", "footer")
# What separates a headline from the site's name (or a section) in a stated title.
TITLE_SEGMENT_SEPARATORS = r"\s+(?:[-|–—:»«·•/]|::|//)\s+"
# How a Vietnamese site's name begins (lower case, NFC): a stated title's segment or a
# heading that starts so is the site's part ("… - Cổng thông tin điện tử tỉnh X", "… | Báo
# Cần Thơ"). Marks count: "Bão số 3 …" (a storm) is a headline. Text typed without marks
# is compared folded. "Báo cáo …" (a report) is never a site's name.
SITE_NAME_PREFIXES = ("cổng thông tin", "cổng ttđt", "báo ", "trang thông tin",
                      "ủy ban nhân dân", "uỷ ban nhân dân")
SITE_NAME_NOT_PREFIXES = ("báo cáo",)
# Site-name metadata, stripped from a stated title's first or last segment.
SITE_NAME_RULES = [
    "meta[property='og:site_name']::attr(content)",
    "meta[name='application-name']::attr(content)",
]

# A title found only by this rule may be the site name: a headline printed at the top of
# the body container then wins (content.py ``_heading``).
WEAK_TITLE_RULE = "title"

# Machine-readable publication times: these win over anything printed on the page.
META_DATE_RULES = [
    "meta[property='article:published_time']::attr(content)",
    "meta[itemprop='datePublished']::attr(content)",
    "meta[name='pubdate']::attr(content)",
    "meta[name='publishdate']::attr(content)",
    "meta[name='dc.date.issued']::attr(content)",
    "time[itemprop='datePublished']::attr(datetime)",
    "article time::attr(datetime)",
]

# Printed date lines (text, labels allowed).
DATE_LINE_RULES = [
    ".date-info",
    ".metadata-publish-date",
    ".text-ngayxam-page",
    ".post-date",
    ".news-date",
    ".pubdate",
    ".publish-date",
    ".ngay-dang",
    ".date",
    ".time",
    "time",
]

# Where the page says what the article is about; "meta description" often repeats the date.
DESCRIPTION_RULES = ["meta[name='description']::attr(content)"]

LEAD_RULES = [
    ".sapo", ".lead", ".summary", "#hometext", ".article__sapo", ".chapeau", ".news-sapo",
    ".article-summary", ".news-summary", ".tomtat", ".mota",
    "h2[class*='sapo']", "p[class*='sapo']", "h2.description", "p.description",
]

# Body containers by name, most specific first. When none matches, the container is found
# by text density (content.py ``best_container``), and only then the fallback below.
BODY_RULES = [
    "article .content",
    "#news_detail .bodytext",
    ".bodytext",
    ".article__body",
    ".detail-content",
    ".news-content",
    ".journal-content-article",
    # SharePoint publishing pages: the rich-text field of the page layout.
    ".ms-rtestate-field",
    ".article-content",
    ".entry-content",
    ".noidungchitiet",
    ".chi-tiet-noi-dung",
    # One <article> on the page is the article; several are teasers (related posts).
    "//article[count(//article) = 1]",
]
BODY_FALLBACK_RULES = ["body"]

# Text density (a readability-style score): elements whose own text counts as a paragraph,
# and classes/ids that mark chrome (their paragraphs never vote for a container).
DENSITY_TEXT_TAGS = ("p", "pre", "blockquote", "li", "dd", "td", "div")
DENSITY_MIN_CHARS = 25  # a shorter paragraph is a label, a menu item or a date
DENSITY_SKIP_TAGS = ("nav", "aside", "footer", "header", "script", "style", "select",
                     "textarea", "noscript", "button")
DENSITY_NEGATIVE = (
    "comment", "sidebar", "side-bar", "widget", "menu", "footer",
    "header", "banner", "related", "tin-khac", "other-news", "xem-nhieu", "tin-lien-quan",
    "share", "social", "breadcrumb", "advert", "quang-cao", "ads", "lien-ket", "popular",
)

CATEGORY_RULES = ["meta[property='article:section']::attr(content)"]

# Removed from a body container before reading it.
REMOVE_SELECTORS = [
    "script", "style", "noscript", "iframe", "form", "nav", "button", "input", "select",
    "textarea", "header", "footer", "aside",
    ".social-share", ".share", ".print", ".tin-khac", ".related", ".tin-lien-quan",
    ".taglib-discussion", ".comments", ".comment", ".hide-accessible", ".breadcrumb",
    ".portlet-title-text", ".banner",
]

# A block whose text is one of these ends the article: what follows is portal chrome.
STOP_PHRASES = [
    "Ý kiến của bạn", "Ý kiến bạn đọc", "Tin xem nhiều", "Tin nổi bật", "Các tin đã đưa",
    "Tin khác", "Các tin khác", "Tin liên quan", "Bài viết liên quan", "Tin cùng chuyên mục",
    "Xem thêm", "Gửi ý kiến", "Bình luận", "Tham khảo thêm", "Đọc tiếp", "Đọc thêm",
    "Tin cùng chủ đề", "Bài liên quan",
]

# A block whose text is (or starts with) one of these is dropped.
DROP_PHRASES = [
    "Xuất bản thông tin", "null", "Follow", "Chia sẻ", "In bài viết", "Bản in", "Quay lại",
    "Gửi email", "Danh mục chính Menu", "Banner", "Lượt xem", "Chính quyền với báo chí",
    "Tải về", "Đầu trang",
]

# Never a title.
TITLE_REJECT = ["null", "Xuất bản thông tin", "Tin xem nhiều", "Tin nổi bật", "Trang chủ",
                "Tin tức", "Không tìm thấy trang"]

# Separators between a headline and the site name in <title>.
TITLE_SITE_SEPARATORS = [" - ", " | ", " – ", " :: "]

ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "zip", "rar")

# Query parameters that only track or redirect; dropped from article URLs.
TRACKING_PARAMS = {"redirect", "inheritRedirect", "fbclid", "gclid", "ref", "source"}
TRACKING_PREFIXES = ("utm_",)
