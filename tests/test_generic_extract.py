"""Generic mode (no profile): containers by text density, layout tables, the date line and
lead near the title, charsets, and bad input that must give fields or a stated reason."""

from __future__ import annotations

import os
import time
import unicodedata

import pytest

from pressarchive.extract import ExtractionError, extract_article
from pressarchive.extract.document import decode_html

URL = "https://xa.example/tin-tuc/bai-viet-12.aspx"

PARAS = [
    "Ủy ban nhân dân xã phối hợp với Hội Nông dân tổ chức hội nghị đối thoại với hơn 120 "
    "hội viên về sản xuất và đời sống.",
    "Bà con kiến nghị nạo vét kênh nội đồng, sửa chữa cống thủy lợi và hỗ trợ tiêu thụ "
    "nông sản khi vào vụ thu hoạch.",
    "Lãnh đạo xã trả lời trực tiếp 14 ý kiến và ghi nhận các nội dung vượt thẩm quyền để "
    "báo cáo lên huyện.",
]
SIDEBAR = (
    "<div class='col-right'><div class='box-title'>Tin xem nhiều</div><ul>"
    + "".join(f"<li><a href='/tin-{i}.aspx'>Một tin khác có tiêu đề khá dài số {i} của trang"
              "</a></li>" for i in range(8))
    + "</ul><p>Đường dây nóng tiếp nhận phản ánh của người dân về thủ tục hành chính hoạt "
    "động 24/24 giờ, kể cả ngày nghỉ.</p></div>"
)


def paragraphs(tag: str = "p") -> str:
    return "".join(f"<{tag}>{p}</{tag}>" for p in PARAS)


def test_webforms_page_with_unknown_classes() -> None:
    """<form id=aspnetForm> wraps the page, no class the rules know: the container comes
    from text density, the date line and the sapo from between the title and the body."""
    html = (
        "<html><head><title>Trang chủ</title></head><body><form id='aspnetForm'>"
        "<input type='hidden' name='__VIEWSTATE' value='x'>"
        "<div id='menu'><a href='/'>Trang chủ</a> <a href='/tin'>Tin tức</a></div>"
        f"<div id='main'>{SIDEBAR}<div class='ct'><h1>Xã đối thoại với nông dân</h1>"
        "<div class='info'><span>Ngày đăng: 31/01/2023 15:30</span> | "
        "<span>Lượt xem: 356</span></div>"
        "<div class='tomluoc'><b>Hội nghị đối thoại năm nay tập trung vào thủy lợi, giá vật "
        "tư nông nghiệp và tiêu thụ nông sản của bà con.</b></div>"
        f"<div class='noidung'>{paragraphs()}<p style='text-align:right'><b>Văn Tài</b></p>"
        "</div><div class='binhluan'><b>Ý kiến của bạn</b><textarea></textarea></div>"
        "</div></div></form></body></html>"
    )
    trace: dict[str, str] = {}
    art = extract_article(html, URL, trace=trace)
    assert art.title == "Xã đối thoại với nông dân"
    assert art.lead.startswith("Hội nghị đối thoại năm nay")
    assert art.body.split("\n\n")[1:] == PARAS
    assert (art.published, art.author) == ("2023-01-31T15:30:00+07:00", "Văn Tài")
    assert trace["body"] == "text density"


def test_table_layout_page_with_site_name_title() -> None:
    """An old portal: the page is one layout <table> with a banner image, <title> holds the
    site name only, the headline is a bold line and the date a line under it."""
    html = (
        "<html><head><title>UBND XÃ TÂN PHÚ</title></head><body>"
        "<table width='980'><tr><td colspan='3'><img src='/banner.jpg' width='980' "
        "height='150'></td></tr><tr><td width='200'><table><tr><td><a href='/'>Trang chủ"
        "</a></td></tr><tr><td><a href='/tin'>Tin tức</a></td></tr></table></td>"
        "<td width='580'><p><font size='4'><b>Nạo vét kênh thủy lợi chuẩn bị vụ Hè Thu</b>"
        "</font></p><p><i>Thứ sáu: 15:00 ngày 09/02/2024</i></p>"
        f"{paragraphs()}<p align='right'><b>Nguồn: Đài Truyền thanh huyện</b></p>"
        "<p><a href='javascript:history.back()'>Quay lại</a></p>"
        "<p><b>Ý kiến của bạn</b></p></td>"
        f"<td width='200'>{SIDEBAR}</td></tr></table></body></html>"
    )
    art = extract_article(html, URL)
    assert art.title == "Nạo vét kênh thủy lợi chuẩn bị vụ Hè Thu"
    assert art.body == "\n\n".join(PARAS)
    assert art.published == "2024-02-09T15:00:00+07:00"
    assert (art.author, art.source) == (None, "Đài Truyền thanh huyện")


def test_layout_table_is_not_a_photo_table_and_data_tables_stay_rows() -> None:
    """A container holding a layout table with a banner: read cell by cell (not as one
    photo caption); a data table with <p> in its cells stays rows; table.image is a photo."""
    html = (
        "<html><head><title>Bảng giá lúa tuần này - Cổng thông tin</title></head><body>"
        "<article><table><tr><td><img src='/banner.jpg'></td></tr><tr><td>"
        f"<h1>Bảng giá lúa tuần này</h1>{paragraphs()}"
        "<table><tr><td><p>Giống lúa</p></td><td><p>Giá (đồng/kg)</p></td></tr>"
        "<tr><td><p>OM 18</p></td><td><p>7.200</p></td></tr></table>"
        "<table class='image'><tr><td><img src='/anh.jpg'></td></tr>"
        "<tr><td>Nông dân thu hoạch lúa.</td></tr></table>"
        "</td></tr></table></article></body></html>"
    )
    trace: dict[str, str] = {}
    art = extract_article(html, URL, trace=trace)
    assert trace["body"].startswith("//article")
    assert art.body.split("\n\n") == [*PARAS, "Giống lúa | Giá (đồng/kg)", "OM 18 | 7.200"]
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in art.images] == [
        ("banner.jpg", None), ("anh.jpg", "Nông dân thu hoạch lúa.")]


def test_sidebar_paragraphs_do_not_win_the_container() -> None:
    long_side = "".join(
        f"<p>Thông báo số {i} của văn phòng về lịch tiếp công dân và giải quyết hồ sơ "
        "hành chính trong tuần, người dân lưu ý theo dõi.</p>" for i in range(6))
    html = (f"<html><head><title>Đối thoại với nông dân - Cổng thông tin</title></head><body>"
            f"<div class='sidebar'>{long_side}</div><div><h1>Đối thoại với nông dân</h1>"
            f"<div>{paragraphs()}</div></div></body></html>")
    art = extract_article(html, URL)
    assert art.body == "\n\n".join(PARAS)


def test_printed_time_refines_a_date_only_json_ld() -> None:
    def page(printed: str) -> str:
        return ("<html><head><meta property='og:title' content='Trường học xanh'>"
                "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                "\"datePublished\": \"2023-06-02\"}</script></head><body><article>"
                f"<h1>Trường học xanh</h1><span class='post-date'>{printed}</span>"
                f"<div class='entry-content'>{paragraphs()}</div></article></body></html>")

    art = extract_article(page("02/06/2023 | 16:45"), URL)
    assert (art.published, art.published_source) == ("2023-06-02T16:45:00+07:00", "page")
    other_day = extract_article(page("05/06/2023 | 16:45"), URL)
    assert (other_day.published, other_day.published_source) == ("2023-06-02", "meta")


def test_date_line_in_the_body_beats_a_date_in_the_prose() -> None:
    html = ("<html><head><title>Nông thôn mới nâng cao - Trang thông tin</title></head><body>"
            "<td><h1>Nông thôn mới nâng cao</h1><p><i>Đăng lúc: 10:20 - 05/09/2023 | Lượt xem:"
            " 215</i></p><p>Ngày 29/12/2023, Chủ tịch UBND tỉnh ký quyết định công nhận xã "
            f"đạt chuẩn nông thôn mới nâng cao.</p>{paragraphs()}</td></body></html>")
    art = extract_article(html, URL)
    assert (art.published, art.published_source) == ("2023-09-05T10:20:00+07:00", "page")
    assert "Lượt xem" not in art.body


# -- charsets ------------------------------------------------------------------------------

VI = "<html><head>{meta}<title>Tiêu đề tiếng Việt</title></head><body><h1>Tiêu đề tiếng Việt"\
     "</h1><p>Đoạn văn bản đủ dài để làm thân bài của một bài viết thử nghiệm.</p></body></html>"


def test_utf8_bytes_win_over_a_declared_single_byte_charset() -> None:
    utf8 = VI.format(meta="<meta http-equiv='Content-Type' content='text/html; "
                          "charset=windows-1258'>").encode()
    assert "Tiêu đề tiếng Việt" in decode_html(utf8)
    plain = VI.format(meta="").encode()
    assert "Tiêu đề tiếng Việt" in decode_html(plain, "text/html; charset=iso-8859-1")
    art = extract_article(plain, URL, content_type="text/html; charset=ISO-8859-1")
    assert art.title == "Tiêu đề tiếng Việt"


def test_real_windows_1258_bytes_still_decode_as_declared() -> None:
    html = VI.format(meta="<meta charset='windows-1258'>")
    raw = unicodedata.normalize("NFD", html).encode("cp1258", errors="xmlcharrefreplace")
    assert extract_article(raw, URL).title == "Tiêu đề tiếng Việt"
    # A server default of UTF-8 in the header loses to the page's own windows-1258.
    art = extract_article(raw, URL, content_type="text/html; charset=utf-8")
    assert art.title == "Tiêu đề tiếng Việt"


# -- bad input: fields or a stated reason, never a crash ------------------------------------

BAD_INPUTS = {
    "empty": b"",
    "whitespace": b" \r\n\t ",
    "nul bytes": b"\x00" * 4096,
    "random bytes": os.urandom(100_000),
    "utf-16 without bom": VI.format(meta="").encode("utf-16-le"),
    "invalid utf-8 under a utf-8 meta": VI.format(meta="<meta charset='utf-8'>").encode()
    .replace(b"\xc3\xaa", b"\xc3\x28"),
    "truncated multibyte": VI.format(meta="").encode()[:-3] + b"\xe1\xbb",
    "text without markup": "Chỉ là văn bản, không có thẻ HTML nào cả.".encode(),
    "frameset": b"<html><frameset><frame src='a.html'></frameset></html>",
    "only chrome": ("<html><head><title>Tin xem nhiều</title></head><body><ul><li>"
                    "<a href='/a'>Trang chủ</a></li></ul></body></html>").encode(),
    "deeper than the parser's limit": ("<html><body><h1>Bài viết nằm rất sâu</h1>"
                                       + "<div>" * 3000 + "<p>Nội dung</p>" + "</div>" * 3000
                                       + "</body></html>").encode(),
    "nested lists": ("<html><body><h1>Danh sách lồng nhau</h1>" + "<ul><li>" * 3000
                     + "mục" + "</li></ul>" * 3000 + "</body></html>").encode(),
    "nested tables": ("<html><body><h1>Bảng lồng nhau sâu</h1>" + "<table><tr><td>" * 1500
                      + "ô" + "</td></tr></table>" * 1500 + "</body></html>").encode(),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_never_crashes(name: str) -> None:
    try:
        art = extract_article(BAD_INPUTS[name], URL)
    except ExtractionError as exc:
        assert exc.reason
    else:
        assert art.title and art.body


def test_parser_depth_limit_is_named_in_the_reason() -> None:
    with pytest.raises(ExtractionError, match="nested deeper"):
        extract_article(BAD_INPUTS["deeper than the parser's limit"], URL)


def test_five_megabyte_page() -> None:
    para = f"<p>{PARAS[0]}</p>\n"
    html = ("<html><head><title>Bài rất dài - Cổng thông tin</title></head><body>"
            f"{SIDEBAR}<h1>Bài rất dài</h1><div>" + para * (5_000_000 // len(para.encode()))
            + "</div></body></html>").encode()
    assert len(html) >= 5_000_000
    start = time.perf_counter()
    art = extract_article(html, URL)
    assert time.perf_counter() - start < 30
    assert art.title == "Bài rất dài" and art.body.count(PARAS[0]) > 20_000


# -- text fidelity: inline tags join, blocks separate --------------------------------------

_PROSE = ("Ủy ban nhân dân tỉnh đã tổ chức hội nghị tổng kết công tác năm với sự tham dự của "
          "đại diện các sở, ngành và địa phương trong tỉnh.")


def _generic(body: str, head: str = "") -> object:
    html = (f"<html><head><title>Tiêu đề bài viết</title>{head}</head><body>"
            f"<h1>Tiêu đề bài viết</h1><div class='news-content'><p>{_PROSE}</p>{body}"
            f"<p>{_PROSE}</p></div></body></html>")
    return extract_article(html, "https://portal.example.gov.vn/tin-tuc/bai-viet-123.html")


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p><span>T</span><span>rước</span> đó, tỉnh đã làm nhiều việc lớn cho dân.</p>",
         "Trước đó, tỉnh đã làm nhiều việc lớn cho dân."),
        ("<p>Theo hãng tin <em>Interfax</em>, cuộc họp diễn ra trong hai ngày liền.</p>",
         "Theo hãng tin Interfax, cuộc họp diễn ra trong hai ngày liền."),
        ("<p>Xã đạt chuẩn <strong>nông thôn mới</strong>. Người dân rất vui mừng.</p>",
         "Xã đạt chuẩn nông thôn mới. Người dân rất vui mừng."),
        ("<p>Diện tích tăng 5 km<sup>2</sup> (so với <a href='/x'>năm trước</a>).</p>",
         "Diện tích tăng 5 km2 (so với năm trước)."),
        ("<p><b>Đồng</b><b> Tháp</b>: <i>Ngh</i>ị quyết số 12; <span>hiệu lực</span>!</p>",
         "Đồng Tháp: Nghị quyết số 12; hiệu lực!"),
        ("<p>Dòng một của đoạn<br>dòng hai của đoạn văn bản dài hơn.</p>",
         "Dòng một của đoạn dòng hai của đoạn văn bản dài hơn."),
        # a CMS comment, an inline script: the text after them stays in the paragraph
        ("<p>Hội nghị <!-- ảnh 1 --> diễn ra sáng nay <script>var a = 1;</script>tại tỉnh.</p>",
         "Hội nghị diễn ra sáng nay tại tỉnh."),
    ],
)
def test_inline_tags_join_without_inserted_spaces(markup: str, expected: str) -> None:
    art = _generic(markup)
    assert expected in art.body.split("\n\n")
    assert " ," not in art.body and " ." not in art.body and " )" not in art.body


def test_blocks_separate_and_cli_stores_the_joined_text(tmp_path) -> None:
    from click.testing import CliRunner

    from pressarchive.cli import main

    first = "Khối thứ nhất kể về cây cầu mới nối hai bờ sông, rút ngắn đường đi."
    second = "Khối thứ hai kể về chợ nổi họp mỗi sáng trên bến, đông vui tấp nập."
    art = _generic(f"<div>{first}</div><div>{second}</div>")
    assert {first, second} <= set(art.body.split("\n\n"))
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>T</title></head><body><h1>Tiêu đề bài viết</h1>"
        f"<div class='news-content'><p>{_PROSE}</p><p><span>T</span><span>rước</span> "
        f"đó, hãng <em>Interfax</em>, cho biết.</p><p>{_PROSE}</p></div></body></html>",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(page), "--url",
                                       "https://portal.example.gov.vn/tin-tuc/a-1.html"])
    assert result.exit_code == 0, result.output
    assert "Trước đó, hãng Interfax, cho biết." in result.output


# -- language and authors from the page --------------------------------------------------

def test_language_is_read_from_the_page() -> None:
    assert _generic("").language == "vi"
    english = ("<html lang='en-GB'><head><title>Bridges of the town</title></head><body>"
               "<h1>Bridges of the town</h1><article><p>" + "The town has many old bridges "
               "over its river, and markets on both banks. " * 4 + "</p></article></body></html>")
    assert extract_article(english, "https://example.org/a").language == "en"
    undeclared = english.replace(" lang='en-GB'", "")
    assert extract_article(undeclared, "https://example.org/a").language == "und"
    # Vietnamese text wins over a template's wrong declaration.
    wrong = _generic("").body
    assert wrong and extract_article(
        f"<html lang='en'><body><h1>Tiêu đề bài viết</h1><article><p>{_PROSE}</p>"
        "</article></body></html>", "https://portal.example.gov.vn/a-1.html").language == "vi"


@pytest.mark.parametrize(
    ("head", "body", "author"),
    [
        ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": "
         "{\"@type\": \"Person\", \"name\": \"Hà Thu\"}}</script>", "", "Hà Thu"),
        ("<script type='application/ld+json'>{\"@graph\": [{\"@type\": \"Article\", "
         "\"author\": [{\"name\": \"Minh Anh\"}, {\"name\": \"Quốc Bảo\"}]}]}</script>", "",
         "Minh Anh; Quốc Bảo"),
        ("<meta name='author' content='Lê Văn Tám'>", "", "Lê Văn Tám"),
        ("", "<p class='author'>Tác giả: Hà Thu (tổng hợp)</p>", "Hà Thu"),
        ("", "<p>Bài: <a rel='author' href='/tac-gia/nguyen-minh'>Nguyễn Minh</a></p>",
         "Nguyễn Minh"),
    ],
)
def test_author_from_metadata_and_byline_elements(head: str, body: str, author: str) -> None:
    assert _generic(body, head).author == author


def test_cms_account_is_not_preferred_over_a_real_byline() -> None:
    account = "<meta name='author' content='quantri'>"
    assert _generic("", account).author is None
    art = _generic("<p>Văn Khương</p>", account)
    assert art.author == "Văn Khương" and "Văn Khương" not in art.body


def test_other_languages_bylines_and_source_credits() -> None:
    english = ("<html lang='en'><head><title>Bridges</title></head><body><h1>Bridges</h1>"
               "<div class='byline'>By Jane Doe, on March 3, 2021</div><article><p>"
               + "The town has many old bridges over its river. " * 5 + "</p>"
               "<p>Jane Doe</p></article></body></html>")
    art = extract_article(english, "https://example.org/a")
    assert art.author == "Jane Doe"
    assert art.body.endswith("Jane Doe")  # a trailing name is prose outside Vietnamese pages
    assert _generic("", "<meta name='author' content='Theo TTXVN'>").author is None


def test_reading_lists_end_the_body_and_a_sapo_outside_is_the_lead() -> None:
    tail = ("<p><b>Tham khảo thêm</b></p><ul><li><a href='/a'>Bài khác về nông thôn mới ở "
            "huyện bên cạnh</a></li></ul>")
    art = _generic(f"<p>{_PROSE} Thêm.</p>{tail}")
    assert art.body.endswith("Thêm.") and "Bài khác" not in art.body
    sapo = "Sáng nay, tỉnh khai mạc hội nghị tổng kết năm với nhiều đại biểu tham dự đông đủ."
    html = (f"<html><head><title>Tiêu đề bài viết</title></head><body><h1>Tiêu đề bài viết"
            f"</h1><h2 class='detail-sapo'>{sapo}</h2><div class='news-content'><p>{_PROSE}"
            f"</p><p>{_PROSE} Hết.</p></div></body></html>")
    art = extract_article(html, "https://portal.example.gov.vn/tin-tuc/bai-viet-123.html")
    assert art.lead == sapo and art.body.startswith(sapo)


def _titled_page(head: str, before: str, heading: str) -> str:
    """A portal page: a banner (logo heading, menu) and a sidebar portlet printed before
    the article, whose own heading sits just above its date line and body."""
    return (
        f"<html><head>{head}</head><body>"
        f"<div class='header'><div class='logo'>{before}</div>"
        "<nav><h1>Danh mục</h1><a href='/'>Trang chủ</a> <a href='/tin-tuc'>Tin tức</a></nav>"
        "</div><div class='row'><aside><h1>Văn bản mới ban hành</h1><ul>"
        + "".join(f"<li><a href='/vb-{i}.aspx'>Quyết định số {i}/QĐ-UBND về việc phê duyệt"
                  "</a></li>" for i in range(5))
        + f"</ul></aside><div class='col-main'>{heading}"
        "<div class='info'>Ngày đăng: 31/01/2023 15:30</div>"
        f"<div class='noidung'>{paragraphs()}</div></div></div></body></html>"
    )


LOGO = "<h1>Cổng thông tin điện tử xã Mỹ An</h1>"


@pytest.mark.parametrize(("head", "before", "heading", "title"), [
    # og:title carries the site's name; the printed heading is the headline.
    ("<meta property='og:title' content='Xã đối thoại với nông dân - Cổng TTĐT xã Mỹ An'>"
     "<meta property='og:site_name' content='Cổng TTĐT xã Mỹ An'>",
     LOGO, "<h2 class='title'>Xã đối thoại với nông dân</h2>", "Xã đối thoại với nông dân"),
    # No metadata but <title>: the logo <h1> comes first and is the site's part of it.
    ("<title>Xã đối thoại với nông dân | Cổng thông tin điện tử xã Mỹ An</title>",
     LOGO, "<h3>Xã đối thoại với nông dân</h3>", "Xã đối thoại với nông dân"),
    # A site name only known from the host (xa.example → "xa"): too short to cut, so the
    # heading is taken because it prints a whole segment of <title>.
    ("<title>Tin tức - Xã đối thoại với nông dân</title>",
     "<h1>Tin tức</h1>", "<h1>Xã đối thoại với nông dân</h1>", "Xã đối thoại với nông dân"),
    # JSON-LD headline; the heading prints it under a kicker in the same element.
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": "
     "\"Xã đối thoại với nông dân\"}</script><title>Cổng thông tin điện tử xã Mỹ An</title>",
     LOGO, "<h1><span class='kicker'>Nông nghiệp</span> Xã đối thoại với nông dân</h1>",
     "Xã đối thoại với nông dân"),
    # A headline that begins like a newspaper's name once its marks are dropped ("Bão" is
    # a storm, "Báo" a newspaper): still the headline, the logo's "Báo …" still the site.
    ("<title>Bão số 3 đổ bộ vào đất liền</title>", "<h1>Báo Mỹ An</h1>",
     "<h2>Bão số 3 đổ bộ vào đất liền</h2>", "Bão số 3 đổ bộ vào đất liền"),
    # Metadata that no heading prints: the stated title, its site's name cut off.
    ("<meta property='og:title' content='Đối thoại với nông dân năm 2023 - Cổng TTĐT xã Mỹ "
     "An'><meta property='og:site_name' content='Cổng TTĐT xã Mỹ An'>",
     LOGO, "<div class='title'>Xã đối thoại với nông dân</div>",
     "Đối thoại với nông dân năm 2023"),
])
def test_title_is_the_printed_headline_that_matches_what_the_page_states(
    head: str, before: str, heading: str, title: str,
) -> None:
    """Issue 11 (5): the headline printed nearest what og:title, JSON-LD or <title> says,
    never the logo's, the menu's or a sidebar portlet's heading, and never the site name."""
    trace: dict[str, str] = {}
    art = extract_article(_titled_page(head, before, heading), URL, trace=trace)
    assert art.title == title
    assert art.body.split("\n\n")[-3:] == PARAS


def test_host_name_is_cut_from_a_stated_title() -> None:
    """A site name that only the host gives ("baomyan" of baomyan.example.vn)."""
    head = "<meta property='og:title' content='Xã đối thoại với nông dân | BaoMyAn.vn'>"
    page = _titled_page(head, "<h1>BaoMyAn.vn</h1>", "<div class='t'>Tiêu đề khác</div>")
    art = extract_article(page, "https://baomyan.example.vn/tin/a-1.html")
    assert art.title == "Xã đối thoại với nông dân"

