"""Document text engines: ms/page per engine, text quality against the known text, and
OCR pages/minute on this machine's cores.

Each engine reads the generated sample documents (pressarchive.sampleportal.documents)
repeated ``--copies`` times: in-process (the engine's own cost) and through
``extract_document``, as a crawl pays it: a child forked by the warm zygote (the default)
and a fresh worker process (PRESSARCHIVE_DOCUMENT_ZYGOTE=0). Quality is the
share of the known words found (word recall) and of known word pairs found side by side
(order: columns and table cells kept in reading order). OCR reads a scan of ``--scan-pages``
pages with 1 and 2 Tesseract processes at a time, and the one-page scan with and without
the despeckling filter.

    .venv/bin/python benchmarks/documents.py [--copies 10] [--scan-pages 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from pressarchive.documents import engines, extract_document, ocr, ocr_document
from pressarchive.documents.quality import order_recall, word_recall
from pressarchive.documents.textutil import tidy
from pressarchive.sampleportal import doctexts
from pressarchive.sampleportal import documents as samples

# engine -> (sample maker, known text, pages per copy or None, unit of a 'page')
CASES = {
    "pypdf": (samples.text_pdf, doctexts.plan_text, 3, "PDF page"),
    "pdfplumber": (samples.text_pdf, doctexts.plan_text, 3, "PDF page"),
    "python-docx": (samples.docx, doctexts.notice_text, 1, "notice (~1 page)"),
    "antiword": (samples.legacy_doc, doctexts.dispatch_text, 1, "dispatch (~1 page)"),
    "catdoc": (samples.legacy_doc, doctexts.dispatch_text, 1, "dispatch (~1 page)"),
    "openpyxl": (samples.xlsx, doctexts.report_text, 1, "sheet"),
    "xlrd": (samples.legacy_xls, doctexts.report_text, 1, "sheet"),
}


def timed(call, repeat: int) -> tuple[float, object]:
    """Median wall seconds of ``repeat`` calls, and the last call's result."""
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def engines_table(copies: int, repeat: int) -> None:
    print(f"{'engine':12} {'unit':20} {'in-process':>11} {'zygote':>11} {'fresh':>11} "
          f"{'words':>6} {'order':>6}")
    for name, (make, known, per_copy, unit) in CASES.items():
        data = make(copies)
        units = per_copy * copies
        engine = engines.ENGINES[name]
        inside, raw = timed(lambda data=data, engine=engine: engine(data), repeat)
        warm, document = timed(lambda data=data, name=name: extract_document(data, engine=name),
                               repeat)
        assert document.text_status == "text", document
        os.environ["PRESSARCHIVE_DOCUMENT_ZYGOTE"] = "0"
        try:
            fresh, _ = timed(lambda data=data, name=name: extract_document(data, engine=name),
                             repeat)
        finally:
            del os.environ["PRESSARCHIVE_DOCUMENT_ZYGOTE"]
        expected = "\n".join([known()] * copies)
        text = tidy(raw["text"])
        print(f"{name:12} {unit:20} {inside / units * 1000:8.2f} ms {warm / units * 1000:8.2f}"
              f" ms {fresh / units * 1000:8.2f} ms {word_recall(expected, text):6.3f}"
              f" {order_recall(expected, text):6.3f}")
    print(f"(ms per unit over {copies} copies of each sample, median of {repeat} runs; "
          "zygote: forked from the warm zygote; fresh: a new worker process)")


def ocr_table(scan_pages: int) -> None:
    data = samples.scanned_pdf(scan_pages)
    for jobs in (1, 2):
        started = time.perf_counter()
        document = ocr_document(data, timeout=3600, jobs=jobs)
        elapsed = time.perf_counter() - started
        assert document.text_status == "ocr", document
        print(f"OCR, {jobs} Tesseract process(es) at a time: {scan_pages / elapsed * 60:5.1f} "
              f"pages/minute ({elapsed / scan_pages:.2f} s a page, {scan_pages} pages)")
    one = samples.scanned_pdf()
    known = doctexts.scan_text()
    for despeckle in (0, ocr.DESPECKLE):
        saved, ocr.DESPECKLE = ocr.DESPECKLE, despeckle
        try:
            started = time.perf_counter()
            text = tidy(ocr.ocr_bytes(one, jobs=1)["text"])
            elapsed = time.perf_counter() - started
        finally:
            ocr.DESPECKLE = saved
        label = f"median {despeckle}" if despeckle else "none"
        print(f"OCR quality, despeckle {label:9}: words {word_recall(known, text):.3f}, "
              f"order {order_recall(known, text):.3f}, {elapsed:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--scan-pages", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engines_table(args.copies, args.repeat)
    ocr_table(args.scan_pages)


if __name__ == "__main__":
    main()
