"""Bylines: the short trailing line naming the writer and/or the credited outlet.

``author`` is a person's or desk's name and ``source`` a credited outlet, both NFC,
whitespace collapsed, labels ("Tin, ảnh:", "Nguồn:", "Theo") stripped, case kept.
Anything that reads like prose, a caption or portal chrome is not a byline (``None``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textnorm import clean_inline, strip_diacritics


@dataclass(frozen=True)
class Byline:
    """Author and/or credited source; at least one is set."""

    author: str | None
    source: str | None


MAX_LINE = 200  # labelled lines; a bare name is far shorter
MAX_BARE = 80
MAX_NAME_WORDS = 6  # unlabelled names
MAX_LABELLED_WORDS = 8  # "Tác giả: …"
MAX_SOURCE_WORDS = 12

_ROLE = r"(?:tin|bài|ảnh|video|clip|đồ\s*họa|đồ\s*hoạ)"
_AUTHOR_LABEL = re.compile(
    rf"^(?:{_ROLE}(?:\s*(?:,|và|-|–|&|/|\+)?\s*{_ROLE})*|tác\s+giả|người\s+viết|"
    r"phóng\s+viên|nhóm\s+(?:pv|phóng\s+viên)|pv|ctv|cộng\s+tác\s+viên|thực\s+hiện|"
    r"bài\s+viết|biên\s+tập|trình\s+bày)\s*[:：]\s*",
    re.IGNORECASE,
)
_SOURCE_WORD = r"(?:nguồn(?:\s+tin)?(?!\w)\s*[:：]?|theo(?!\w)(?:\s*[:：])?)"
_SOURCE_AT_START = re.compile(rf"^(?P<label>{_SOURCE_WORD})\s*(?P<s>.+)$", re.IGNORECASE)
_SOURCE_IN_PARENS = re.compile(
    rf"\s*[(\[]\s*(?P<label>{_SOURCE_WORD})\s*(?P<s>[^()\[\]]+?)\s*[)\]]\s*$", re.IGNORECASE
)
_SOURCE_AFTER = re.compile(
    rf"(?:\s+[-–|]\s+|\s*[;|]\s*|\.\s+)(?P<label>{_SOURCE_WORD})\s*(?P<s>.+)$", re.IGNORECASE
)
_SLASH_SOURCE = re.compile(r"^(?P<a>[^/]+?)\s*/\s*(?P<s>[A-ZĐ][A-Z0-9Đ.\-]{1,15})$")
_URL = re.compile(r"(?:https?://|www\.)[^\s)\]]*", re.IGNORECASE)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)$", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s+[-–]\s+|\s*,\s+|\s+và\s+")
_NOT_IN_NAME = re.compile(r"[\d\"“”/:;?!()\[\]|<>=@#*_…]")
_NOT_IN_LABELLED = re.compile(r"[\d\"“”:;?!|<>=@#*_…]")
_CONNECTORS = {"và", "-", "–", "&"}
# Words that start outlet or agency names after "Theo"; people's titles are not here.
_OUTLET_WORDS = (
    "báo", "tạp chí", "đài", "cổng", "trang", "thông tấn", "kênh", "website", "tin tức",
    "sở", "bộ", "ban", "ubnd", "ủy ban", "uỷ ban", "văn phòng", "trung tâm", "tổng cục",
    "cục", "chi cục", "viện", "hội", "công an", "bộ chỉ huy", "đảng bộ", "tỉnh ủy",
    "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "quân khu", "bệnh viện",
)
_CHROME = {
    strip_diacritics(phrase)
    for phrase in (
        "Ý kiến của bạn", "Ý kiến bạn đọc", "Tin xem nhiều", "Tin nổi bật", "Tin mới",
        "Tin mới nhất", "Tin khác", "Tin liên quan", "Các tin đã đưa", "Tin cùng chuyên mục",
        "Xem thêm", "Đọc nhiều", "Xem nhiều", "Bình luận", "Chia sẻ", "In bài", "In bài viết",
        "Lượt xem", "Trang chủ", "Liên hệ", "Quay lại", "Về đầu trang", "Lên đầu trang",
        "Xuất bản thông tin", "Danh mục chính Menu", "Chính quyền với báo chí",
        "Ảnh minh họa", "Ảnh minh hoạ", "Ảnh: Minh họa", "Ảnh: Minh hoạ", "Ảnh tư liệu",
        "Ảnh: Tư liệu", "Ảnh: Internet", "Nguồn: Internet", "Tác giả", "Nguồn", "Theo",
        "null", "none", "undefined", "Follow", "Share", "Print", "Email", "Facebook",
        "Zalo", "Twitter", "Tweet", "Like", "Video", "Top", "Menu", "Home", "Back", "RSS",
        "Megastory", "Infographic", "Emagazine", "Podcast", "Multimedia",
    )
}


def _is_chrome(text: str) -> bool:
    key = strip_diacritics(text).strip(" .:()[]")
    return key in _CHROME or key.startswith("banner ")


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _is_name(text: str) -> bool:
    """An unlabelled name: ≤ 6 words, each capitalised, joined by " - ", ", " or " và "."""
    if len(text) > MAX_BARE or _NOT_IN_NAME.search(text):
        return False
    parts = _NAME_SEPARATOR.split(text)
    words = [w for part in parts for w in part.split()]
    if not words or len(words) > MAX_NAME_WORDS or any(not part.split() for part in parts):
        return False
    return all(_capitalised(w) for w in words)


def _is_labelled_name(text: str) -> bool:
    """After an author label: a name or desk ("Phòng Văn hóa và Thông tin", "Nhóm PV")."""
    if _NOT_IN_LABELLED.search(text):
        return False
    words = [w.strip("()") for w in text.split() if w not in _CONNECTORS]
    words = [w for w in words if w]
    if not words or len(words) > MAX_LABELLED_WORDS or not _capitalised(words[0]):
        return False
    return sum(not _capitalised(w) for w in words) <= 2


def _host(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).split("/")[0]


def _source(text: str, *, strict: bool) -> str | None:
    """A credited outlet; ``strict`` (after "Theo") wants an outlet-like phrase."""
    urls = _URL.findall(text)
    value = _URL.sub(" ", text)
    value = " ".join(value.split()).strip(" .,;:-–()[]")
    if not value and urls:
        value = _host(urls[0])
    words = value.split()
    if not words or len(words) > MAX_SOURCE_WORDS or re.search(r"[.?!]\s", value):
        return None
    if re.search(r"[\"“”;?!]", value) or _is_chrome(value):
        return None
    lowered = value.lower()
    outlet = lowered.startswith(_OUTLET_WORDS) and not re.search(r"\d", value)
    domain = bool(_DOMAIN.match(value))
    acronym = bool(re.fullmatch(r"[A-ZĐ][A-Z0-9Đ.\-&]+", words[0])) and len(words) <= 3
    if strict:
        if "," in value or not (outlet or domain or acronym or (
                _is_name(value) and len(words) <= 4)):
            return None
        return value
    if not (outlet or domain or acronym or _capitalised(words[0])):
        return None
    return value


def _split_source(text: str) -> tuple[str, str | None] | None:
    """(rest, source); None when a credit is present but not a credible outlet."""
    for pattern in (_SOURCE_IN_PARENS, _SOURCE_AFTER, _SOURCE_AT_START):
        match = pattern.search(text)
        if match:
            strict = match["label"].lower().startswith("theo")
            source = _source(match["s"], strict=strict)
            if source is None:
                return None
            return text[: match.start()].strip(" -–|;,."), source
    return text, None


def _unwrap(text: str) -> str:
    while len(text) > 2 and text[0] + text[-1] in ("()", "[]"):
        text = text[1:-1].strip()
    return text


def parse_byline(line: str | None) -> Byline | None:
    """Author and/or source of a byline line; None when ``line`` is not a byline."""
    if not line or not isinstance(line, str):
        return None
    text = _unwrap(clean_inline(line))
    if not text or len(text) > MAX_LINE or _is_chrome(text):
        return None
    split = _split_source(text)
    if split is None:
        return None
    rest, source = split
    if not rest:
        return Byline(None, source) if source else None
    labelled = _AUTHOR_LABEL.match(rest)
    if labelled:
        name = rest[labelled.end():].strip(" .,;-–")
        if not name or _is_chrome(name) or not _is_labelled_name(name):
            return None
        return Byline(name, source)
    if source is None:
        slash = _SLASH_SOURCE.match(rest)
        if slash and _is_name(slash["a"]):
            return Byline(slash["a"], slash["s"])
    name = rest[:-1] if rest.endswith(".") and not rest.endswith("..") else rest
    if _is_name(name):
        return Byline(name, source)
    return None
