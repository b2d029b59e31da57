"""sqlite_utils, loaded without pandas.

sqlite_utils imports pandas (and with it numpy and pyarrow) whenever it is installed,
only to accept pandas values in inserts the archive never makes: about 0.4 s and 60 MB on
every command (a researcher's machine often has pandas). pandas is hidden while
sqlite_utils loads; importing it later works as usual.
"""

from __future__ import annotations

import sys

_HIDE_PANDAS = "pandas" not in sys.modules
if _HIDE_PANDAS:
    sys.modules["pandas"] = None  # type: ignore[assignment]  # "import pandas" fails
try:
    import sqlite_utils
finally:
    if _HIDE_PANDAS:
        del sys.modules["pandas"]

__all__ = ["sqlite_utils"]
