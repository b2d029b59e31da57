"""What workers hand to the writer: one JSON message per item or run event.

JSON rather than pickle: the writer may run another pressarchive version, and anybody can
read a message with ``redis-cli``. Kinds: ``run_start``, ``article``, ``failure``,
``not_modified``, ``pages`` (a worker's page count), ``run_end``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..extract.model import Article, Attachment, Image
from ..items import FetchFailure, NotModified


def encode(kind: str, site: str, run: str, worker: str, data: dict[str, Any] | None = None,
           ) -> bytes:
    message = {"kind": kind, "site": site, "run": run, "worker": worker, "data": data or {}}
    return json.dumps(message, ensure_ascii=False).encode()


def encode_item(item: Any, site: str, run: str, worker: str) -> bytes:
    if isinstance(item, Article):
        data = asdict(item)
        return encode("article", site, run, worker, data)
    if isinstance(item, FetchFailure):
        return encode("failure", site, run, worker, asdict(item))
    if isinstance(item, NotModified):
        return encode("not_modified", site, run, worker, {"url": item.url})
    raise TypeError(f"cannot hand off {type(item).__name__}")


def decode(raw: bytes | str) -> dict[str, Any]:
    """The message as a dict; ``item`` holds the rebuilt Article/FetchFailure/NotModified."""
    message = json.loads(raw)
    data = message.get("data") or {}
    kind = message.get("kind")
    if kind == "article":
        data = dict(data)
        images = [Image(**i) for i in data.pop("images", [])]
        attachments = [Attachment(**a) for a in data.pop("attachments", [])]
        message["item"] = Article(**data, images=images, attachments=attachments)
    elif kind == "failure":
        message["item"] = FetchFailure(**data)
    elif kind == "not_modified":
        message["item"] = NotModified(data["url"])
    return message
