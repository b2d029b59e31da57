"""Real documents linked from the sample portal's articles (tests and ``demo``).

:func:`link_documents` links each file of :func:`~.documents.sample_documents` from one
article, the first of them from a second article too (one file, two links), plus a file
larger than the 50 MB document cap (served lazily, never held in memory) and a link to
another site's file (never fetched).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .portal import Portal

BIG_NAME = "bao-cao-tong-hop-du-lieu.pdf"
BIG_SIZE = 60 * 1024 * 1024
OFFSITE_URL = "https://vanban.chinhphu.example/van-ban/quyet-dinh-1234.pdf"
_NAMES = {  # link texts as a portal writes them, by kind of file
    "pdf": "Quyết định số {n}/QĐ-UBND",
    "doc": "Công văn số {n}/UBND-VX",
    "docx": "Kế hoạch số {n}/KH-UBND",
    "xls": "Danh sách kèm theo Thông báo số {n}/TB-UBND",
    "xlsx": "Phụ lục kèm theo Kế hoạch số {n}/KH-UBND",
}


@dataclass(frozen=True)
class LazyBody:
    """A response body of ``size`` bytes made on the fly: ``head``, then filler."""

    head: bytes
    size: int

    def chunks(self, chunk: int = 1 << 20) -> Iterator[bytes]:
        yield self.head
        left = self.size - len(self.head)
        while left > 0:
            n = min(chunk, left)
            yield b"0" * n
            left -= n


def document_path(filename: str, seed: int) -> str:
    """A Liferay document URL path: ``/documents/<group>/<folder>/<file>/<uuid>``."""
    return f"/documents/34223/0/{filename}/{uuid.UUID(int=seed + 1)}"


def link_documents(portal: Portal, documents: dict[str, tuple[str, bytes]], *,
                   big: bool = True, offsite: bool = True
                   ) -> dict[str, tuple[str, list[str]]]:
    """Serve ``documents`` (file name -> (media type, bytes)) and link them from the
    articles after the newest (the reference article keeps its page as it is); returns
    each file name's path and the paths of the articles linking it (the cap-sized file
    as :data:`BIG_NAME`)."""
    files = list(documents.items())
    if big:
        files.append((BIG_NAME, ("application/pdf", LazyBody(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n",
                                                            BIG_SIZE))))
    targets = [a for a in portal.articles[1:] if not a.attachments][:len(files) + 1]
    if len(targets) < len(files) + 1:
        raise ValueError("the portal has too few articles for its documents")
    linked: dict[str, tuple[str, list[str]]] = {}
    for n, (filename, (media_type, body)) in enumerate(files):
        path = document_path(filename, n)
        portal.files[path] = (media_type, body)
        kind = filename.rsplit(".", 1)[-1].lower()
        name = _NAMES.get(kind, "Văn bản số {n}").format(n=100 + n)
        holders = [targets[n]] + ([targets[-1]] if n == 0 else [])
        for spec in holders:
            extra = [(OFFSITE_URL, "Quyết định của Thủ tướng")] if offsite and n == 0 \
                and spec is targets[-1] else []
            _relink(portal, spec.path, [(path, name), *extra])
            linked.setdefault(filename, (path, []))[1].append(spec.path)
    return linked


def _relink(portal: Portal, path: str, attachments: list[tuple[str, str]]) -> None:
    """The article at ``path`` links these documents (after whatever it linked)."""
    old = portal.article(path)
    new = replace(old, attachments=[*old.attachments, *attachments])
    portal.replace_article(old, new)
