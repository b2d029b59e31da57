"""datasketch, loaded without scipy.integrate, and a lighter LSH index over stored bytes.

datasketch's LSH modules import ``scipy.integrate`` (0.8 s and about 50 MB on a loaded
machine) only to work out bands and rows from a threshold; the archive gives them
(``syndication.LSH_BANDS``). While datasketch loads, ``scipy.integrate`` is a stand-in
whose ``quad`` loads the real one on first use, so a threshold still works as documented.

:class:`BandIndex` is datasketch's ``MinHashLSH(params=(bands, rows))`` banding (the same
candidates, shown by the tests) on signatures as stored: each band is a slice of the
signature's bytes, so no MinHash object, byte swap or storage layer is made per call.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH


def _quad(*args: Any, **kwargs: Any) -> Any:
    from importlib import import_module

    if sys.modules.get("scipy.integrate") is _STAND_IN:
        del sys.modules["scipy.integrate"]
    return import_module("scipy.integrate").quad(*args, **kwargs)


_STAND_IN = types.ModuleType("scipy.integrate")
_STAND_IN.quad = _quad  # type: ignore[attr-defined]


def __getattr__(name: str) -> Any:
    """``MinHash`` and ``MinHashLSH``, datasketch loaded on first use (the archive's own
    matching needs neither: :class:`BandIndex`, ``syndication.signature``)."""
    if name not in ("MinHash", "MinHashLSH"):
        raise AttributeError(name)
    hide = "scipy.integrate" not in sys.modules
    if hide:
        sys.modules["scipy.integrate"] = _STAND_IN
    try:
        import datasketch
    finally:
        if hide and sys.modules.get("scipy.integrate") is _STAND_IN:
            del sys.modules["scipy.integrate"]
    globals().update(MinHash=datasketch.MinHash, MinHashLSH=datasketch.MinHashLSH)
    return globals()[name]


class BandIndex:
    """An LSH index of ``bands`` bands of ``rows`` values of ``width`` bytes: a query
    returns the keys sharing at least one band's values with it (as ``MinHashLSH``)."""

    def __init__(self, bands: int, rows: int, width: int = 4) -> None:
        self._span = rows * width
        self._ends = range(0, bands * self._span, self._span)
        self._tables: list[dict[bytes, list[Any]]] = [{} for _ in range(bands)]
        self._held: dict[Any, bytes] = {}

    def _bands(self, values: bytes) -> list[bytes]:
        span = self._span
        return [values[start:start + span] for start in self._ends]

    def insert(self, key: Any, values: bytes) -> None:
        """Index ``values`` (a signature's bytes) under ``key`` (not already held)."""
        self._held[key] = values
        for table, band in zip(self._tables, self._bands(values), strict=True):
            bucket = table.get(band)
            if bucket is None:
                table[band] = [key]
            else:
                bucket.append(key)

    def remove(self, key: Any) -> None:
        for table, band in zip(self._tables, self._bands(self._held.pop(key)), strict=True):
            bucket = table[band]
            bucket.remove(key)
            if not bucket:
                del table[band]

    def query(self, values: bytes) -> set[Any]:
        out: set[Any] = set()
        for table, band in zip(self._tables, self._bands(values), strict=True):
            bucket = table.get(band)
            if bucket:
                out.update(bucket)
        return out

    def __len__(self) -> int:
        return len(self._held)


__all__ = ["BandIndex", "MinHash", "MinHashLSH"]
