"""Which text a page's bytes hold, when the cheap UTF-8 path is in doubt.

Candidates (the declared single-byte charset, windows-1258, charset-normalizer's guess,
and UTF-8 with stray windows-1258 bytes) are judged by how Vietnamese the decoded text
reads: the share of its accented words that are valid Vietnamese syllables. Text in the
legacy TCVN3 (ABC) and VNI font encodings is recognised and refused, not converted: the
same bytes mean capitals under TCVN3's ``.VnTimeH`` fonts, which the bytes do not say.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from typing import NoReturn

from ..textnorm import nfc
from .model import ExtractionError

VIETNAMESE = "windows-1258"
GUESS = "charset-normalizer"
# Below this share of valid syllables among accented words, a decoding is not Vietnamese.
MIN_VALID_SHARE = 0.75
# With fewer accented words than this there is nothing to judge: any clean decoding does.
MIN_WORDS = 8
# Judging a decoding by this many accented words is as good as by all (and bounded).
MAX_WORDS = 1500
# Legacy-font text has accented (non-ASCII) words at least this often among all its words
# (Vietnamese marks most syllables: 88 % of the reference article's words; German, French
# or Polish text far fewer, 10-30 %).
MIN_ACCENTED_SHARE = 0.5
# A UTF-8 page is checked for legacy-font text only with at least this many tell-tales.
MIN_TELLTALES = 12

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Place names of the Central Highlands add onsets and a coda (Krông Pắc, Pleiku, Đắk Lắk).
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|kr|pl|bl|dr|[bcdđfghjklmnpqrstvwxz]"
_NUCLEI = (
    "iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ ưa ưi ưu ươ uy yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_CODA = "ch|ng|nh|[ckmnpt]"
_SYLLABLE = re.compile(f"(?:{_ONSET})?(?:{'|'.join(_NUCLEI)})(?:{_CODA})?")
# A "word": letters plus the Latin-1 symbols TCVN3 text turns into (t©m, B¶o).
_WORD = re.compile(r"[\w\u00a1-\u00bf]+")
# Tell-tales of legacy-font text read as Latin-1: TCVN3's symbols (¶ ¾ © ® µ ¸ …) and the
# letters only VNI's tone bytes produce (ø û ï å ä ë ü æ ö ñ); none is Vietnamese.
_TCVN3_MARKS = "\u00a1-\u00be"
_VNI_MARKS = "øûïåäëüæöñÑÖØÛÏÅÄËÜÆ"
_TELLTALE = re.compile(f"[A-Za-z][{_TCVN3_MARKS}{_VNI_MARKS}]")
# UTF-8 of U+1EA0–U+1EF9 (ạ ả ấ … ỹ) and of đ ă ư ơ Đ: none is in Latin-1 or cp1252.
_VIETNAMESE_UTF8 = (b"\xe1\xbb", b"\xe1\xba", b"\xc4\x91", b"\xc6\xb0", b"\xc4\x83",
                    b"\xc6\xa1", b"\xc4\x90")
# VNI writes a tone or vowel mark as a second byte after the ASCII vowel (chaøo = chào).
_VNI = re.compile("[aeiouyAEIOUY][ùøûõïâáàåãäêéèúüëôöÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜËÔÖ]|[ñÑ]")
_TCVN3 = re.compile(f"[{_TCVN3_MARKS}]")
# Any run of letters or Latin-1 codes (TCVN3 puts letters on 0x80-0x9F too).
_SAMPLE_WORD = re.compile(r"(?:[^\W\d_]|[\x80-\xff])+")  # letters, not numbers
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;", re.I | re.S)


def valid_syllable(word: str) -> bool:
    """Whether ``word`` (any case, NFC) is one Vietnamese syllable with at most one tone."""
    return _valid(word.lower())


@lru_cache(maxsize=65536)
def _valid(word: str) -> bool:
    letters = unicodedata.normalize("NFD", word)
    tones = sum(1 for ch in letters if ch in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in letters if ch not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def accented_words(text: str, limit: int = MAX_WORDS) -> list[str]:
    """The first ``limit`` words of ``text`` (NFC) holding anything but ASCII."""
    return [w for w in _WORD.findall(nfc(text)) if not w.isascii()][:limit]


def valid_share(text: str) -> tuple[float, int]:
    """Share of the accented words that are Vietnamese syllables, and how many there are."""
    words = accented_words(text)
    if not words:
        return 1.0, 0
    return sum(1 for w in words if valid_syllable(w)) / len(words), len(words)


def plausible(text: str) -> bool:
    """Reads as Vietnamese (or has too few accented words to say) and holds no U+FFFD."""
    if "\ufffd" in text:
        return False
    share, count = valid_share(text)
    return count < MIN_WORDS or share >= MIN_VALID_SHARE


def legacy_font(text: str) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when ``text`` (bytes read as Latin-1) looks like that legacy
    font encoding: most accented words are invalid and carry its tell-tale characters."""
    words = accented_words(text)
    bad = [w for w in words if not valid_syllable(w)]
    if len(words) < MIN_WORDS or len(bad) < len(words) * (1 - MIN_VALID_SHARE):
        return None
    # Vietnamese marks most of its words, in any encoding; German or Swiss text (whose «»
    # are TCVN3 letter codes too) only a few: such a page is not a legacy font's.
    visible = _MARKUP.sub(" ", text)  # the words a reader sees, not class names or URLs
    sample = _SAMPLE_WORD.findall(nfc(visible))[:MAX_WORDS * 4]
    if sum(1 for w in sample if not w.isascii()) < MIN_ACCENTED_SHARE * len(sample):
        return None
    vni = sum(1 for w in bad if _VNI.search(w))
    tcvn3 = sum(1 for w in bad if _TCVN3.search(w))
    if max(vni, tcvn3) < len(bad) * 0.3:
        return None
    return "VNI" if vni > tcvn3 else "TCVN3"


# <html lang="de">, <meta http-equiv="content-language" content="pl">, og:locale.
_LANGUAGE = re.compile(
    rb"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})"""
    rb"""|<meta\b[^>]*?(?:content-language|og:locale)["']?[^>]*?content\s*=\s*["']?"""
    rb"""([A-Za-z]{2,3})""", re.I)


def foreign_language(body: bytes) -> bool:
    """Whether the page declares a language other than Vietnamese: TCVN3 and VNI are
    Vietnamese fonts, and syllable checks mean nothing for German or Polish text."""
    match = _LANGUAGE.search(body[:16384])
    if match is None:
        return False
    code = (match.group(1) or match.group(2)).decode("ascii").lower()
    return code not in ("vi", "vie")


def mostly_utf8(body: bytes) -> bool:
    """UTF-8 with only a few stray bytes: read as Latin-1, its multi-byte letters would
    look like a legacy font's symbols (ä is "Ã¤"), so it is never judged as one."""
    text = body.decode("utf-8", "replace")
    strays = text.count("\ufffd")
    letters = sum(1 for ch in text if ord(ch) > 127) - strays
    return strays <= max(2, letters // 50)


def check_utf8(body: bytes, text: str) -> str:
    """Refuse ``text``, the valid UTF-8 ``body`` decoded, when it is legacy-font mojibake
    (``QuyÕt t©m míi``, ``chaøo``).

    Only a page without a single Vietnamese-only letter (đ, ă, ơ, ư, ạ … ỹ) and not
    declared in another language is looked at closely: genuine Vietnamese text always has
    some such letter, and finding one is cheap.
    """
    if any(letter in body for letter in _VIETNAMESE_UTF8) or foreign_language(body):
        return text
    if len(_TELLTALE.findall(text)) >= MIN_TELLTALES and not plausible(text):
        font = legacy_font(text)
        if font:  # otherwise the portal wrote it so (another language): keep it
            _refuse(font, [])
    return text


def decode_doubtful(body: bytes, declared: str | None = None) -> str:
    """Decode bytes that are not what their declaration (or its absence) says.

    ``declared`` is the page's single-byte charset, if it names one: kept when no
    candidate reads as Vietnamese and the text is not a legacy font's. Raises
    :class:`ExtractionError` with the reason otherwise.
    """
    if foreign_language(body):
        return _foreign(body, declared)
    tried: list[str] = []
    best: tuple[float, str] | None = None
    for name, text in _candidates(body, declared):
        if name == GUESS:
            if best is not None:
                break  # charset-normalizer is slow: only asked when nothing else fits
            name, text = _guess(body)
        tried.append(name)
        if text is None or "\ufffd" in text:
            continue
        share, count = valid_share(text)
        if count < MIN_WORDS:
            share = MIN_VALID_SHARE  # nothing to judge: acceptable, beaten by real evidence
        if share >= MIN_VALID_SHARE and (best is None or share > best[0]):
            best = (share, text)
            if share >= 0.98:
                break
    if best is not None:
        return best[1]
    if mostly_utf8(body):  # UTF-8 text in another language, a few bytes pasted in
        mixed = _mixed(body)
        if "\ufffd" not in mixed:
            return mixed
    font = legacy_font(body.decode("latin-1"))
    trusted = _decode(body, declared) if declared and not font else None
    if trusted is not None and "\ufffd" not in trusted:
        return trusted  # another language, in the single-byte charset the page declares
    _refuse(font, tried)


def _foreign(body: bytes, declared: str | None) -> str:
    """A page in another language: its declared charset if that reads the bytes, else
    UTF-8 with stray bytes, else charset-normalizer's guess, else windows-1252."""
    for text in (_decode(body, declared) if declared else None,
                 _mixed(body) if mostly_utf8(body) else None):
        if text is not None and "\ufffd" not in text:
            return text
    guess = _guess(body)[1]
    if guess is not None and "\ufffd" not in guess:
        return guess
    return body.decode("cp1252", "pa-latin-1")


def _candidates(body: bytes, declared: str | None):  # noqa: ANN202 (a generator)
    seen: set[str] = set()

    def once(name: str | None) -> bool:
        codec = _codec(name)
        if not codec or codec in seen:
            return False
        seen.add(codec)
        return True

    if declared and once(declared) and _codec(declared) != "utf-8":
        yield declared, _decode(body, declared)
    if once(VIETNAMESE):
        yield VIETNAMESE, _decode(body, VIETNAMESE)
    yield "utf-8 with stray windows-1258 bytes", _mixed(body)
    yield GUESS, None


def _decode(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mixed(body: bytes) -> str:
    """UTF-8 with its few invalid bytes read as windows-1258 (a page pasted together)."""
    return body.decode("utf-8", "pa-windows-1258")


def _stray_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start:error.end]
    try:
        return chunk.decode(VIETNAMESE), error.end
    except UnicodeDecodeError:
        return "\ufffd", error.end


codecs.register_error("pa-windows-1258", _stray_bytes)
# cp1252's five unassigned bytes read as Latin-1 (C1 controls, removed later).
codecs.register_error("pa-latin-1", lambda error: (
    error.object[error.start:error.end].decode("latin-1"), error.end))


def _guess(body: bytes) -> tuple[str, str | None]:
    from charset_normalizer import from_bytes

    match = from_bytes(body[:262144]).best()
    if match is None:
        return "charset-normalizer (no guess)", None
    return match.encoding, _decode(body, match.encoding)


def _codec(encoding: str | None) -> str:
    try:
        return codecs.lookup(encoding or "").name
    except LookupError:
        return ""


def _refuse(font: str | None, tried: list[str]) -> NoReturn:
    if font:
        raise ExtractionError(f"undecodable text: looks like {font}, not converted")
    raise ExtractionError("undecodable text: no encoding gives Vietnamese text (tried "
                          f"{', '.join(tried)})")
