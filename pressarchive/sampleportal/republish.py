"""Republications and look-alikes for the syndication tests and the labelled set.

:func:`republish` makes what another portal does with an article: a new headline, the lead
cut, a "Theo …" credit, and 10-30% of the sentences edited (words swapped, a sentence
dropped or replaced, a closing line added). :func:`notice_series` and :func:`bulletins`
make the hard negatives: notices of one template in other months, and weekly bulletins
that share their framing but report other things. :func:`labelled_pairs` pairs them up,
with the truth, from the sample portal's generated articles. Text is our own, NFC.
"""
# ruff: noqa: E501  (one sentence a line reads better than wrapped prose)

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from .spec import ArticleSpec, generate, slugify
from .texts import NOTICES, PLACES

# Phrases editors of another portal swap (either way).
SWAPS = [
    ("cho biết", "thông tin"), ("thực hiện", "triển khai"), ("tổ chức", "tiến hành"),
    ("người dân", "bà con"), ("đồng thời", "bên cạnh đó"), ("nhằm", "để"),
    ("tiếp tục", "sẽ tiếp tục"), ("đề nghị", "yêu cầu"), ("nâng cao", "tăng cường"),
    ("trên địa bàn", "tại địa phương"), ("Theo đó,", "Cụ thể,"), ("các cấp", "cơ sở"),
]
# Sentences an editor adds at the end or in place of one it cuts.
ADDED = [
    "Đây là hoạt động thiết thực, được cán bộ và nhân dân địa phương đồng tình hưởng ứng.",
    "Phóng viên sẽ tiếp tục theo dõi và phản ánh kết quả triển khai trong thời gian tới.",
    "Nhiều ý kiến cho rằng cần sớm nhân rộng cách làm này ra các địa phương lân cận.",
    "Kết thúc buổi làm việc, đoàn đã ghi nhận các kiến nghị của cơ sở để tổng hợp báo cáo.",
]
RETITLES = ["{title}", "{place}: {title}", "{title} trong năm {year}", "Tin địa phương - {title}"]
# Weekly bulletins: the framing every issue shares, and items only one issue has.
BULLETIN_OPEN = "Bản tin tuần của Văn phòng Ủy ban nhân dân tỉnh điểm lại những hoạt động nổi bật trong tuần qua."
BULLETIN_CLOSE = "Mọi ý kiến đóng góp cho bản tin xin gửi về Văn phòng Ủy ban nhân dân tỉnh qua hộp thư điện tử."
BULLETIN_ITEMS = [
    "Lãnh đạo tỉnh tiếp và làm việc với đoàn công tác của bộ về tiến độ giải ngân vốn đầu tư công.",
    "Hội đồng nhân dân tỉnh tổ chức kỳ họp chuyên đề, thông qua nghị quyết về giá đất.",
    "Ngành giáo dục tổng kết năm học, biểu dương các giáo viên dạy giỏi cấp tỉnh.",
    "Sở Nông nghiệp khuyến cáo nông dân xuống giống lúa đông xuân theo lịch thời vụ.",
    "Công an tỉnh ra quân bảo đảm trật tự an toàn giao thông dịp cuối năm.",
    "Bệnh viện đa khoa tỉnh đưa vào sử dụng khu điều trị kỹ thuật cao mới.",
    "Ủy ban Mặt trận Tổ quốc tỉnh trao quà cho hộ nghèo và gia đình chính sách.",
    "Tỉnh đoàn phát động chiến dịch thanh niên tình nguyện hè với nhiều công trình.",
    "Sở Công Thương kiểm tra việc niêm yết giá tại các chợ và siêu thị.",
    "Ban quản lý dự án bàn giao mặt bằng để thi công tuyến đường ven sông.",
    "Trung tâm y tế huyện tổ chức tiêm vắc xin cho trẻ em trong độ tuổi.",
    "Hội Nông dân tỉnh tập huấn kỹ thuật nuôi cá tra cho các tổ hợp tác.",
    "Ngân hàng chính sách xã hội giải ngân vốn vay cho học sinh, sinh viên.",
    "Thư viện tỉnh khai trương không gian đọc sách dành cho thiếu nhi.",
    "Đoàn kiểm tra liên ngành làm việc về an toàn vệ sinh thực phẩm tại các bếp ăn tập thể.",
    "Các xã biên giới tổ chức ngày hội toàn dân bảo vệ chủ quyền lãnh thổ.",
]
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\"“(])")


@dataclass(frozen=True)
class Pair:
    """Two bodies and the truth: ``same`` when one republishes the other."""

    a: str
    b: str
    same: bool
    kind: str  # republished | notice | bulletin | unrelated


def _edit_sentence(sentence: str, rng: random.Random) -> str | None:
    """One sentence as another editor leaves it (None: cut)."""
    swaps = [(x, y) for x, y in SWAPS if x in sentence] + [(y, x) for x, y in SWAPS
                                                          if y in sentence]
    roll = rng.random()
    if swaps and roll < 0.6:
        for old, new in rng.sample(swaps, min(2, len(swaps))):
            sentence = sentence.replace(old, new, 1)
        return sentence
    if roll < 0.8:
        return None
    return rng.choice(ADDED)


def edit_paragraphs(paragraphs: list[str], share: float, rng: random.Random) -> list[str]:
    """``paragraphs`` with ``share`` of their sentences edited, cut or replaced."""
    split = [_SENTENCE.split(p) for p in paragraphs]
    where = [(i, j) for i, s in enumerate(split) for j in range(len(s))]
    for i, j in rng.sample(where, max(1, round(share * len(where)))):
        split[i][j] = _edit_sentence(split[i][j], rng) or ""
    out = [" ".join(s for s in sentences if s) for sentences in split]
    return [p for p in out if p]


def republish(spec: ArticleSpec, rng: random.Random, *, path: str, credit: str,
              when: datetime | None = None, share: float | None = None,
              cut_lead: bool | None = None) -> ArticleSpec:
    """``spec`` as another portal republishes it, hours or days later: retitled, maybe
    without its lead, credited "Theo ``credit``", 10-30% of its sentences edited."""
    share = rng.uniform(0.1, 0.3) if share is None else share
    cut = rng.random() < 0.5 if cut_lead is None else cut_lead
    place = rng.choice(PLACES)
    title = rng.choice(RETITLES[1:]).format(title=spec.title, place=place,
                                            year=(spec.when or datetime.now()).year)
    paragraphs = edit_paragraphs(spec.paragraphs, share, rng)
    if rng.random() < 0.4:
        paragraphs.append(rng.choice(ADDED))
    lead = paragraphs.pop(0) if cut else spec.lead
    later = (when or spec.when or datetime.now()) + timedelta(hours=rng.randint(3, 72))
    return replace(spec, path=path, title=title, lead=lead, paragraphs=paragraphs,
                   when=later, author=None, source=credit, byline_line=f"Theo {credit}",
                   images=[], attachments=[], list_after=None, list_len=0, nfd=False,
                   bold_lead=False, entity_og_title=False, redirect_link=False)


def notice_series(when: datetime, count: int, which: int = 0, step: int = 1
                  ) -> list[tuple[str, str, str]]:
    """(title, lead, body) of one notice template, ``count`` times ``step`` months apart."""
    notice, out = NOTICES[which], []
    for m in range(0, count * step, step):
        month = (when.month - 1 + m) % 12 + 1
        year = when.year + (when.month - 1 + m) // 12
        fill = {"month": month, "year": year}
        lead = notice["lead"].format(**fill)
        out.append((notice["title"].format(**fill), lead,
                    "\n\n".join([lead, *notice["paragraphs"]])))
    return out


def bulletins(n: int, rng: random.Random, items: int = 5) -> list[str]:
    """``n`` weekly bulletins: the same opening and closing, ``items`` news items each."""
    out = []
    for week in range(n):
        chosen = rng.sample(BULLETIN_ITEMS, items)
        out.append("\n\n".join([f"{BULLETIN_OPEN} Số {week + 1} năm 2023.", *chosen,
                                BULLETIN_CLOSE]))
    return out


def labelled_pairs(n: int = 60, seed: int = 18) -> list[Pair]:
    """The labelled set: ``n`` republications of generated articles with their original,
    notices of one template a month apart, bulletins a week apart, and the most alike
    unrelated articles (same subject, shared stock sentences)."""
    rng = random.Random(seed)
    _, articles = generate(n + 1, 3, seed)
    articles = [a for a in articles if a.attachments == [] and len(a.paragraphs) >= 3][:n]
    pairs = []
    for k, spec in enumerate(articles):
        copy = republish(spec, rng, path=f"/copy/{k}/{slugify(spec.title)}",
                         credit="Cổng TTĐT Đồng Tháp")
        pairs.append(Pair(spec.body, copy.body, True, "republished"))
    for which, step in enumerate([1, 12]):  # monthly audiences, a yearly fair
        series = notice_series(datetime(2023, 1, 5), 8, which, step)
        pairs += [Pair(x[2], y[2], False, "notice") for x, y in zip(series, series[1:], strict=False)]
    weekly = bulletins(12, rng)
    pairs += [Pair(x, y, False, "bulletin") for x, y in zip(weekly, weekly[1:], strict=False)]
    pairs += [Pair(x, y, False, "unrelated") for x, y in _alike(articles, 20)]
    return pairs


def _alike(articles: list[ArticleSpec], k: int) -> list[tuple[str, str]]:
    """The ``k`` pairs of distinct articles whose words overlap most (hardest negatives)."""
    words = [set(a.body.lower().split()) for a in articles]
    scored = sorted(((len(words[i] & words[j]) / len(words[i] | words[j]), i, j)
                     for i in range(len(articles)) for j in range(i + 1, len(articles))),
                    reverse=True)
    return [(articles[i].body, articles[j].body) for _, i, j in scored[:k]]


def wordpress_with_copies(originals: list[ArticleSpec], credit: str, seed: int = 18,
                          notices: list[tuple[str, str, str]] | None = None,
                          n_articles: int = 30, edits: list[dict[str, Any]] | None = None
                          ) -> tuple[Any, list[ArticleSpec]]:
    """The WordPress fixture portal with a republication of each of ``originals`` (and
    ``notices``: (title, lead, body) of a template, as notices of its own) among its own
    articles; returns the portal and the copies, in the portal's URLs and date lines."""
    from .wordpress import WP_STYLES, build_wordpress_portal
    from .wordpress import date_line as wp_date_line

    base = build_wordpress_portal(n_articles)
    rng = random.Random(seed)
    copies = []
    for k, spec in enumerate(originals):
        style = WP_STYLES[k % len(WP_STYLES)]
        copy = republish(spec, rng, path="", credit=credit, **(edits or [{}] * (k + 1))[k])
        alias = {s.name: s.path.strip("/") for s in base.sections}[copy.section]
        _, published, precision = wp_date_line(style, copy.when)
        copies.append(replace(copy, path=f"/{alias}/{slugify(copy.title)[:80]}-a{90001 + k}.html",
                              published=published, published_precision=precision,
                              date_style=style))
    for k, (title, lead, body) in enumerate(notices or []):
        template = copies[0] if copies else base.articles[0]
        when = (template.when or datetime(2023, 1, 1)) + timedelta(days=31 * (k + 1))
        _, published, precision = wp_date_line("pipe", when)
        paragraphs = body.split("\n\n")[1:]
        copies.append(replace(
            template, path=f"/kinh-te/{slugify(title)[:80]}-a{95001 + k}.html", title=title,
            lead=lead, paragraphs=paragraphs, section="Kinh tế", when=when,
            published=published, published_precision=precision, date_style="pipe",
            author=None, source=None, byline_line=None))
    articles = sorted([*base.articles, *copies], key=lambda a: a.when, reverse=True)
    return type(base)(base.sections, articles, base.per_page, base.variant), copies
