"""datasketch, loaded without scipy.integrate.

datasketch's LSH modules import ``scipy.integrate`` (0.8 s and about 50 MB on a loaded
machine) only to work out bands and rows from a threshold; the archive gives them
(``syndication.LSH_BANDS``). While datasketch loads, ``scipy.integrate`` is a stand-in
whose ``quad`` loads the real one on first use, so a threshold still works as documented.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def _quad(*args: Any, **kwargs: Any) -> Any:
    from importlib import import_module

    if sys.modules.get("scipy.integrate") is _STAND_IN:
        del sys.modules["scipy.integrate"]
    return import_module("scipy.integrate").quad(*args, **kwargs)


_STAND_IN = types.ModuleType("scipy.integrate")
_STAND_IN.quad = _quad  # type: ignore[attr-defined]
_HIDE = "scipy.integrate" not in sys.modules
if _HIDE:
    sys.modules["scipy.integrate"] = _STAND_IN
try:
    from datasketch import MinHash, MinHashLSH
finally:
    if _HIDE and sys.modules.get("scipy.integrate") is _STAND_IN:
        del sys.modules["scipy.integrate"]

__all__ = ["MinHash", "MinHashLSH"]
