"""Document text engines: each status reached by the right sample file, Vietnamese words
read with and without OCR, hostile files contained by time limits and size caps."""

from __future__ import annotations

import os
import signal
import time
import unicodedata

import pytest
from legacybytes import to_tcvn3

from pressarchive.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentText,
    extract_document,
    ocr_document,
    sniff_media_type,
    warm,
)
from pressarchive.documents.quality import order_recall, word_recall
from pressarchive.documents.runner import run_engine
from pressarchive.sampleportal import doctexts
from pressarchive.sampleportal import documents as samples
from pressarchive.sampleportal.worddoc import word97_document

PDF, DOC = samples.PDF, samples.DOC
TEXT_PDF = "ke-hoach-giao-thong-2026.pdf"
SCAN = "thong-bao-tuyen-dung-scan.pdf"
# Measured on the generated scan (benchmarks/documents.py): Tesseract 5 `-l vie` finds
# all its words after despeckling (94.1% without); below 90% the OCR has gone wrong.
OCR_WORD_RECALL = 0.90


@pytest.fixture(scope="module")
def docs() -> dict[str, tuple[str, bytes]]:
    return samples.sample_documents()


@pytest.fixture(scope="module")
def extracted(docs) -> dict[str, DocumentText]:
    """Every sample read once, without OCR, as a crawl would (declared type and name)."""
    return {name: extract_document(data, declared=media, filename=name)
            for name, (media, data) in docs.items()}


@pytest.fixture(scope="module")
def scanned() -> DocumentText:
    """The module's one OCR run: the scan's page followed by a page with a text layer."""
    return extract_document(samples.mixed_pdf(), declared=PDF, filename="mixed.pdf", ocr=True)


def test_samples_are_the_same_bytes_every_call(docs):
    again = samples.sample_documents()
    assert {n: samples.digest(d) for n, (_, d) in docs.items()} == \
        {n: samples.digest(d) for n, (_, d) in again.items()}
    assert samples.text_pdf() == samples.text_pdf()
    assert len(docs) == 8


@pytest.mark.parametrize("name", sorted(samples.known_texts().keys() - {SCAN}))
def test_text_documents_yield_their_vietnamese_text(extracted, name):
    document = extracted[name]
    known = samples.known_texts()[name]
    assert document.text_status == "text", document.reason
    assert document.reason == ""
    assert unicodedata.normalize("NFC", document.text) == document.text
    assert word_recall(known, document.text) == 1.0
    assert order_recall(known, document.text) >= 0.99  # columns not interleaved


def test_each_failure_status_is_reached_by_the_right_file(extracted):
    expected = {SCAN: "needs_ocr", "ke-hoach-dien-tap-mat.pdf": "encrypted",
                "bao-cao-hong.pdf": "corrupt", "du-thao-bom.docx": "too_large"}
    for name, status in expected.items():
        document = extracted[name]
        assert document.text_status == status, (name, document)
        assert document.reason and "\n" not in document.reason
        assert document.text == "" or status == "needs_ocr"
    assert "zip bomb" in extracted["du-thao-bom.docx"].reason
    assert "password" in extracted["ke-hoach-dien-tap-mat.pdf"].reason


def test_pages_and_engines(extracted):
    assert extracted[TEXT_PDF].pages == 3
    assert extracted[TEXT_PDF].engine == "pypdf"
    assert extracted[SCAN].pages == 1
    assert extracted["cong-van-sot-xuat-huyet.doc"].engine == "antiword"
    assert extracted["bao-cao-thu-ngan-sach.xlsx"].engine == "openpyxl"


def test_ocr_reads_the_scanned_page_and_keeps_the_text_layer(scanned):
    known = samples.known_texts()[SCAN]
    assert scanned.text_status == "ocr"
    assert scanned.engine == "tesseract"
    assert scanned.pages == 2
    assert word_recall(known, scanned.text) >= OCR_WORD_RECALL
    assert scanned.text.endswith("\n\n" + doctexts.MIXED_ANNEX)  # the text page, verbatim
    assert "tuyển dụng" in scanned.text and "hoàn thiện hồ sơ" in scanned.text
    assert unicodedata.normalize("NFC", scanned.text) == scanned.text


def test_half_scanned_pdf_needs_ocr_without_it():
    document = extract_document(samples.mixed_pdf())
    assert (document.text_status, document.pages) == ("needs_ocr", 2)
    assert document.text == doctexts.MIXED_ANNEX
    assert document.reason == "1 of 2 pages have no text layer (a scan?)"


def test_ocr_of_a_document_that_is_not_a_scan(docs):
    assert ocr_document(docs["thong-bao-tiep-cong-dan.docx"][1]).text_status == "unsupported"


def test_other_engines_read_the_same_files(docs):
    pdf = extract_document(docs[TEXT_PDF][1], engine="pdfplumber")
    assert pdf.text_status == "text" and pdf.engine == "pdfplumber"
    assert word_recall(samples.known_texts()[TEXT_PDF], pdf.text) == 1.0
    doc = extract_document(docs["cong-van-sot-xuat-huyet.doc"][1], engine="catdoc")
    assert doc.text_status == "text"
    assert "sốt xuất huyết" in doc.text


def test_legacy_excel_workbook_is_read():
    document = extract_document(samples.legacy_xls(), declared="application/octet-stream",
                                filename="bao-cao.xls")
    assert (document.media_type, document.text_status, document.engine) == \
        ("application/vnd.ms-excel", "text", "xlrd")
    assert word_recall(doctexts.report_text(), document.text) == 1.0
    assert "Thành phố Cao Lãnh 1250 342 27.4" in document.text


def test_magic_bytes_beat_the_declared_type_and_the_name(docs):
    pdf = docs[TEXT_PDF][1]
    assert sniff_media_type(pdf, "text/html", "bao-cao.doc") == PDF
    assert sniff_media_type(docs["cong-van-sot-xuat-huyet.doc"][1], "application/pdf") == DOC
    assert sniff_media_type(docs["thong-bao-tiep-cong-dan.docx"][1], "application/zip",
                            "x.zip") == samples.DOCX
    assert sniff_media_type(b"plain words", "application/pdf; charset=x") == PDF
    assert sniff_media_type(b"plain words", "application/octet-stream", "a.xlsx") == samples.XLSX
    assert sniff_media_type(b"plain words") is None
    document = extract_document(pdf, declared="text/html", filename="trang.html")
    assert document.media_type == PDF and document.text_status == "text"


def test_a_web_page_served_as_a_pdf_is_unsupported():
    page = "<!DOCTYPE html><html><body>Không tìm thấy trang</body></html>".encode()
    document = extract_document(page, declared="application/pdf", filename="qd.pdf")
    assert (document.media_type, document.text_status) == ("text/html", "unsupported")
    assert "web page" in document.reason


def test_unknown_and_empty_files():
    assert extract_document(b"\x00\x01\x02 junk").text_status == "unsupported"
    assert extract_document(b"", declared="application/pdf").text_status == "corrupt"


def test_over_50_mb_is_refused_without_reading_it():
    big = samples.oversized_bytes()
    assert len(big) == MAX_DOCUMENT_BYTES + 1
    started = time.monotonic()
    document = extract_document(big, declared=PDF)
    assert time.monotonic() - started < 1
    assert document.text_status == "too_large"
    assert "50" in document.reason and document.engine == ""
    assert extract_document(samples.text_pdf(), max_bytes=1000).text_status == "too_large"


def test_oversized_file_on_disk_is_sparse(tmp_path):
    path = samples.write_oversized(tmp_path / "lon.pdf")
    assert path.stat().st_size == MAX_DOCUMENT_BYTES + 1
    assert path.read_bytes()[:5] == b"%PDF-"


def test_a_pdf_that_never_finishes_is_stopped_at_the_time_limit():
    started = time.monotonic()
    document = extract_document(samples.exploding_pdf(), timeout=1.5)
    elapsed = time.monotonic() - started
    assert document.text_status == "too_large"
    assert "did not finish within 1.5 s" in document.reason
    assert elapsed < 5


def test_an_engine_crash_is_a_corrupt_file_not_a_crash_of_the_caller():
    broken = samples.legacy_doc()[:2048]  # the compound file's directory is cut off
    document = extract_document(broken, filename="cv.doc")
    assert document.text_status == "corrupt"
    assert document.reason


def test_password_protected_word_documents_are_encrypted():
    data = word97_document(["Tài liệu mật"], encrypted=True)
    assert extract_document(data, filename="mat.doc").text_status == "encrypted"
    document = extract_document(samples.encrypted_docx(), declared=samples.DOCX,
                                filename="mat.docx")
    assert (document.media_type, document.text_status) == (samples.DOCX, "encrypted")


def test_a_bomb_past_the_memory_cap_kills_only_its_worker(docs):
    """With the unpacked-size check out of the way, the worker's memory cap stops it."""
    started = time.monotonic()
    found = run_engine("python-docx", docs["du-thao-bom.docx"][1], timeout=30,
                       memory=512 << 20)
    assert found["status"] == "too_large"
    assert "memory" in found["reason"]
    assert time.monotonic() - started < 20


def test_a_pdf_bomb_is_refused_and_the_caller_survives():
    bomb = samples.pdf_bomb()  # 1 MB, its page content 1 GiB unpacked
    found = run_engine("pdfplumber", bomb, timeout=30, memory=512 << 20)
    assert found["status"] == "too_large" and "memory" in found["reason"]
    document = extract_document(bomb)  # pypdf stops at its own cap: an empty page
    assert document.text_status == "needs_ocr"


def test_a_pdf_in_a_legacy_font_encoding_needs_ocr():
    """TCVN3 text (what '.VnTime' fonts hold) reads as gibberish; OCR reads the glyphs."""
    text = to_tcvn3(" ".join(doctexts.PLAN_PARAGRAPHS)).decode("latin-1")
    document = extract_document(samples.plain_pdf([text]))
    assert document.text_status == "needs_ocr"
    assert "legacy TCVN3 font encoding" in document.reason


def test_ocr_has_its_own_time_limit(docs):
    document = ocr_document(docs[SCAN][1], timeout=0.5)
    assert document.text_status == "too_large"
    assert "tesseract did not finish within 0.5 s" in document.reason
    document = extract_document(docs[SCAN][1], ocr=True, ocr_timeout=0.5)
    assert document.text_status == "needs_ocr"  # still; a later OCR run may have more time
    assert document.reason.endswith("OCR: tesseract did not finish within 0.5 s")


def test_a_truncated_word_document_falls_back_then_is_corrupt():
    document = extract_document(samples.legacy_doc()[:6000], filename="cv.doc")
    assert document.text_status == "corrupt"
    assert "catdoc could not either" in document.reason


def test_the_warm_zygote_and_a_fresh_worker_read_alike(docs, extracted, monkeypatch):
    """The default forks each job from a warm zygote; PRESSARCHIVE_DOCUMENT_ZYGOTE=0 starts
    a fresh worker process a document: same results, time limit and all."""
    monkeypatch.setenv("PRESSARCHIVE_DOCUMENT_ZYGOTE", "0")
    for name, (media, data) in docs.items():
        if name == SCAN:
            continue
        cold = extract_document(data, declared=media, filename=name)
        assert cold == extracted[name], name
    started = time.monotonic()
    document = extract_document(samples.exploding_pdf(), timeout=1)
    assert document.text_status == "too_large" and time.monotonic() - started < 4


def test_a_dead_zygote_is_replaced(docs):
    pdf = docs[TEXT_PDF][1]
    assert extract_document(pdf).text_status == "text"
    server = warm.zygote(dict(os.environ))
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    assert extract_document(pdf).text_status == "text"  # a fresh worker, or a new zygote
    assert extract_document(pdf).text_status == "text"
    assert warm.zygote(dict(os.environ)).process.pid != server.process.pid
