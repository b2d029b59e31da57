"""The sample portal's ground truth: section and article specs, and their generator."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..textnorm import clean_inline
from .texts import (
    FIGURES,
    FULL_NAMES,
    GENERAL,
    LEAD_TAG,
    LIST_BLOCKS,
    NAMES,
    NOTICES,
    PLACES,
    PROSE_DATES,
    SUBJECTS,
    UPPER_NAMES,
    Subject,
    unit,
)

VN_TZ = timezone(timedelta(hours=7))
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
REFERENCE_TITLE = "Quyết tâm mới, phương thức lãnh đạo mới, kết quả mới"
REFERENCE_WHEN = datetime(2023, 2, 1, 8, 15, tzinfo=VN_TZ)
SECTIONS = [  # (name, path, Asset Publisher instance id)
    ("Chính trị - Xây dựng Đảng", "/tin-tuc/chinh-tri", "Xk3pQm8Rt2aB"),
    ("Kinh tế", "/tin-tuc/kinh-te", "Lm4vBn7Qw9cD"),
    ("Văn hóa - Xã hội", "/tin-tuc/van-hoa-xa-hoi", "Pq2sTy6Uz1eF"),
]
DATE_STYLES = ["ngayxam"] * 5 + ["xuatban", "ngaydang", "sach", "capnhat", "ngaythang"]
# (line shown, expected author, expected source); {name}/{full}/{upper} filled per article.
# Văn Khương, who wrote the reference article, is the portal's most frequent byline.
BYLINES: list[tuple[str | None, str | None, str | None]] = [
    ("Văn Khương", "Văn Khương", None),
    ("{name}", "{name}", None),
    ("{upper}", "{upper}", None),
    ("Tin, ảnh: Minh Tâm", "Minh Tâm", None),
    ("Tác giả: {full}", "{full}", None),
    ("Nguồn: Báo Đồng Tháp", None, "Báo Đồng Tháp"),
    ("Theo TTXVN", None, "TTXVN"),
    ("PV", "PV", None),
    ("Thanh Hà - Ngọc Lan", "Thanh Hà - Ngọc Lan", None),
    ("Trúc Ly (Theo Báo Đồng Tháp)", "Trúc Ly", "Báo Đồng Tháp"),
    (None, None, None),
]


@dataclass(frozen=True)
class SectionSpec:
    """A news section: display name (the expected ``category``), list path, portlet id."""

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
    when: datetime | None = None
    date_style: str = "ngayxam"
    byline_line: str | None = None
    caption_style: str = "figure"  # figure | em | table
    list_after: int | None = None  # index in paragraphs where a numbered list starts
    list_len: int = 0
    nbsp: bool = False  # &nbsp; and zero-width spaces inside the text
    nfd: bool = False  # the whole page in decomposed Unicode
    empty_paragraph: bool = False  # <p>&nbsp;</p> after the first paragraph
    related_inside: bool = False  # "Các tin đã đưa" inside div.journal-content-article
    bold_lead: bool = False
    entity_og_title: bool = False
    redirect_link: bool = False  # list links carry ?inheritRedirect=true&redirect=…

    @property
    def body(self) -> str:
        return "\n\n".join([self.lead, *self.paragraphs])

    @property
    def date_line(self) -> str:
        """The date line as the page prints it."""
        return date_line(self.when, self.date_style)[0] if self.when else ""


def slugify(title: str) -> str:
    """Liferay-style URL title: accents dropped, and ``đ`` dropped too (-ak-lak)."""
    text = title.replace("đ", "").replace("Đ", "")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def date_line(when: datetime, style: str) -> tuple[str, str, str]:
    """(text shown, expected ISO value, precision) for one of the portal's date styles."""
    dmy = when.strftime("%d/%m/%Y")
    minute = when.replace(second=0).isoformat()
    if style == "ngayxam":
        return f"({WEEKDAYS[when.weekday()]}, {dmy} {when:%H:%M})", minute, "minute"
    if style == "xuatban":
        return f"Xuất bản {dmy} {when:%H:%M}", minute, "minute"
    if style == "ngaydang":
        return f"Ngày đăng: {dmy}", when.date().isoformat(), "day"
    if style == "sach":
        ampm = "CH" if when.hour >= 12 else "SA"
        text = f"{when.day}/{when.month}/{when.year} {when.hour % 12 or 12}:{when:%M:%S} {ampm}"
        return text, when.isoformat(), "second"
    if style == "capnhat":
        return f"Cập nhật ngày: {dmy} {when:%H:%M:%S}", when.isoformat(), "second"
    return f"Ngày {when.day} tháng {when:%m} năm {when.year}", when.date().isoformat(), "day"


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _deck(rng: random.Random, values: list, n: int) -> list:
    """``values`` repeated to length ``n`` and shuffled: every variant shows up, uncorrelated."""
    out = (values * (n // max(len(values), 1) + 1))[:n]
    rng.shuffle(out)
    return out


def _timeline(rng: random.Random, n: int) -> list[datetime]:
    """``n`` distinct publication times over 2022-2024 (06:00-21:00), newest first."""
    first, days = datetime(2022, 1, 4, tzinfo=VN_TZ), 1060
    seen = {REFERENCE_WHEN}
    while len(seen) < n + 1:
        day = first + timedelta(days=rng.randrange(days))
        seen.add(day + timedelta(seconds=rng.randrange(6 * 3600, 21 * 3600)))
    seen.discard(REFERENCE_WHEN)
    return sorted(seen, reverse=True)


class _Generator:
    """Writes the generated articles; every choice comes from one seeded ``Random``."""

    def __init__(self, rng: random.Random, times: list[datetime],
                 sections: list[SectionSpec]) -> None:
        n = len(times)
        self.rng, self.sections = rng, sections
        self.titles, self.slugs = {REFERENCE_TITLE}, {slugify(REFERENCE_TITLE)}
        self.decks = {
            "date": _deck(rng, DATE_STYLES, n),
            "byline": _deck(rng, BYLINES, n),
            "images": _deck(rng, [0, 0, 0, 1, 1, 1, 1, 1, 2, 2], n),
            "caption": _deck(rng, ["figure", "em", "table"], n),
            "bold": _deck(rng, [True, False], n),
            "og": _deck(rng, [True, False, False, False], n),
            "redirect": _deck(rng, [True, False, False, False], n),
            "inside": _deck(rng, [True, False, False], n),
            "empty": _deck(rng, [True] + [False] * 5, n),
            "nbsp": _deck(rng, [True] + [False] * 7, n),
            "list": _deck(rng, [True] + [False] * 11, n),
            "prose": _deck(rng, [0, 1, 2] + [None] * 5, n),
            "tag": _deck(rng, [True] + [False] * 14, n),
        }
        early = range(min(n, 36))  # so that the default portal has them all
        _afternoon_sach(self.decks["date"], times, early)
        self.notices: dict[int, int] = {}  # article index -> NOTICES index
        for j in range(len(NOTICES)):
            want = sections[j % len(sections)].name
            free = [i for i in early if sections[i % len(sections)].name == want
                    and i not in self.notices]
            if free:
                self.notices[rng.choice(free)] = j
        plain = [i for i in early if i not in self.notices]
        self.nfd = rng.choice(plain) if plain else -1

    def article(self, i: int, when: datetime) -> ArticleSpec:
        rng, deck = self.rng, {k: v[i] for k, v in self.decks.items()}
        section = self.sections[i % len(self.sections)]
        _, published, precision = date_line(when, deck["date"])
        place = rng.choice(PLACES)
        u, party = unit(place)
        fill = {"place": place, "unit": u, "party": party, "year": when.year,
                "month": when.month, "n": rng.randint(12, 180), "k": rng.randint(10, 250),
                "pct": f"{rng.randint(70, 98)},{rng.randint(1, 9)}", "time": _event(rng, when)}
        subject: Subject | None = None
        if i in self.notices:
            notice = NOTICES[self.notices[i]]
            title, lead = notice["title"].format(**fill), notice["lead"].format(**fill)
            paragraphs = list(notice["paragraphs"])
            attachments = [(f"/documents/34223/0/{stem}-{when:%Y%m}.{ext}/{_uuid(rng)}",
                            name.format(**fill)) for stem, ext, name in notice["attachments"]]
            self.titles.add(title)
        else:
            subject, title = self._title(section.name, fill)
            lead = (LEAD_TAG if deck["tag"] else "") + rng.choice(subject["leads"]).format(**fill)
            paragraphs = self._paragraphs(section.name, subject, fill)
            attachments = []
        list_after = list_len = 0
        if deck["list"] and subject is not None:
            intro, items = rng.choice(LIST_BLOCKS)
            paragraphs[1:1] = [intro, *items]
            list_after, list_len = 2, len(items)
        if deck["prose"] is not None and subject is not None:
            where = rng.choice([j for j in range(len(paragraphs))
                                if not list_after <= j < list_after + list_len])
            paragraphs[where] += " " + _prose_date(rng, when, PROSE_DATES[deck["prose"]], fill)
        images = [] if subject is None else self._images(subject, deck, fill, title, when)
        line, author, source = deck["byline"]
        names = {"name": rng.choice(NAMES), "full": rng.choice(FULL_NAMES),
                 "upper": rng.choice(UPPER_NAMES)}
        return ArticleSpec(
            path=f"/-/asset_publisher/{section.instance}/content/{slugify(title)}",
            section=section.name, title=title, published=published,
            published_precision=precision, author=author.format(**names) if author else None,
            source=source, lead=lead, paragraphs=paragraphs, images=images,
            attachments=attachments, when=when, date_style=deck["date"],
            byline_line=line.format(**names) if line else None, caption_style=deck["caption"],
            list_after=list_after if list_len else None, list_len=list_len, nbsp=deck["nbsp"],
            nfd=i == self.nfd, empty_paragraph=deck["empty"], related_inside=deck["inside"],
            bold_lead=deck["bold"], entity_og_title=deck["og"], redirect_link=deck["redirect"],
        )

    def _title(self, section: str, fill: dict) -> tuple[Subject, str]:
        """A headline no other article has (nor its slug); ``fill`` gets the place used."""
        rng = self.rng
        for attempt in range(1000):
            subject = rng.choice(SUBJECTS[section])
            if attempt:
                fill["place"], fill["n"] = rng.choice(PLACES), rng.randint(12, 180)
                fill["unit"], fill["party"] = unit(fill["place"])
            title = rng.choice(subject["titles"]).format(**fill)
            if attempt > 900:  # pragma: no cover (far more headlines than articles)
                title += f" ({attempt})"
            if title not in self.titles and slugify(title) not in self.slugs:
                self.titles.add(title)
                self.slugs.add(slugify(title))
                return subject, title
        raise RuntimeError("no unique title left")  # pragma: no cover

    def _paragraphs(self, section: str, subject: Subject, fill: dict) -> list[str]:
        """3-6 paragraphs of 2-4 sentences: the subject's first, then the section's."""
        rng = self.rng
        own = rng.sample(subject["sentences"], len(subject["sentences"]))
        pool = own + rng.sample(GENERAL[section], len(GENERAL[section]))
        pool.insert(rng.randrange(2, len(own)), rng.choice(FIGURES[section]).format(**fill))
        sizes = [rng.randint(2, 4) for _ in range(rng.randint(3, 6))]
        while sum(sizes) > len(pool):
            sizes[sizes.index(max(sizes))] -= 1
        out, start = [], 0
        for size in sizes:
            out.append(" ".join(pool[start:start + size]))
            start += size
        return out

    def _images(self, subject: Subject, deck: dict, fill: dict, title: str, when: datetime
                ) -> list[tuple[str, str | None]]:
        rng, out = self.rng, []
        captions = rng.sample(subject["captions"], len(subject["captions"]))
        for k in range(min(deck["images"], len(captions))):
            name = rng.choice([f"dsc_{rng.randint(1000, 9999)}", f"img-{when:%Y%m%d}-{k + 1}",
                               slugify(title)[:40].rstrip("-")])
            caption: str | None = captions[k].format(**fill)
            if deck["caption"] == "em" and rng.random() < 0.2:
                caption = None  # a photo without a caption
            out.append((f"/documents/34223/0/{name}.jpg/{_uuid(rng)}", caption))
        return out


def _afternoon_sach(styles: list[str], times: list[datetime], early: range) -> None:
    """Make sure an early "3:12:00 CH" (afternoon, 12-hour clock) date line exists."""
    sach = [i for i in early if styles[i] == "sach"]
    if sach and all(times[i].hour < 12 for i in sach):
        swap = next((i for i in early if styles[i] == "ngayxam" and times[i].hour >= 13), None)
        if swap is not None:
            styles[sach[0]], styles[swap] = styles[swap], styles[sach[0]]


def _event(rng: random.Random, when: datetime) -> str:
    """"Sáng 14/3"-style time of the reported event: that morning or an earlier day."""
    if when.hour >= 12 and rng.random() < 0.5:
        return f"Sáng {when.day}/{when.month}"
    day = when - timedelta(days=rng.randint(1, 3))
    return f"{rng.choice(['Chiều', 'Ngày', 'Tối', 'Sáng'])} {day.day}/{day.month}"


def _prose_date(rng: random.Random, when: datetime, template: str, fill: dict) -> str:
    day = when - timedelta(days=rng.randint(2, 6))
    if (day + timedelta(days=1)).month != day.month:
        day -= timedelta(days=1)
    return template.format(d=day.day, m=day.month, y=day.year, d2=day.day + 1, **fill)


def reference_article(instance: str = SECTIONS[0][2]) -> ArticleSpec:
    """The Provincial Party Secretary's speech of 31 Jan 2023, from reference-article.txt."""
    text = (Path(__file__).parent / "reference-article.txt").read_text(encoding="utf-8")
    lines = [clean_inline(ln) for ln in text.splitlines() if ln.strip()]
    start = lines.index(REFERENCE_TITLE) + 1  # the line after the template's title
    lead, caption, paragraphs = lines[start], lines[start + 1], lines[start + 2:start + 7]
    if lines[start + 7] != "Văn Khương":  # pragma: no cover (the file is package data)
        raise ValueError("reference-article.txt: byline not found")
    _, published, precision = date_line(REFERENCE_WHEN, "ngayxam")
    return ArticleSpec(
        path=f"/-/asset_publisher/{instance}/content/{slugify(REFERENCE_TITLE)}",
        section=SECTIONS[0][0], title=REFERENCE_TITLE, published=published,
        published_precision=precision, author="Văn Khương", source=None, lead=lead,
        paragraphs=paragraphs,
        images=[("/documents/34223/0/bi-thu-tinh-uy-le-quoc-phong.jpg/"
                 "3b9e6c1d-8f2a-4c7e-b5d0-7a1e2f9c4d68", caption)],
        when=REFERENCE_WHEN, date_style="ngayxam", byline_line="Văn Khương",
        caption_style="figure", bold_lead=True, related_inside=True,
    )


def generate(n_articles: int, n_sections: int, seed: int
             ) -> tuple[list[SectionSpec], list[ArticleSpec]]:
    """Articles newest first (sections round-robin); the reference article always included."""
    if not 1 <= n_sections <= len(SECTIONS):
        raise ValueError(f"n_sections must be 1..{len(SECTIONS)}")
    rng = random.Random(seed)
    sections = [SectionSpec(name, path, inst) for name, path, inst in SECTIONS[:n_sections]]
    times = _timeline(rng, max(n_articles - 1, 0))
    gen = _Generator(rng, times, sections)
    articles = [gen.article(i, when) for i, when in enumerate(times)]
    articles.append(reference_article(sections[0].instance))
    articles.sort(key=lambda a: a.when or REFERENCE_WHEN, reverse=True)
    return sections, articles
