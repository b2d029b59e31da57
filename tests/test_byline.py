"""Bylines: author and credited source from the article's trailing line."""

from __future__ import annotations

import unicodedata

import pytest

from pressarchive.extract.byline import Byline, parse_byline


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        ("Văn Khương", "Văn Khương", None),
        ("HOÀNG ANH", "HOÀNG ANH", None),
        ("Tin, ảnh: Minh Tâm", "Minh Tâm", None),
        ("Tin và ảnh: MINH TÂM", "MINH TÂM", None),
        ("Bài, ảnh: Ngọc Lan", "Ngọc Lan", None),
        ("Tác giả: Nguyễn Văn An", "Nguyễn Văn An", None),
        ("Nguồn: Báo Đồng Tháp", None, "Báo Đồng Tháp"),
        ("Theo TTXVN", None, "TTXVN"),
        ("(Nguồn: Cổng thông tin điện tử Tỉnh Kiên Giang - https://kiengiang.gov.vn/)", None,
         "Cổng thông tin điện tử Tỉnh Kiên Giang"),
        ("PV", "PV", None),
        ("Thanh Hà - Ngọc Lan", "Thanh Hà - Ngọc Lan", None),
        ("Minh Tâm (Theo Báo Đồng Tháp)", "Minh Tâm", "Báo Đồng Tháp"),
        ("Ngọc Lan - Nguồn: Báo Đồng Tháp", "Ngọc Lan", "Báo Đồng Tháp"),
    ],
)
def test_bylines(line: str, author: str | None, source: str | None) -> None:
    assert parse_byline(line) == Byline(author, source)
    assert parse_byline(unicodedata.normalize("NFD", line)) == Byline(author, source)


@pytest.mark.parametrize(
    "line",
    [
        "Công tác kết nạp đảng viên tiếp tục được các cấp uỷ chỉ đạo thực hiện.",
        "Theo Bí thư Tỉnh ủy, cần phải có sự chủ động, sáng tạo, đề ra nhiệm vụ đột phá",
        "Ý kiến của bạn", "Tin xem nhiều", "null", "Ảnh minh họa", "", None, "01/02/2023",
        "Quang cảnh hội nghị tại Cao Lãnh",
        "Muốn vậy, theo Bí thư Tỉnh ủy, cần phải có sự chủ động.",
    ],
)
def test_prose_and_chrome_are_not_bylines(line: str | None) -> None:
    assert parse_byline(line) is None
