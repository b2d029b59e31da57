"""The republication match's shortcuts give what the plain path gives: the banding index
the candidates of datasketch's MinHashLSH, the numpy signature datasketch's MinHash, and
the verification (an LCS bound before difflib) the same pairs and similarities."""

from __future__ import annotations

import random
import subprocess
import sys
import zlib
from datetime import datetime

import numpy as np
import pytest

from pressarchive import syndication
from pressarchive.minhashlib import BandIndex, MinHash, MinHashLSH
from pressarchive.sampleportal import build_portal
from pressarchive.sampleportal.republish import bulletins, labelled_pairs, notice_series
from pressarchive.syndication import EDGE_FLOOR, LSH_BANDS, NUM_PERM, compare, syllables


def _texts() -> list[str]:
    """Varied bodies: the labelled set (copies, templates with figures, bulletins, look-
    alikes), sample-portal articles, each cut, contained in a longer one and shortened."""
    rng = random.Random(7)
    bodies = [t for pair in labelled_pairs() for t in (pair.a, pair.b)]
    bodies += [a.body for a in build_portal(120).articles]
    bodies += [x[2] for x in notice_series(datetime(2024, 1, 5), 4, 1)] + bulletins(4, rng)
    extra = []
    for body in rng.sample(bodies, 40):
        words = body.split()
        half = len(words) // 2
        extra += [" ".join(words[:half]), body + "\n\n" + rng.choice(bodies),  # contained
                  " ".join(words[: syndication.MIN_SYLLABLES + 2]), " ".join(words[:3])]
    return list(dict.fromkeys(bodies + extra + ["", "Số 12/2024"]))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _shingles_in_64_bits(words: list[bytes], k: int = syndication.SHINGLE) -> np.ndarray:
    """The shingle hashes as first written: 64-bit arithmetic masked to 32 bits."""
    h = np.array([zlib.crc32(w) or 1 for w in words], dtype=np.uint64)
    k = min(k, len(h))
    mixed = h[: len(h) - k + 1].copy()
    for j in range(1, k):
        mixed = (mixed * np.uint64(0x9E3779B1) + h[j: len(h) - k + 1 + j]) & np.uint64(
            0xFFFFFFFF)
    return np.unique(mixed.astype(np.uint32))


def test_signature_is_datasketchs_minhash(texts: list[str]) -> None:
    for text in texts:
        words = syllables(text)
        if words:
            assert np.array_equal(syndication.shingle_hashes(words),
                                  _shingles_in_64_bits(words))
        ours = syndication.signature(words)
        if len(words) < syndication.MIN_SYLLABLES:
            assert ours is None
            continue
        m = MinHash(num_perm=NUM_PERM, seed=syndication._SEED, hashfunc=lambda h: h)
        m.update_batch(syndication.shingle_hashes(words).tolist())
        assert ours is not None and ours.dtype == np.uint32
        assert ours.tobytes() == m.hashvalues.astype(np.uint32).tobytes()


def _signatures(texts: list[str]) -> list[bytes]:
    """Signatures of ``texts`` and random ones planted with shared bands."""
    rng = np.random.default_rng(3)
    real = [s.tobytes() for t in texts if (s := syndication.signature(syllables(t))) is not None]
    made = []
    for _ in range(300):
        values = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
        donor = np.frombuffer(real[int(rng.integers(len(real)))], dtype=np.uint32)
        for band in rng.choice(LSH_BANDS[0], int(rng.integers(0, 3)), replace=False):
            rows = slice(band * LSH_BANDS[1], (band + 1) * LSH_BANDS[1])
            values[rows] = donor[rows]
        made.append(values.tobytes())
    return real + made


def test_band_index_finds_datasketchs_candidates_through_inserts_and_removals(
        texts: list[str]) -> None:
    blobs = _signatures(texts)
    ours, theirs = BandIndex(*LSH_BANDS), MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    held: list[int] = []
    found = 0
    for key, blob in enumerate(blobs):
        got = ours.query(blob)
        assert got == set(theirs.query(syndication.lean(np.frombuffer(blob, np.uint32))))
        found += len(got)
        ours.insert(key, blob)
        theirs.insert(key, syndication.lean(np.frombuffer(blob, np.uint32)))
        held.append(key)
        if key % 3 == 2:  # a sliding window: the oldest leave
            ours.remove(held[0])
            theirs.remove(held.pop(0))
        assert len(ours) == len(held)
    assert found > 500  # the comparison had candidates to compare


def _plain(words: dict[int, list[bytes]], pairs: list[tuple[int, int]]
           ) -> list[tuple[int, int, float, bool]]:
    out = []
    for a, b in pairs:
        match = compare(words[a], words[b])
        if match.similarity >= EDGE_FLOOR:
            out.append((a, b, match.similarity, match.template))
    return out


def test_verification_keeps_the_pairs_and_similarities_of_plain_difflib(
        texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bodies = dict(enumerate(texts))
    words = {i: syllables(t) for i, t in bodies.items()}
    where = {t: i for i, t in bodies.items()}
    labelled = {tuple(sorted((where[p.a], where[p.b]))) for p in labelled_pairs()}
    some = sorted(random.Random(5).sample(range(len(texts)), 90))
    pairs = sorted(labelled | {(a, b) for a in some for b in some if a < b})
    expected = _plain(words, pairs)
    assert sum(1 for *_, template in expected if template) >= 5  # templates with figures
    assert len(expected) > 100
    syndication._forget()
    fast = syndication._verify_chunk((pairs, bodies))
    assert fast == expected
    monkeypatch.setattr(syndication, "_coded", lambda words: None)  # out of characters
    syndication._forget()
    assert syndication._verify_chunk((pairs, bodies)) == expected
    syndication._forget()


def test_the_lcs_bound_never_falls_below_the_similarity(texts: list[str]) -> None:
    words = [syllables(t) for t in random.Random(6).sample(texts, 60)]
    for a in words:
        for b in words:
            sim = compare(a, b).similarity
            for floor in (sim, EDGE_FLOOR) if sim >= EDGE_FLOOR else (sim,):
                assert syndication.may_reach(a, b, floor)


def test_permutations_are_datasketchs_without_loading_it() -> None:
    code = ("import sys; from pressarchive import syndication;"
            " print('datasketch' in sys.modules, 'scipy' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == ["False", "False"]
    theirs = MinHash(num_perm=NUM_PERM, seed=syndication._SEED).permutations
    assert theirs.dtype == np.uint32 and np.array_equal(syndication.PERMUTATIONS, theirs)
