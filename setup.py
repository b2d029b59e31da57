"""The one C part, the FTS5 ranking function (pressarchive/_fts5rank.c); also what
scrapyd-deploy runs (``setup.py bdist_egg``). All other metadata is in pyproject.toml.

The extension is optional: without a C compiler or the SQLite headers, pressarchive
installs and searches with SQLite's own (slower) bm25.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension(
    "pressarchive._fts5rank", ["pressarchive/_fts5rank.c"], libraries=["sqlite3"],
    optional=True)])
