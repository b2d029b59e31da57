"""Extraction as pure functions: fields of sample-portal pages, encodings, bad input."""

from __future__ import annotations

import unicodedata

import pytest

from pressarchive.extract import ExtractionError, extract_article
from pressarchive.extract.document import parse_document
from pressarchive.extract.urls import canonical_url, clean_url
from pressarchive.profiles import load_profile
from pressarchive.sampleportal import REFERENCE_TITLE, build_portal

BASE = "https://dongthap.gov.vn"


@pytest.fixture(scope="module")
def portal():
    return build_portal()


@pytest.fixture(scope="module")
def profile():
    return load_profile("dongthap")


def page(portal, spec) -> bytes:
    status, _, body = portal.render(spec.path, "", BASE)
    assert status == 200
    return body


def test_reference_article(portal, profile) -> None:
    spec = portal.article(REFERENCE_TITLE)
    trace: dict[str, str] = {}
    art = extract_article(page(portal, spec), BASE + spec.path, profile=profile, trace=trace)
    assert art.title == REFERENCE_TITLE
    assert art.body == spec.body and art.lead == spec.lead
    assert art.author == "Văn Khương" and art.source is None
    assert (art.published, art.published_source) == ("2023-02-01T08:15:00+07:00", "page")
    assert art.images[0].caption.startswith("Bí thư Tỉnh ủy Lê Quốc Phong")
    assert art.url == BASE + spec.path
    assert set(trace) >= {"title", "body", "published"}


def test_windows_1258_page(portal, profile) -> None:
    spec = portal.articles[0]
    html = page(portal, spec).decode("utf-8").replace('charset="utf-8"', 'charset="windows-1258"')
    # windows-1258 has no precomposed toned vowels: encode the NFD form, as old pages do.
    raw = unicodedata.normalize("NFD", html).encode("cp1258", errors="xmlcharrefreplace")
    art = extract_article(raw, BASE + spec.path, profile=profile)
    assert art.title == spec.title and art.body == spec.body


def test_wrong_charset_header_loses_to_bom_and_content(portal, profile) -> None:
    spec = portal.articles[1]
    raw = b"\xef\xbb\xbf" + page(portal, spec)
    art = extract_article(raw, BASE + spec.path, profile=profile,
                          content_type="text/html; charset=iso-8859-1")
    assert art.title == spec.title


def test_nfd_page_gives_nfc_fields(portal, profile) -> None:
    spec = next(a for a in portal.articles if a.nfd)
    art = extract_article(page(portal, spec), BASE + spec.path, profile=profile)
    assert art.title == spec.title == unicodedata.normalize("NFC", art.title)
    assert art.body == spec.body


def test_generic_mode_without_profile(portal) -> None:
    spec = portal.article(REFERENCE_TITLE)
    art = extract_article(page(portal, spec), BASE + spec.path)
    assert art.title == REFERENCE_TITLE
    assert art.published == "2023-02-01T08:15:00+07:00"
    for chrome in ("Xuất bản thông tin", "Ý kiến của bạn", "Tin xem nhiều", "Banner"):
        assert chrome not in art.body


def test_meta_date_wins_over_page_and_prose_date_is_flagged() -> None:
    html = ("<html><head><meta property='article:published_time' "
            "content='2023-02-01T09:00:00+07:00'></head><body><h1>Tiêu đề bài viết mẫu</h1>"
            "<span class='date'>05/02/2023 10:00</span><article><p>Chiều 31/01/2023, "
            "hội nghị diễn ra tại Cao Lãnh với nhiều đại biểu.</p></article></body></html>")
    art = extract_article(html, BASE + "/-/bai")
    assert (art.published, art.published_source) == ("2023-02-01T09:00:00+07:00", "meta")
    # Nothing else dated on the page (htmldate, a candidate, reads any meta's ISO date).
    bare = html.replace("<meta property='article:published_time' content='2023-02-01T09:00:00"
                        "+07:00'>", "").replace("05/02/2023 10:00", "")
    art = extract_article(bare, BASE + "/-/bai")
    assert (art.published, art.published_source) == ("2023-01-31", "prose")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty document"),
        (b"   \n ", "empty document"),
        (bytes(range(256)) * 50, "binary"),
        (b"<html><body><div></div></body></html>", "no title"),
        (b"<html><head><title>null</title></head><body><p>x</p></body></html>", "no title"),
        (b"<html><body><h1>Ti\xc3\xaau \xc4\x91\xe1\xbb\x81 b\xc3\xa0i</h1></body></html>",
         "no body"),
    ],
)
def test_bad_input_gives_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(ExtractionError) as err:
        extract_article(body, BASE + "/-/x")
    assert reason in err.value.reason


def test_malformed_and_deep_markup_still_extracts() -> None:
    deep = "<div>" * 1500 + "<p>Nội dung nằm sâu trong trang.</p>" + "</div>" * 10
    html = f"<html><body><h1>Bài viết có mã lỗi<p>Đoạn mở đầu bị hỏng <b>thẻ{deep}"
    art = extract_article(html, BASE + "/-/x")
    assert art.title.startswith("Bài viết có mã lỗi")
    assert "Nội dung nằm sâu trong trang." in art.body


def test_canonical_url_rules() -> None:
    doc = parse_document("<html><head><link rel='canonical' href='/-/bai-viet#top'></head>"
                         "<body><p>x</p></body></html>", BASE + "/-/bai-viet?redirect=%2F")
    assert canonical_url(doc, BASE + "/-/bai-viet?redirect=%2F") == BASE + "/-/bai-viet"
    offsite = parse_document("<link rel='canonical' href='https://other.vn/a'><p>x</p>", BASE)
    assert canonical_url(offsite, BASE + "/-/a?utm_source=fb") == BASE + "/-/a"
    assert clean_url(BASE + "/tin?id=5&inheritRedirect=true&utm_medium=x#c") == BASE + "/tin?id=5"
