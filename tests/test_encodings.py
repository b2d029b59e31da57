"""Text is never silently corrupted: old portals' encodings, bidi controls, huge inputs."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HOME, crawl, run_cli
from legacybytes import to_cp1258, to_tcvn3, to_vni

from pressarchive.extract.charset import valid_syllable
from pressarchive.sampleportal import REFERENCE_TITLE, Fault, Portal, PortalServer

BASE = "https://dongthap.gov.vn"
TEXT_FIELDS = ("title", "body", "lead", "author", "source", "category")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def reference(portal: Portal):  # noqa: ANN201
    return next(a for a in portal.articles if a.title == REFERENCE_TITLE)


def page_text(portal: Portal, spec, meta: str = "") -> str:  # noqa: ANN001
    """The portal's page for ``spec`` as text, its <meta charset> replaced by ``meta``."""
    _, _, body = portal.render(spec.path, "", BASE)
    return body.decode("utf-8").replace('<meta charset="utf-8">', meta)


def extract(tmp_path: Path, data: bytes, path: str) -> subprocess.CompletedProcess[str]:
    page = tmp_path / "page.html"
    page.write_bytes(data)
    return run_cli("extract", str(page), "--url", BASE + path)


@pytest.mark.parametrize("meta", ["", '<meta charset="utf-8">',
                                  '<meta http-equiv="Content-Type" content="text/html; '
                                  'charset=UTF-8">', '<meta charset="iso-8859-1">'])
def test_windows_1258_bytes_decode_whatever_the_page_claims(portal: Portal, tmp_path: Path,
                                                              meta: str) -> None:
    spec = reference(portal)
    result = extract(tmp_path, to_cp1258(page_text(portal, spec, meta)), spec.path)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == REFERENCE_TITLE  # "Quyết tâm mới", not "Quy��t t�m m��i"
    assert article["author"] == spec.author
    assert article["body"].startswith(spec.lead)
    assert all(p in article["body"] for p in spec.paragraphs)
    assert "\ufffd" not in result.stdout


def test_utf8_page_with_stray_windows_1258_bytes(portal: Portal, tmp_path: Path) -> None:
    spec = reference(portal)
    html = page_text(portal, spec, '<meta charset="utf-8">')
    pasted = "Ý kiến chỉ đạo của Tỉnh ủy được triển khai ngay"  # pasted from an old page
    at = html.index("</p>", html.index(spec.paragraphs[0][:40])) + 4
    data = (html[:at].encode("utf-8") + b"<p>" + to_cp1258(pasted) + b"</p>"
            + html[at:].encode("utf-8"))
    result = extract(tmp_path, data, spec.path)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == REFERENCE_TITLE and pasted in article["body"]
    assert "\ufffd" not in result.stdout


@pytest.mark.parametrize(("encode", "name"), [(to_tcvn3, "TCVN3"), (to_vni, "VNI")])
@pytest.mark.parametrize("as_utf8", [False, True])
def test_legacy_font_text_is_refused_with_the_reason(portal: Portal, tmp_path: Path,
                                                     encode, name: str,  # noqa: ANN001
                                                     as_utf8: bool) -> None:
    spec = reference(portal)
    data = encode(page_text(portal, spec, '<meta charset="windows-1252">'))
    if as_utf8:  # mojibake that survived a later move to UTF-8: "B¶o Th¾ng", "chaøo"
        data = data.decode("cp1252").encode("utf-8")
    result = extract(tmp_path, data, spec.path)
    assert result.returncode == 1
    assert f"undecodable text: looks like {name}, not converted" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def _french(meta: str) -> bytes:
    prose = ("<p>Les années précédentes ont montré un intérêt très fort pour la région, "
             "ses élèves et ses lycées.</p>") * 10
    return (f"<html><head>{meta}<title>Le projet</title></head><body>"
            f"<h1>Le développement régional</h1>{prose}</body></html>").encode("latin-1")


def test_bytes_no_encoding_reads_as_vietnamese_are_refused(tmp_path: Path) -> None:
    result = extract(tmp_path, _french('<meta charset="utf-8">'), "/-/x")
    assert result.returncode == 1 and result.stdout == ""
    assert "undecodable text: no encoding gives Vietnamese text (tried windows-1258" \
        in result.stderr and result.stderr.count("\n") == 1
    # Declared in its own single-byte charset, another language is read as declared.
    kept = extract(tmp_path, _french('<meta charset="iso-8859-1">'), "/-/x")
    assert kept.returncode == 0, kept.stderr
    assert json.loads(kept.stdout)["title"] == "Le développement régional"


def test_syllable_check() -> None:
    for word in ("Quyết", "nghiêng", "khuỷu", "người", "ĐẢNG", "thuở", "giặt", "Đắk"):
        assert valid_syllable(word), word
    for word in ("QuyÕt", "t©m", "Quyeát", "môùi", "quyêìt", "ñöôïc", "quấảt"):
        assert not valid_syllable(word), word


def _poison(html: str) -> str:
    """A bidi control before every word of every text node and shown attribute."""
    controls = itertools.cycle(BIDI)

    def words(text: str) -> str:
        return re.sub(r"(?<!&)\b(\w+)", lambda m: next(controls) + m.group(1), text)

    head, sep, body = html.partition("<body")
    body = re.sub(r">([^<>]+)<", lambda m: ">" + words(m.group(1)) + "<", body)
    body = re.sub(r'((?:alt|title|data-analytics-asset-title)=")([^"]*)"',
                  lambda m: m.group(1) + words(m.group(2)) + '"', body)
    return head + sep + body


def test_bidi_controls_are_removed_from_every_text_field(portal: Portal,
                                                         tmp_path: Path) -> None:
    specs = [reference(portal), next(a for a in portal.articles if a.attachments)]
    for spec in specs:
        html = page_text(portal, spec, '<meta charset="utf-8">')
        poisoned = _poison(html)
        assert sum(poisoned.count(c) for c in BIDI) > 100
        clean = json.loads(extract(tmp_path, html.encode(), spec.path).stdout)
        result = extract(tmp_path, poisoned.encode(), spec.path)
        assert result.returncode == 0, result.stderr
        got = json.loads(result.stdout)
        assert not any(c in result.stdout for c in BIDI)
        for name in TEXT_FIELDS:
            assert got[name] == clean[name], name
        assert got["images"] == clean["images"] and got["attachments"] == clean["attachments"]
        assert [i["caption"] for i in got["images"]] == [c for _, c in spec.images]
        assert [a["name"] for a in got["attachments"]] == [n for _, n in spec.attachments]


def _peak_rss_mb(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the CLI in a child of a fresh interpreter and report the child's peak RSS."""
    code = ("import resource, subprocess, sys; "
            "p = subprocess.run([sys.executable, '-m', 'pressarchive.cli', *sys.argv[1:]], "
            "capture_output=True, text=True, timeout=60); "
            "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(p.returncode)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, timeout=90)
    *lines, peak = result.stderr.rstrip("\n").split("\n")
    result.stderr = "\n".join(lines) + "\n"
    return result, int(peak) / 1024


@pytest.mark.parametrize("command", ["extract", "probe"])
def test_endless_and_huge_inputs_are_refused_before_they_are_read(tmp_path: Path,
                                                                  command: str) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:  # sparse: 5 GB on paper, nothing on disk
        handle.truncate(5 * 1024**3)
    for target in ("/dev/zero", str(huge)):
        result, peak = _peak_rss_mb(command, target, "--url", BASE + "/-/x")
        assert result.returncode == 1, result.stderr
        assert "extraction cap" in result.stderr and "20 MiB" in result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert peak < 150, f"{target}: {peak:.0f} MB"  # ~50 MB of Python + the 20 MiB cap


def test_crawl_stores_undeclared_windows_1258_and_records_legacy_text(
        server: PortalServer, portal: Portal, tmp_path: Path) -> None:
    a = portal.articles
    base = server.base_url

    def page(spec, encode) -> bytes:  # noqa: ANN001
        _, _, body = portal.render(spec.path, "", base)
        text = body.decode("utf-8").replace('<meta charset="utf-8">', "")
        return encode(_poison(text))

    portal.faults.update({
        # windows-1258 with no charset anywhere, and under the server's default utf-8
        a[1].path: Fault(body=page(a[1], to_cp1258), headers={"Content-Type": "text/html"}),
        a[2].path: Fault(body=page(a[2], to_cp1258),
                         headers={"Content-Type": "text/html; charset=utf-8"}),
        a[3].path: Fault(body=page(a[3], to_tcvn3), headers={"Content-Type": "text/html"}),
        a[4].path: Fault(body=page(a[4], to_vni),
                         headers={"Content-Type": "text/html; charset=iso-8859-1"}),
    })
    db = tmp_path / "enc.db"
    result = crawl(server, db)
    assert result.returncode == 1, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    stored = {r["url"]: dict(r) for r in conn.execute("SELECT * FROM articles")}
    errors = {r["url"]: r["reason"] for r in conn.execute("SELECT * FROM fetch_errors")}
    for spec in a[1:3]:
        row = stored[HOME + spec.path]
        assert row["title"] == spec.title and row["author"] == spec.author
        assert row["body"] == spec.body
    assert errors == {
        HOME + a[3].path: "undecodable text: looks like TCVN3, not converted",
        HOME + a[4].path: "undecodable text: looks like VNI, not converted",
    }
    everything = "".join(str(v) for row in stored.values() for v in row.values())
    everything += "".join(r[0] or "" for r in conn.execute("SELECT caption FROM images"))
    assert "\ufffd" not in everything and not any(c in everything for c in BIDI)
    conn.close()


def test_other_languages_are_not_taken_for_legacy_vietnamese_fonts() -> None:
    """TCVN3 and VNI are Vietnamese fonts: Swiss German with «» (TCVN3 letter codes too)
    and umlauts (VNI's tone bytes), or a Polish page with a stray byte, are kept as text."""
    from pressarchive.extract.document import decode_html

    german = ("«Gute Löhne für alle» forderten die Gewerkschaften am Montag in Zürich. "
              "Die Gesprächsrunde über den Fachkräftemangel dauerte länger als geplant; "
              "«Wir brauchen genügend Personal», sagte die Präsidentin. ") * 6
    page = f"<html><head><title>Löhne</title></head><body><p>{german}</p></body></html>"
    assert decode_html(page.encode("utf-8")) == page  # no lang declared: by word density
    polish = ("Sprzeciw wobec ataków na fundację wyrażono w środę w całym kraju. "
              "Ziemniaki na szóstej, surówka na dziesiątej. ") * 6
    body = (f'<html lang="pl"><head><meta charset="utf-8"></head><body><p>{polish}'
            "</p></body></html>").encode() + b"<p>\x96 koniec</p>"
    text = decode_html(body)
    assert "Sprzeciw wobec ataków" in text and "\ufffd" not in text
