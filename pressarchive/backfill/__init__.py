"""Backfill from web archives: CDX queries (cdx_toolkit's dialects), capture fetches,
WARC copies of our own, extraction with the site's profile, provenance, resumable."""

from .client import FetchError, PoliteClient
from .run import BackfillResult, backfill
from .sources import NAMED, Source, SourceError, resolve

__all__ = ["NAMED", "BackfillResult", "FetchError", "PoliteClient", "Source", "SourceError",
           "backfill", "resolve"]
