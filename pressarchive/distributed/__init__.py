"""Distributed crawling on scrapy-redis: many workers, one frontier, one writer.

- :mod:`.keys`: every Redis key the system uses, in one place.
- :mod:`.frontier`: scrapy-redis scheduler with a per-site queue and duplicate filter; a
  reliable queue (a request popped is kept "in flight" under the worker's name until its
  outcome is handed off, and put back if the worker dies).
- :mod:`.worker`: the worker's Scrapy components (add-on, heartbeat and run lifecycle,
  acknowledgements, hand-off pipeline).
- :mod:`.politeness`: per-domain request spacing shared by all workers.
- :mod:`.ingest`: the single writer that moves handed-off items into the SQLite archive.
- :mod:`.status`: what ``pressarchive workers`` shows.
"""
