"""Views over the republication clusters: search hits collapsed to one per cluster, and
the word diff Datasette draws between a copy and its original."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .archive import Archive


def collapse(archive: Archive, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search hits with one hit per cluster (the best-ranked), each with ``also_on``: the
    cluster's other members (site, url, whether it is the original). Hits in no cluster
    pass through with ``also_on`` empty."""
    peers = archive.cluster_peers(hit["id"] for hit in hits)
    out, seen = [], set()
    for hit in hits:
        entry = peers.get(hit["id"])
        if entry is None:
            out.append({**hit, "also_on": []})
            continue
        if entry["cluster"] in seen:
            continue
        seen.add(entry["cluster"])
        others = [{"site": m["site"], "url": m["url"], "original": m["earliest"]}
                  for m in entry["members"] if m["id"] != hit["id"]]
        out.append({**hit, "cluster": entry["cluster"], "also_on": others})
    return out


def also_on_text(others: list[dict[str, Any]]) -> str:
    """"dongthap (original), wordpress-fixture" for a collapsed hit."""
    return ", ".join(f"{o['site'] or '-'}{' (original)' if o['original'] else ''}"
                     for o in others)


DEL_START, DEL_END, INS_START, INS_END = "\x01", "\x02", "\x03", "\x04"


def word_diff(old: str | None, new: str | None) -> str:
    """``new`` against ``old`` word by word: removed words between DEL_START/DEL_END,
    added ones between INS_START/INS_END (Datasette's ``pa_diff``, drawn as <del>/<ins>)."""
    a, b = (old or "").split(), (new or "").split()
    out = []
    for tag, i, j, k, m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(" ".join(a[i:j]))
            continue
        if j > i:
            out.append(DEL_START + " ".join(a[i:j]) + DEL_END)
        if m > k:
            out.append(INS_START + " ".join(b[k:m]) + INS_END)
    return " ".join(out)


def diff_html(marked: str) -> str:
    """A :func:`word_diff` string as HTML (escaped first, then the marks become tags)."""
    from html import escape

    return (escape(marked).replace(DEL_START, "<del>").replace(DEL_END, "</del>")
            .replace(INS_START, "<ins>").replace(INS_END, "</ins>"))
