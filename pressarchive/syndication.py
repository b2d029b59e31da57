"""Who published it first: near-duplicate (republication) detection across portals.

Each article body is read as Vietnamese syllables (NFC, diacritics and đ folded, lower
case); its 3-syllable shingles get a 128-value MinHash (datasketch, ``affine32``), kept in
the archive's ``signatures`` table. Candidate pairs come from a MinHash LSH index
(32 bands of 4, Jaccard ≈ 0.4 and up; :class:`~pressarchive.minhashlib.BandIndex`, the
candidates of datasketch's) over a sliding window of :data:`WINDOW_DAYS` by publication
day, so memory stays bounded however large the archive. Each candidate is then verified on
the syllables themselves: its similarity is the share of the shorter body found, in order,
in the other (difflib's matching blocks, computed by cydifflib, difflib compiled: the same
blocks 4x faster; a pair whose longest common subsequence already falls short of
:data:`EDGE_FLOOR` is skipped, see :func:`may_reach`), which a cut lead or a dropped
sentence hardly moves while stock sentences shuffled into unrelated articles score low. A
pair that differs only in figures (the same notice template another month) is a template,
not a republication. Pairs at or above the threshold form clusters; the earliest member
(by ``published``, then ``first_seen``) is the original. With ``jobs``, worker processes
sign and verify.
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from cydifflib import SequenceMatcher
from rapidfuzz.distance import LCSseq

from .minhashlib import BandIndex
from .parallel import ordered_map
from .textnorm import nfc, strip_diacritics

if TYPE_CHECKING:
    from .archive import Archive

NUM_PERM = 128
SHINGLE = 3
LSH_BANDS = (32, 4)  # (bands, rows): a pair of Jaccard 0.55 is a candidate 95% of the time
MIN_SYLLABLES = 40  # shorter bodies (a caption, a one-line notice) are not matched
DEFAULT_SIMILARITY = 0.8  # measured on the labelled set, see README "Republications"
EDGE_FLOOR = 0.5  # pairs kept in near_duplicates (for a lower --min-similarity later)
WINDOW_DAYS = 60  # a republication is compared with articles this many days around it
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(rb"\d")
_SEED = 18


_FOLDED: dict[str, bytes] = {}


def _fold_new(word: str) -> bytes:
    value = strip_diacritics(word).encode("utf-8")
    if len(_FOLDED) < 500_000:
        _FOLDED[word] = value
    return value


def syllables(text: str | None) -> list[bytes]:
    """The syllables of ``text``, NFC, split at anything but letters and digits, each
    folded by :func:`~pressarchive.textnorm.strip_diacritics` (no diacritics, đ → d,
    lower case; cached per word), as UTF-8."""
    return _cached(_FOLDED, _WORD.findall(nfc(text or "")), _fold_new)


def _cached(cache: dict[Any, Any], keys: list[Any], new: Callable[[Any], Any]) -> list[Any]:
    """``cache[key]`` for each of ``keys``, ``new(key)`` where missing (in C when none is)."""
    values = list(map(cache.get, keys))
    if None in values:
        values = [new(k) if v is None else v for v, k in zip(values, keys, strict=True)]
    return values


_HASHES: dict[bytes, int] = {}


def _hash_new(word: bytes) -> int:
    value = zlib.crc32(word) or 1
    if len(_HASHES) < 500_000:
        _HASHES[word] = value
    return value


def shingle_hashes(words: Sequence[bytes], k: int = SHINGLE) -> np.ndarray:
    """The distinct 32-bit hashes of ``words``' ``k``-syllable shingles (numpy)."""
    return np.unique(_shingles(words, k))


def _shingles(words: Sequence[bytes], k: int = SHINGLE) -> np.ndarray:
    """The 32-bit hashes of ``words``' ``k``-syllable shingles, in order (repeats kept)."""
    if not words:
        return np.empty(0, dtype=np.uint32)
    h = np.array(_cached(_HASHES, list(words), _hash_new), dtype=np.uint32)
    k = min(k, len(h))
    mixed = h[: len(h) - k + 1].copy()
    for j in range(1, k):  # combine adjacent syllable hashes (MinHash mixes them again):
        mixed *= np.uint32(0x9E3779B1)  # x * c + y mod 2**32, as it was in 64 bits
        mixed += h[j: len(h) - k + 1 + j]
    return mixed


def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """datasketch's ``affine32`` permutations, ``MinHash(num_perm, seed).permutations``
    (h → a·h + b mod 2³², ``a`` odd), drawn as it draws them, without loading it."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


PERMUTATIONS = _permutations(NUM_PERM, _SEED)
_A, _B = (row[None, :] for row in PERMUTATIONS)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's ``affine32`` scheme mixes a value."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(words: Sequence[bytes]) -> np.ndarray | None:
    """The MinHash values (uint32[NUM_PERM]) of a body's syllables; None when too short.
    datasketch's ``affine32`` MinHash (its permutations, ``update_batch``'s arithmetic)
    in one numpy expression, without a Python call per shingle (the tests compare)."""
    if len(words) < MIN_SYLLABLES:
        return None
    values = _fmix32(_shingles(words))[:, None] * _A  # a repeated shingle: the same minimum
    values += _B
    return values.min(axis=0)


def lean(values: np.ndarray) -> Any:
    """A stored signature as a datasketch MinHash (for datasketch's own LSH index)."""
    from .minhashlib import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values,
                   permutations=PERMUTATIONS, scheme="affine32")


@dataclass(frozen=True)
class Match:
    """How alike two bodies are: ``similarity`` (share of the shorter found in order in
    the other, 0-1) and ``template`` (they differ only in figures: not a republication)."""

    similarity: float
    template: bool


def compare(a: Sequence[bytes], b: Sequence[bytes], floor: float = 0.0) -> Match:
    """Verify a candidate pair on its syllables (see the module notes); a similarity
    below ``floor`` is returned without the template test (as not a template)."""
    if not a or not b:
        return Match(0.0, False)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    similarity = round(matched / min(len(a), len(b)), 4)
    if similarity < floor:
        return Match(similarity, False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    template = (any(i < j for _, i, j, _, _ in changed)  # words only in a, only in b,
                and any(i < j for _, _, _, i, j in changed)  # and each with a figure
                and all(_DIGIT.search(w) for _, i, j, k, m in changed for w in (*a[i:j], *b[k:m])))
    return Match(similarity, template)


def may_reach(a: Sequence[Any], b: Sequence[Any], floor: float) -> bool:
    """Whether :func:`compare` can find ``a`` and ``b`` at least ``floor`` alike: their
    longest common subsequence (rapidfuzz, bit-parallel) bounds the matching blocks, which
    are one, so a pair failing this would score below ``floor`` (an exact, cheap skip)."""
    if not a or not b:
        return floor <= 0
    return round(LCSseq.similarity(a, b) / min(len(a), len(b)), 4) >= floor


def day_key(published: str | None, first_seen: str | None) -> str | None:
    """The day an article is placed at in the window: its publication, else first seen."""
    for value in (published, first_seen):
        try:
            return date.fromisoformat((value or "")[:10]).isoformat()
        except ValueError:
            continue
    return None


def _days_between(a: str, b: str) -> int:
    try:
        return (date.fromisoformat(b) - date.fromisoformat(a)).days
    except ValueError:
        return 0


@dataclass
class Summary:
    """What one update did."""

    signed: int = 0  # articles given a (new) signature
    short: int = 0  # of which too short to match
    candidates: int = 0  # LSH candidate pairs verified
    pairs: int = 0  # near-duplicate pairs kept (similarity >= EDGE_FLOOR)
    clusters: int = 0  # clusters written or rewritten
    members: int = 0


def update(archive: Archive, *, threshold: float = DEFAULT_SIMILARITY,
           window_days: int = WINDOW_DAYS, rebuild: bool = False, batch: int = 500,
           progress: Callable[[str], None] | None = None, jobs: int = 1) -> Summary:
    """Match every new or changed article (``rebuild``: every article) against the
    archive and rewrite the clusters it touches. Run at the end of each crawl. ``jobs``
    worker processes sign the articles and verify the candidate pairs (this process
    alone reads and writes the archive; the result is the same as with one)."""
    _forget()
    try:
        return _update(archive, threshold, window_days, rebuild, batch, progress, jobs)
    finally:
        _forget()  # the syllables kept hold only within one update


def _update(archive: Archive, threshold: float, window_days: int, rebuild: bool, batch: int,
            progress: Callable[[str], None] | None, jobs: int) -> Summary:
    summary = Summary()
    if rebuild:
        archive.clear_duplicates()
    unsigned = archive.unsigned_ids()
    to_sign = (row for start in range(0, len(unsigned), batch)
               for row in archive.to_sign(unsigned[start:start + batch]))
    signed: list[tuple[int, str, str | None, bytes | None]] = []
    workers = _jobs_for(len(unsigned), jobs)
    keep = workers == 1 and len(unsigned) <= KEEP_SIGNED  # a run's worth, signed here
    for row in ordered_map(_sign_kept if keep else _sign_row, to_sign, workers):
        signed.append(row)
        summary.short += row[3] is None
        if len(signed) == batch:
            archive.save_signatures(signed)
            summary.signed, signed = summary.signed + len(signed), []
    if signed:
        archive.save_signatures(signed)
        summary.signed += len(signed)
    unmatched = archive.unmatched()
    if not unmatched:
        return summary
    pending = {i for i, _, _ in unmatched}
    days = [d for _, d, signed in unmatched if signed and d]
    if progress:
        progress(f"{summary.signed} article(s) signed; matching {len(pending)}")
    candidates: set[tuple[int, int]] = set()
    if days:
        lo = (date.fromisoformat(min(days)) - timedelta(days=window_days)).isoformat()
        hi = (date.fromisoformat(max(days)) + timedelta(days=window_days)).isoformat()
        rows = archive.signature_window(lo, hi)
        if len(pending) * 4 < archive.count_signatures(lo, hi):  # a run's worth: index it
            candidates = _probe(archive.signatures_of(pending), rows, window_days)
        else:  # the whole archive (a first crawl, --rebuild): a sliding window
            candidates = _sweep(rows, pending, window_days)
    summary.candidates = len(candidates)
    pairs = _verify(archive, candidates, jobs)
    summary.pairs = len(pairs)
    with archive._write():  # pairs, clusters and "matched" together, or not at all
        archive.drop_pairs(pending)
        archive.save_pairs(pairs)
        clusters = _recluster(archive, pending, threshold)
        archive.mark_matched(pending)
    summary.clusters = len(clusters)
    summary.members = sum(len(c) for c in clusters)
    return summary


def _sweep(rows: Iterable[tuple[int, str | None, bytes]], pending: set[int],
           window_days: int) -> set[tuple[int, int]]:
    """Candidate pairs (smaller id first) with at least one pending article, from an LSH
    index holding only the articles of the last ``window_days`` days (rows in day order)."""
    lsh = BandIndex(*LSH_BANDS)
    held: deque[tuple[str, int]] = deque()  # (day, id) in the index; undated ones stay
    out: set[tuple[int, int]] = set()
    for article_id, day, blob in rows:
        if day is not None:
            while held and _days_between(held[0][0], day) > window_days:
                lsh.remove(held.popleft()[1])
        for other in lsh.query(blob):
            if article_id in pending or other in pending:
                out.add((min(article_id, other), max(article_id, other)))
        lsh.insert(article_id, blob)
        if day is not None:
            held.append((day, article_id))
    return out


def _probe(pending: Iterable[tuple[int, str | None, bytes]],
           rows: Iterable[tuple[int, str | None, bytes]], window_days: int
           ) -> set[tuple[int, int]]:
    """Candidate pairs of a few ``pending`` articles: an LSH index of them alone, queried
    by every article of their window (``rows``)."""
    lsh = BandIndex(*LSH_BANDS)
    days: dict[int, str | None] = {}
    for article_id, day, blob in pending:
        lsh.insert(article_id, blob)
        days[article_id] = day
    out: set[tuple[int, int]] = set()
    for article_id, day, blob in rows:
        for other in lsh.query(blob):
            near = day is None or days[other] is None or abs(
                _days_between(day, days[other])) <= window_days
            if other != article_id and near:
                out.add((min(article_id, other), max(article_id, other)))
    return out


def _sign_row(row: dict[str, Any], words: list[bytes] | None = None
              ) -> tuple[int, str, str | None, bytes | None]:
    """A ``signatures`` row (id, content hash, day, MinHash bytes or None) of a
    :meth:`~pressarchive.archive.Archive.to_sign` row (``words``: its body's syllables)."""
    sig = signature(syllables(row["body"]) if words is None else words)
    return (row["id"], row["content_hash"], day_key(row["published"], row["first_seen"]),
            sig.tobytes() if sig is not None else None)


def _sign_kept(row: dict[str, Any]) -> tuple[int, str, str | None, bytes | None]:
    """:func:`_sign_row`, keeping the body's syllables for this update's verification."""
    _KEPT[row["id"]] = words = syllables(row["body"])
    return _sign_row(row, words)


def _jobs_for(items: int, jobs: int) -> int:
    """Worker processes for ``items`` pieces of work: none for a few (starting them
    costs more than they save)."""
    return jobs if items >= 200 else 1


VERIFY_CHUNK = 250  # candidate pairs a task (with the bodies they need)


def _verify(archive: Archive, candidates: set[tuple[int, int]], jobs: int = 1
            ) -> list[tuple[int, int, float, bool]]:
    """(a, b, similarity, template) of the candidates at or above :data:`EDGE_FLOOR`,
    in pair order; ``jobs`` worker processes compare (this process reads the bodies)."""
    ordered = sorted(candidates)

    def tasks() -> Iterator[tuple[list[tuple[int, int]], dict[int, str]]]:
        for start in range(0, len(ordered), VERIFY_CHUNK):
            chunk = ordered[start:start + VERIFY_CHUNK]
            yield chunk, archive.bodies({i for pair in chunk for i in pair})

    out: list[tuple[int, int, float, bool]] = []
    workers = _jobs_for(len(ordered), jobs)
    for found in ordered_map(_verify_chunk, tasks(), workers,
                             setup=_forget if workers > 1 else None, chunk=1):
        out.extend(found)
    return out


KEEP_SIGNED = 10_000  # an update signing at most this many here keeps their syllables
_KEPT: dict[int, list[bytes]] = {}  # those syllables, until verification takes them
# The bodies met in one verification: syllables, and the same one character each (_coded)
_WORDS: dict[int, tuple[list[bytes], str | None]] = {}
_CODES: dict[bytes, str] = {}  # syllable -> its character, while _WORDS is kept
_NONE: tuple[list[bytes], str | None] = ([], "")


def _forget() -> None:
    _KEPT.clear()
    _WORDS.clear()
    _CODES.clear()


def _coded(words: list[bytes]) -> str | None:
    """``words`` as a string of one character a syllable (the same syllable, the same
    character: rapidfuzz's fastest input); None when the characters run out."""
    try:
        return "".join(_cached(_CODES, words, _code_new))
    except ValueError:
        return None


def _code_new(word: bytes) -> str:
    value = _CODES.get(word)  # (met twice in one body: the first one's)
    if value is None:
        n = len(_CODES) + 1
        _CODES[word] = value = chr(n if n < 0xD800 else n + 0x800)  # no surrogate;
    return value  # ValueError past U+10FFFF


def _verify_chunk(task: tuple[list[tuple[int, int]], dict[int, str]]
                  ) -> list[tuple[int, int, float, bool]]:
    pairs, bodies = task
    if len(_WORDS) > 50_000 or len(_CODES) > 500_000:
        _WORDS.clear()
        _CODES.clear()
    for article_id, body in bodies.items():
        if article_id not in _WORDS:
            words = _KEPT.pop(article_id, None)
            if words is None:
                words = syllables(body)
            _WORDS[article_id] = (words, _coded(words))
    out = []
    for a, b in pairs:
        (words_a, code_a), (words_b, code_b) = _WORDS.get(a, _NONE), _WORDS.get(b, _NONE)
        if code_a is not None and code_b is not None:
            if not may_reach(code_a, code_b, EDGE_FLOOR):
                continue
        elif not may_reach(words_a, words_b, EDGE_FLOOR):
            continue
        match = compare(words_a, words_b, EDGE_FLOOR)
        if match.similarity >= EDGE_FLOOR:
            out.append((a, b, match.similarity, match.template))
    return out


def _recluster(archive: Archive, pending: set[int], threshold: float) -> list[list[int]]:
    """Rewrite the clusters around ``pending``: connected components of non-template pairs
    at or above ``threshold``; returns them (member ids)."""
    touched = set(pending) | archive.cluster_mates(pending)
    edges: dict[int, dict[int, float]] = {}
    frontier = set(touched)
    while frontier:  # every article linked to a touched one, transitively
        found = archive.pairs_of(frontier, threshold)
        frontier = set()
        for a, b, sim in found:
            for x, y in ((a, b), (b, a)):
                edges.setdefault(x, {})[y] = sim
                if y not in touched:
                    touched.add(y)
                    frontier.add(y)
        frontier |= archive.cluster_mates(frontier) - touched
        touched |= frontier
    seen: set[int] = set()
    components: list[list[int]] = []
    for start in sorted(touched):
        if start in seen or start not in edges:
            continue
        stack, comp = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            comp.append(node)
            for nxt in edges.get(node, {}):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        components.append(sorted(comp))
    archive.write_clusters(touched, [_describe(archive, c, edges, threshold)
                                     for c in components])
    return components


def _describe(archive: Archive, members: list[int], edges: dict[int, dict[int, float]],
              threshold: float) -> dict[str, Any]:
    """A cluster's rows: the earliest member, each member's similarity to it, credits."""
    info = archive.member_info(members)
    earliest = min(members, key=lambda i: (info[i]["published"] or "9999",
                                           info[i]["first_seen"] or "", i))
    base = syllables(archive.bodies({earliest})[earliest])
    outlets = {site: set(syllables(text)) for site, text in
               archive.outlet_names({info[i]["site"] for i in members}).items()}
    rows = []
    for i in members:
        if i == earliest:
            sim = 1.0
        elif earliest in edges.get(i, {}):
            sim = edges[i][earliest]
        else:
            sim = compare(base, syllables(archive.bodies({i})[i])).similarity
        credited = _credited(info[i]["source"], info[i]["site"], members, info, outlets)
        rows.append({"article_id": i, "similarity": sim, "is_earliest": int(i == earliest),
                     "credits": info[i]["source"], "credits_member": credited})
    return {"earliest": earliest, "threshold": threshold, "members": rows,
            "sites": len({info[i]["site"] for i in members})}


_GENERIC = set(syllables(
    "báo cổng thông tin điện tử ttđt trang tin tức tỉnh thành phố đài phát thanh truyền hình"
    " online website portal"))


def _credited(source: str | None, own_site: str | None, members: list[int],
              info: dict[int, dict[str, Any]], outlets: dict[str, set[bytes]]) -> int | None:
    """The other member (earliest first) whose outlet ``source`` names: the distinctive
    syllables of the credit ("Cổng TTĐT Đồng Tháp" → đồng tháp) are all in that member's
    site title, province or name."""
    words = set(syllables(source)) - _GENERIC
    if not words:
        return None
    order = sorted(members, key=lambda i: (info[i]["published"] or "9999", i))
    for i in order:
        site = info[i]["site"]
        if site != own_site and words <= outlets.get(site or "", set()):
            return i
    return None


def evaluate(pairs: Iterable[Any], threshold: float = DEFAULT_SIMILARITY
             ) -> dict[str, float]:
    """Precision and recall of "similarity >= threshold and not a template" on labelled
    pairs (objects with ``a``, ``b``, ``same``), as LSH candidates are found and verified."""
    tp = fp = fn = 0
    for pair in pairs:
        a, b = syllables(pair.a), syllables(pair.b)
        sa, sb = signature(a), signature(b)
        found = False
        if sa is not None and sb is not None:
            lsh = BandIndex(*LSH_BANDS)
            lsh.insert(0, sa.tobytes())
            if lsh.query(sb.tobytes()):
                match = compare(a, b)
                found = match.similarity >= threshold and not match.template
        tp += found and pair.same
        fp += found and not pair.same
        fn += (not found) and pair.same
    return {"precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0, "tp": tp, "fp": fp, "fn": fn}

