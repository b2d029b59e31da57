"""What ``pressarchive workers`` shows: live workers, frontier per site, ingest backlog."""

from __future__ import annotations

import json
import time
from typing import Any

import redis

from .keys import Keys, split_member


def overview(client: redis.Redis, keys: Keys) -> dict[str, Any]:
    """Workers (alive or not yet reclaimed), per-site run/queue/in-flight, ingest lists."""
    workers = []
    for raw_name, raw in sorted(client.hgetall(keys.workers).items()):
        info = json.loads(raw)
        beat = client.get(keys.alive(raw_name.decode()))
        worker, site = split_member(raw_name.decode())
        info.update(name=worker, site=site, alive=beat is not None,
                    last_beat_s=round(time.time() - float(beat), 1) if beat else None)
        workers.append(info)
    sites = []
    for site in sorted(s.decode() for s in client.smembers(keys.sites)):
        inflight = sum(int(client.hlen(k))
                       for k in client.scan_iter(match=keys.inflight_pattern(site)))
        run = client.get(keys.run(site))
        sites.append({
            "site": site, "run": run.decode() if run else None,
            "queued": int(client.llen(keys.requests(site))), "in_flight": inflight,
            "seen": int(client.scard(keys.seen(site))),
            "known": int(client.scard(keys.known(site))),
        })
    return {"workers": workers, "sites": sites,
            "ingest_waiting": int(client.llen(keys.ingest)),
            "ingest_processing": int(client.llen(keys.ingest_processing))}


def format_overview(data: dict[str, Any]) -> str:
    lines = [f"workers: {sum(w['alive'] for w in data['workers'])} alive"]
    for w in data["workers"]:
        state = f"beat {w['last_beat_s']} s ago" if w["alive"] else "DEAD (not yet reclaimed)"
        lines.append(f"  {w['name']:<28} {w.get('site', ''):<14} {w.get('host', '')}"
                     f" pid {w.get('pid', '')} · {state}")
    lines.append("sites:")
    if not data["sites"]:
        lines.append("  (no distributed runs yet)")
    for s in data["sites"]:
        lines.append(f"  {s['site']:<14} run {s['run'] or '-':<24} queued {s['queued']}"
                     f" · in flight {s['in_flight']} · seen {s['seen']} · archived {s['known']}")
    lines.append(f"ingest: {data['ingest_waiting']} waiting · {data['ingest_processing']}"
                 " being written")
    return "\n".join(lines)
