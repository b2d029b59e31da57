"""The sample portal's content: article specs (the ground truth) and their generator."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..textnorm import clean_inline
from .texts import AUTHORS, CAPTIONS, NOTICE_TITLES, NUMBERED_ITEMS, PLACES, TOPICS

VN_TZ = timezone(timedelta(hours=7))
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
REFERENCE_TITLE = "Quyết tâm mới, phương thức lãnh đạo mới, kết quả mới"
SECTIONS = [
    ("Chính trị - Xây dựng Đảng", "/tin-tuc/chinh-tri", "Xk3pQm8Rt2aB"),
    ("Kinh tế", "/tin-tuc/kinh-te", "Lm4vBn7Qw9cD"),
    ("Văn hóa - Xã hội", "/tin-tuc/van-hoa-xa-hoi", "Pq2sTy6Uz1eF"),
]


@dataclass(frozen=True)
class SectionSpec:
    name: str
    path: str
    instance: str = "Xk3pQm8Rt2aB"


@dataclass
class ArticleSpec:
    """One article and what a correct extractor must return for it."""

    path: str
    section: str
    title: str
    published: str
    published_precision: str
    author: str | None
    source: str | None
    lead: str
    paragraphs: list[str]
    images: list[tuple[str, str | None]] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)
    # How the page shows things (rendering choices, not expectations).
    date_line: str = ""
    date_style: str = "ngayxam"
    byline_line: str | None = None
    caption_style: str = "figure"
    list_after: int | None = None  # index in paragraphs where a numbered list starts
    list_len: int = 0
    nbsp: bool = False
    nfd: bool = False
    empty_paragraph: bool = False
    related_inside: bool = False
    bold_lead: bool = False
    entity_og_title: bool = False
    redirect_link: bool = False
    when: datetime | None = None

    @property
    def body(self) -> str:
        return "\n\n".join([self.lead, *self.paragraphs])


def slugify(title: str) -> str:
    """Liferay-style URL title: accents dropped, and ``đ`` dropped too (-ak-lak)."""
    text = title.replace("đ", "").replace("Đ", "")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def date_line(when: datetime, style: str) -> tuple[str, str, str]:
    """(text shown, expected ISO value, precision) for one of the portal's date styles."""
    wd = WEEKDAYS[when.weekday()]
    dmy = when.strftime("%d/%m/%Y")
    minute = when.replace(second=0).isoformat()
    if style == "ngayxam":
        return f"({wd}, {dmy} {when:%H:%M})", minute, "minute"
    if style == "xuatban":
        return f"Xuất bản {dmy} {when:%H:%M}", minute, "minute"
    if style == "ngaydang":
        return f"Ngày đăng: {dmy}", when.date().isoformat(), "day"
    if style == "sach":
        hour12 = when.hour % 12 or 12
        ampm = "CH" if when.hour >= 12 else "SA"
        text = f"{when.day}/{when.month}/{when.year} {hour12}:{when:%M:%S} {ampm}"
        return text, when.isoformat(), "second"
    if style == "capnhat":
        return f"Cập nhật ngày: {dmy} {when:%H:%M:%S}", when.isoformat(), "second"
    return f"Ngày {when.day} tháng {when:%m} năm {when.year}", when.date().isoformat(), "day"


DATE_STYLES = ["ngayxam", "ngayxam", "xuatban", "ngaydang", "sach", "capnhat", "ngaythang"]
BYLINES: list[tuple[str | None, str | None, str | None]] = [
    # (line shown, expected author, expected source)
    ("{name}", "{name}", None),
    ("HOÀNG ANH", "HOÀNG ANH", None),
    ("Tin, ảnh: Minh Tâm", "Minh Tâm", None),
    ("Tác giả: Nguyễn Hữu Đức", "Nguyễn Hữu Đức", None),
    ("Nguồn: Báo Đồng Tháp", None, "Báo Đồng Tháp"),
    ("Theo TTXVN", None, "TTXVN"),
    ("PV", "PV", None),
    ("Thanh Hà - Ngọc Lan", "Thanh Hà - Ngọc Lan", None),
    (None, None, None),
    ("Trúc Ly (Theo Báo Đồng Tháp)", "Trúc Ly", "Báo Đồng Tháp"),
]


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _generated(i: int, when: datetime, section: str, rng: random.Random) -> ArticleSpec:
    topic = TOPICS[section]
    place = PLACES[i % len(PLACES)]
    notice = i in (4, 13)
    fill = {"place": place, "year": when.year, "n": 20 + i * 7}
    if notice:
        title = NOTICE_TITLES[i % len(NOTICE_TITLES)].format(**fill) + f" (đợt {i + 1})"
    else:
        title = topic["titles"][i % len(topic["titles"])].format(**fill) + f" (kỳ {i + 1})"
    sentences = topic["sentences"]
    pick = rng.sample(range(len(sentences)), k=len(sentences))
    lead = (f"Ngày {when.day}/{when.month}, tại {place}, {sentences[pick[0]][0].lower()}"
            f"{sentences[pick[0]][1:]}")
    n_par = 2 if notice else 3 + i % 4
    paragraphs = []
    for p in range(n_par):
        chunk = [sentences[pick[(1 + p * 2 + k) % len(pick)]] for k in range(2 + (i + p) % 3)]
        paragraphs.append(" ".join(chunk))
    paragraphs[-1] += f" Tổng kinh phí thực hiện hơn {15 + i * 3},{i % 10} tỷ đồng."
    if i % 4 == 2:  # an event date in the prose: never the publication date
        event = when - timedelta(days=1)
        paragraphs[0] = f"Chiều {event:%d/%m/%Y}, " + paragraphs[0][0].lower() + paragraphs[0][1:]
    if i % 6 == 1:
        paragraphs.append(f"Dự kiến hoàn thành vào ngày 29.12.{when.year}, sớm hơn kế hoạch.")
    list_after = list_len = None
    if i % 7 == 3 and not notice:
        list_after, list_len = 1, len(NUMBERED_ITEMS)
        paragraphs[1:1] = NUMBERED_ITEMS
    style = DATE_STYLES[i % len(DATE_STYLES)]
    shown, published, precision = date_line(when, style)
    line, author, source = BYLINES[i % len(BYLINES)]
    name = AUTHORS[i % len(AUTHORS)]
    attachments: list[tuple[str, str]] = []
    if notice:
        attachments = [
            (f"/documents/34223/0/ke-hoach-{i}.pdf/{_uuid(rng)}", f"Kế hoạch số {i + 10}/KH-UBND"),
            (f"/documents/34223/0/mau-don-{i}.docx/{_uuid(rng)}", "Mẫu đơn đăng ký"),
        ]
    images: list[tuple[str, str | None]] = []
    for k in range(0 if notice else (i % 3)):
        caption = CAPTIONS[(i + k) % len(CAPTIONS)].format(place=place)
        images.append((f"/documents/34223/0/anh-{i}-{k}.jpg/{_uuid(rng)}", caption))
    return ArticleSpec(
        path="", section=section, title=title, published=published,
        published_precision=precision, lead=lead, paragraphs=paragraphs,
        author=author.format(name=name) if author else None, source=source,
        byline_line=line.format(name=name) if line else None,
        images=images, attachments=attachments, date_line=shown, date_style=style,
        caption_style=["figure", "em", "table"][i % 3],
        list_after=list_after, list_len=list_len or 0,
        nbsp=i % 11 == 5, nfd=i == 7, empty_paragraph=i % 5 == 2, related_inside=i % 3 == 0,
        bold_lead=i % 2 == 0, entity_og_title=i % 4 == 0, redirect_link=i % 4 == 1, when=when,
    )


def reference_article() -> ArticleSpec:
    """The Provincial Party Secretary's speech of 31 Jan 2023, from reference-article.txt."""
    text = (Path(__file__).parent / "reference-article.txt").read_text(encoding="utf-8")
    lines = [clean_inline(ln) for ln in text.splitlines() if ln.strip()]
    start = lines.index(REFERENCE_TITLE) + 1
    lead, caption = lines[start], lines[start + 1]
    paragraphs = lines[start + 2:start + 7]
    assert lines[start + 7] == "Văn Khương", lines[start + 7]
    when = datetime(2023, 2, 1, 8, 15, tzinfo=VN_TZ)
    shown, published, precision = date_line(when, "ngayxam")
    return ArticleSpec(
        path="", section=SECTIONS[0][0], title=REFERENCE_TITLE, published=published,
        published_precision=precision, author="Văn Khương", source=None, lead=lead,
        paragraphs=paragraphs,
        images=[("/documents/34223/0/bi-thu-tinh-uy-phat-bieu.jpg/"
                 "5f51bbae-a578-d775-29e0-0a2b3c4d5e6f", caption)],
        date_line=shown, date_style="ngayxam", byline_line="Văn Khương",
        caption_style="figure", bold_lead=True, related_inside=True, when=when,
    )


def generate(n_articles: int, n_sections: int, seed: int) -> tuple[list[SectionSpec],
                                                                   list[ArticleSpec]]:
    """Articles newest first within each section; the reference article always included."""
    rng = random.Random(seed)
    sections = [SectionSpec(name, path, inst) for name, path, inst in SECTIONS[:n_sections]]
    newest = datetime(2024, 11, 20, 16, 40, 12, tzinfo=VN_TZ)
    span = timedelta(days=900) / max(n_articles, 1)
    others = []
    for i in range(n_articles - 1):
        when = (newest - span * i).replace(microsecond=0)
        section = sections[i % len(sections)].name
        others.append(_generated(i, when, section, rng))
    articles = [*others, reference_article()]
    instance = {s.name: s.instance for s in sections}
    for spec in articles:
        spec.path = f"/-/asset_publisher/{instance[spec.section]}/content/{slugify(spec.title)}"
    articles.sort(key=lambda a: a.when, reverse=True)
    return sections, articles
