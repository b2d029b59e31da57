"""Choosing the body between the walked container and trafilatura's pick, by agreement.

Both candidates are read the same way first (chrome, date lines, stop phrases out). The
container (a named rule or the text-density pick, walked with captions, bylines and date
lines understood) is kept when the two agree: what trafilatura's pick adds is link text
(menus, related-news lists, attachment names) or little, and it leaves out next to
nothing; or when the pick read a layout table as a data table (most of it in table rows).
Otherwise the pick wins: the container lacks prose the pick found, or holds words
(chrome, share buttons, teasers, comments) the pick rightly dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

LIBRARY_RULE = "trafilatura main content"
MAX_ADDED = 0.15  # share of the container's words the pick may add (besides link text)
MIN_ADDED_WORDS = 8
MAX_DROPPED = 0.01  # … and leave out: what only the container holds is usually chrome
MIN_DROPPED_WORDS = 1
LINK_SHARE = 0.5  # a block at least half of which is one link's text is link text
MAX_TABLE_SHARE = 0.3  # more of the pick in prose-sized table rows: it read a layout
MIN_LAYOUT_ROW_WORDS = 50  # table (whole columns of a page in one row) as a data table


def _words(texts: Sequence[str]) -> Counter[str]:
    return Counter(w for t in texts for w in t.split())


def _is_link_text(text: str, link_texts: Collection[str]) -> bool:
    return any(len(link) >= len(text) * LINK_SHARE and link in text
               for link in link_texts if link)


def choose(container: Sequence[str], library: Sequence[str],
           link_texts: Collection[str] = (), captions: Sequence[str] = (),
           table_rows: Sequence[str] = ()) -> str:
    """"container" or "library" from each candidate's paragraphs (see the module
    docstring); ``captions`` are the container's image captions (out of its text),
    ``table_rows`` the pick's paragraphs that are table rows."""
    if not library:
        return "container"
    if not container:
        return "library"
    theirs = _words(library)
    layout_rows = [row for row in table_rows if len(row.split()) >= MIN_LAYOUT_ROW_WORDS]
    if sum(_words(layout_rows).values()) > sum(theirs.values()) * MAX_TABLE_SHARE:
        return "container"
    ours = _words(container)
    size = sum(ours.values())
    added = _words([t for t in library if not _is_link_text(t, link_texts)])
    added_count = sum((added - ours - _words(captions)).values())
    dropped_count = sum((ours - theirs).values())
    if added_count > max(MIN_ADDED_WORDS, size * MAX_ADDED):
        return "library"
    return "library" if dropped_count > max(MIN_DROPPED_WORDS, size * MAX_DROPPED) else "container"
