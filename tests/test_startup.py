"""What a crawl loads before its first request: Scrapy's telnet console and remote control
(aiohttp, twisted.conch) and the distributed worker (redis) only when asked for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = r"""
import json, sys
from pathlib import Path
from scrapy.crawler import Crawler
from scrapy.utils.reactor import install_reactor
from pressarchive.addons import PressarchiveAddon
from pressarchive.crawling import crawl_settings
from pressarchive.spiders.portal import PortalSpider
overrides = json.loads(sys.argv[1])
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
settings = crawl_settings(Path(sys.argv[2]), overrides, False, "ERROR")
if overrides.get("PRESSARCHIVE_REDIS_URL"):
    # A worker's extension connects to Redis at once: the add-on's settings tell enough.
    PressarchiveAddon().update_settings(settings)
    names = sorted(str(k).rsplit(".", 1)[-1] for k in settings.getdict("EXTENSIONS"))
else:
    crawler = Crawler(PortalSpider, settings)
    crawler._apply_settings()
    names = sorted(type(mw).__name__ for mw in crawler.extensions.middlewares)
print(json.dumps({
    "extensions": names,
    "modules": sorted(m for m in ("aiohttp", "twisted.conch.telnet", "redis", "scrapy_redis")
                      if m in sys.modules),
    "scheduler": settings.get("SCHEDULER"),
}))
"""


def _load(tmp_path, overrides: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(overrides),
                          str(tmp_path / "a.db")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.splitlines()[-1])


def test_a_plain_crawl_loads_no_remote_control_telnet_or_redis(tmp_path) -> None:
    got = _load(tmp_path, {})
    assert got["modules"] == []
    assert "RemoteControl" not in got["extensions"]
    assert "TelnetConsole" not in got["extensions"]
    assert {"Progress", "PromptShutdown", "CoreStats"} <= set(got["extensions"])


@pytest.mark.parametrize(("switch", "extension"), [
    ("REMOTE_CONTROL_ENABLED", "RemoteControl"), ("TELNETCONSOLE_ENABLED", "TelnetConsole")])
def test_turning_an_optional_extension_on_puts_it_back(tmp_path, switch, extension) -> None:
    got = _load(tmp_path, {switch: "1"})
    assert extension in got["extensions"]


def test_a_redis_url_still_makes_the_crawl_a_distributed_worker(tmp_path) -> None:
    got = _load(tmp_path, {"PRESSARCHIVE_REDIS_URL": "redis://127.0.0.1:1/0"})
    assert got["scheduler"] == "pressarchive.distributed.frontier.SiteScheduler"
    assert any("Worker" in name for name in got["extensions"])
    assert "redis" in got["modules"]
