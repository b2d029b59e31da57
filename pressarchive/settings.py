"""Scrapy settings: polite defaults and the pipeline order.

Override any of them per run with ``-s NAME=VALUE`` (``pressarchive crawl`` and
``scrapy crawl`` alike); a site profile's ``[politeness]`` table overrides the defaults
but not the command line.
"""

import os

from scrapy.settings import default_settings as _scrapy_defaults

from pressarchive import __version__
from pressarchive.addons import OPTIONAL_EXTENSIONS

BOT_NAME = "pressarchive"
SPIDER_MODULES = ["pressarchive.spiders"]
NEWSPIDER_MODULE = "pressarchive.spiders"

# Who we are: portals' operators must be able to reach the archivist.
PRESSARCHIVE_CONTACT = "https://github.com/pressarchive/pressarchive"
USER_AGENT = f"pressarchive/{__version__} (+{PRESSARCHIVE_CONTACT})"

# Where articles go (the CLI's --db and $PRESSARCHIVE_DB set this).
PRESSARCHIVE_DB = os.environ.get("PRESSARCHIVE_DB") or "data/archive.db"
PRESSARCHIVE_BATCH_SIZE = 200  # articles a transaction
PRESSARCHIVE_BATCH_SECONDS = 5.0  # ... or this often, whichever comes first
PRESSARCHIVE_STOP_AFTER_KNOWN = 20  # incremental: K known articles in a row end a section
# Layout-change alarm: a run whose share of pages missing a date, author or body exceeds
# the site's recent runs by this much (and has at least MIN_PAGES pages) is "degraded".
PRESSARCHIVE_ALARM_THRESHOLD = 0.25
PRESSARCHIVE_ALARM_MIN_PAGES = 10
PRESSARCHIVE_PROGRESS = False  # live progress line on stderr (the CLI turns it on for a TTY)

# Documents (attachments): fetched on the site's domains, each URL once (see README
# "Documents and attachments"); refused past this many bytes (0: MAX_DOCUMENT_BYTES, 50 MB),
# a text engine stopped after this many seconds (OCR gets ten times as long).
PRESSARCHIVE_DOCUMENTS = True
PRESSARCHIVE_DOCUMENT_OCR = False
PRESSARCHIVE_REFETCH_DOCUMENTS = False
PRESSARCHIVE_DOCUMENT_MAXSIZE = 0
PRESSARCHIVE_DOCUMENT_TIMEOUT = 60.0

# Raw captures (WARC, see pressarchive/warc.py); files go to <archive folder>/warc/.
PRESSARCHIVE_WARC = True
PRESSARCHIVE_WARC_DIR = ""
PRESSARCHIVE_WARC_MAX_BYTES = 100 * 1024 * 1024
DOWNLOADER_MIDDLEWARES = {
    # First of all: only http(s) is ever requested (file:, ftp:, data:, s3: are refused).
    "pressarchive.fetchpolicy.WebSchemesOnly": 50,
    # Next to the downloader: the bytes as the portal sent them.
    "pressarchive.warc.WarcCapture": 950,
    # Before RetryMiddleware (550) sees a 429/503: slow the host down as it asked.
    "pressarchive.fetchpolicy.RetryAfterBackoff": 560,
    # Before RedirectMiddleware (600) follows a 3xx: a loop, a non-web target or another
    # site's host is a recorded failure with its reason (Scrapy would drop it silently).
    "pressarchive.fetchpolicy.RedirectGuard": 610,
    # robots.txt with RFC 9309's status rules (a 5xx disallows) instead of Scrapy's.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "pressarchive.fetchpolicy.StrictRobotsTxt": 100,
}
PRESSARCHIVE_MAX_RETRY_AFTER = 120.0
# Only the web is fetched: a portal's link to file:///etc/passwd must never be read. The
# handlers are off, and WebSchemesOnly refuses such requests with a reason first.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}
# Scrapy 2.19's remote-control HTTP endpoint runs code in the crawler: off unless asked for
# (-s REMOTE_CONTROL_ENABLED=1).
REMOTE_CONTROL_ENABLED = False
# Ctrl-C / SIGTERM: queued requests are abandoned at once (the next run fetches them), and
# if downloads in flight still hold the run after this many seconds, the run is recorded as
# interrupted and the process stops anyway (systemd kills at 90 s).
PRESSARCHIVE_SHUTDOWN_GRACE = 8.0

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REDIRECT_MAX_TIMES = 5

# Distributed crawling (pressarchive/distributed): off unless PRESSARCHIVE_REDIS_URL is set,
# e.g. `-s PRESSARCHIVE_REDIS_URL=redis://host:6379/0` or `pressarchive crawl --redis`.
ADDONS = {"pressarchive.addons.PressarchiveAddon": 0}
PRESSARCHIVE_REDIS_URL = ""
PRESSARCHIVE_WORKER = ""  # default <host>-<pid>
PRESSARCHIVE_REDIS_HEARTBEAT = 5.0  # seconds; a worker silent for 3 beats is dead
# Seconds between requests to one domain, all workers together (default: DOWNLOAD_DELAY).
PRESSARCHIVE_SHARED_DELAY = ""

# Every item passes these in order (see pressarchive/pipelines.py).
ITEM_PIPELINES = {
    "pressarchive.pipelines.NormalizePipeline": 100,
    "pressarchive.pipelines.ValidatePipeline": 200,
    "pressarchive.pipelines.ArchivePipeline": 900,
}
EXTENSIONS = {
    "pressarchive.progress.Progress": 500,
    "pressarchive.shutdown.PromptShutdown": 510,
}
# Scrapy's telnet console and remote control are off (above) and not even imported: the
# remote control loads aiohttp, the telnet console twisted.conch (0.3-0.7 CPU s of every
# run's start-up; Scrapy imports an extension listed as None too). Turning either on puts
# it back (pressarchive/addons.py).
EXTENSIONS_BASE = {path: order for path, order in _scrapy_defaults.EXTENSIONS_BASE.items()
                   if path not in OPTIONAL_EXTENSIONS.values()}
# Scrapy's default of 100 costs ~1.5 ms a response here (DESIGN.md, measured).
CONCURRENT_ITEMS = 10
# Scrapy re-reads and parses a callback's source for its "generator returned a value"
# warning, hundreds of times a run (issue 19's profile); our callbacks return nothing.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Python's cyclic GC: the objects alive once the crawl starts (modules, profiles, Scrapy's
# machinery) are frozen out of it, and the youngest generation is collected every this
# many allocations (Python's default is 700): a crawl allocates millions of short-lived
# objects that reference counting frees; 0 leaves Python's settings alone.
PRESSARCHIVE_GC_THRESHOLD = 20_000

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
