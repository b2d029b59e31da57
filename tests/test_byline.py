"""Bylines: author and credited source from the article's trailing line."""

from __future__ import annotations

import unicodedata

import pytest

from pressarchive.extract.byline import Byline, parse_byline

BYLINES = [
    # bare names
    ("Văn Khương", "Văn Khương", None),
    ("HOÀNG ANH", "HOÀNG ANH", None),
    ("PV", "PV", None),
    ("Thanh Hà - Ngọc Lan", "Thanh Hà - Ngọc Lan", None),
    ("Thanh Hà – Ngọc Lan", "Thanh Hà – Ngọc Lan", None),
    ("Thanh Hà, Ngọc Lan và Minh Tâm", "Thanh Hà, Ngọc Lan và Minh Tâm", None),
    ("Đỗ Ưng Ôn", "Đỗ Ưng Ôn", None),
    ("Văn Khương.", "Văn Khương", None),
    ("N.T.Hà", "N.T.Hà", None),
    ("Theodore Nguyễn", "Theodore Nguyễn", None),  # "Theo" only as a word
    ("  Văn\u00a0Khương\u200b ", "Văn Khương", None),
    # author labels
    ("Tin, ảnh: Minh Tâm", "Minh Tâm", None),
    ("Tin, ảnh: MINH TÂM", "MINH TÂM", None),
    ("Tin và ảnh: MINH TÂM", "MINH TÂM", None),
    ("Ảnh: Minh Tâm", "Minh Tâm", None),
    ("Bài, ảnh: Ngọc Lan", "Ngọc Lan", None),
    ("Bài và ảnh: Ngọc Lan", "Ngọc Lan", None),
    ("Tin: Thanh Hà", "Thanh Hà", None),
    ("Bài: Thanh Hà", "Thanh Hà", None),
    ("TIN, ẢNH: HOÀNG ANH", "HOÀNG ANH", None),
    ("Tác giả: Nguyễn Văn A", "Nguyễn Văn A", None),
    ("Tác giả: Nguyễn Văn An", "Nguyễn Văn An", None),
    ("Người viết: Lê Thị Bình", "Lê Thị Bình", None),
    ("Phóng viên: Thanh Hà", "Thanh Hà", None),
    ("PV: Thanh Hà", "Thanh Hà", None),
    ("Thực hiện: Nhóm PV", "Nhóm PV", None),
    ("Tác giả: Phòng Văn hóa và Thông tin", "Phòng Văn hóa và Thông tin", None),
    ("Tin, ảnh: Thanh Hà (CTV)", "Thanh Hà (CTV)", None),
    # sources
    ("Nguồn: Báo Đồng Tháp", None, "Báo Đồng Tháp"),
    ("Nguồn tin: Báo Đồng Tháp", None, "Báo Đồng Tháp"),
    ("Theo TTXVN", None, "TTXVN"),
    ("Theo: TTXVN", None, "TTXVN"),
    ("Theo Báo Đồng Tháp", None, "Báo Đồng Tháp"),
    ("Theo baochinhphu.vn", None, "baochinhphu.vn"),
    ("Theo Sở Y tế", None, "Sở Y tế"),
    ("(Nguồn: Cổng thông tin điện tử Tỉnh Kiên Giang - https://kiengiang.gov.vn/)", None,
     "Cổng thông tin điện tử Tỉnh Kiên Giang"),
    ("Nguồn: https://kiengiang.gov.vn/", None, "kiengiang.gov.vn"),
    ("Nguồn: baochinhphu.vn", None, "baochinhphu.vn"),
    # both
    ("Minh Tâm (Theo Báo Đồng Tháp)", "Minh Tâm", "Báo Đồng Tháp"),
    ("(Theo TTXVN)", None, "TTXVN"),
    ("Ngọc Lan - Nguồn: Báo Đồng Tháp", "Ngọc Lan", "Báo Đồng Tháp"),
    ("Tin, ảnh: Minh Tâm - Nguồn: Báo Đồng Tháp", "Minh Tâm", "Báo Đồng Tháp"),
    ("Tác giả: Nguyễn Văn A; Nguồn: Báo Đồng Tháp", "Nguyễn Văn A", "Báo Đồng Tháp"),
    ("Minh Tâm/TTXVN", "Minh Tâm", "TTXVN"),
]


@pytest.mark.parametrize(("line", "author", "source"), BYLINES)
def test_bylines(line: str, author: str | None, source: str | None) -> None:
    assert parse_byline(line) == Byline(author, source)


@pytest.mark.parametrize(("line", "author", "source"), BYLINES)
def test_nfd_input_gives_nfc_output(line: str, author: str | None, source: str | None) -> None:
    parsed = parse_byline(unicodedata.normalize("NFD", line))
    assert parsed == Byline(author, source)
    for value in (parsed.author, parsed.source):
        assert value is None or unicodedata.is_normalized("NFC", value)


@pytest.mark.parametrize(
    "line",
    [
        # prose
        "Công tác kết nạp đảng viên tiếp tục được các cấp uỷ chỉ đạo thực hiện.",
        "Theo Bí thư Tỉnh ủy, cần phải có sự chủ động, sáng tạo, đề ra nhiệm vụ đột phá",
        "Muốn vậy, theo Bí thư Tỉnh ủy, cần phải có sự chủ động.",
        "Theo Bộ Y tế, số ca mắc đã giảm.",
        "Theo Bí thư Tỉnh ủy Lê Quốc Phong",
        "Theo Quyết định số 12/QĐ-UBND",
        "Theo kế hoạch",
        "Theo đó",
        "Nguồn: theo báo cáo của Sở",
        "Đồng Tháp, ngày 31 tháng 1 năm 2023",
        "Nguyễn Văn An Bình Minh Tâm Hà",  # seven capitalised words: not a bare name
        "Hội Nghị Tổng Kết Công Tác Năm " * 3,  # over 80 characters without a label
        # photo captions
        "Quang cảnh hội nghị tại Cao Lãnh",
        "Ảnh: Lãnh đạo tỉnh trao giấy khen cho các tập thể",
        "Ảnh minh họa", "Ảnh minh hoạ", "(Ảnh minh họa)", "Ảnh: minh họa",
        # chrome
        "Ý kiến của bạn", "Tin xem nhiều", "Tin nổi bật", "Xuất bản thông tin", "Follow",
        "Facebook", "Zalo", "Banner Video", "null",
        # not a byline at all
        "", "   ", None, "01/02/2023", "Thứ Ba, 31/01/2023 - 15:30", "Tác giả:", "Nguồn:",
        "Theo", "Người đăng tin: Nguyễn Văn A",  # the uploader, not the author (DESIGN.md)
        "\x00\xff\xfe",
    ],
)
def test_prose_captions_and_chrome_are_not_bylines(line: str | None) -> None:
    assert parse_byline(line) is None
