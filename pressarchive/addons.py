"""The Scrapy add-on listed in ``ADDONS``: settings that depend on other settings.

Light to import on purpose: a crawl that is not distributed never loads redis,
scrapy-redis and the worker, and Scrapy's telnet console and remote control (aiohttp,
twisted.conch: 0.3-0.7 CPU s of start-up) are loaded only when asked for.
"""

from __future__ import annotations

from typing import Any

# Extensions listed as None in settings.EXTENSIONS (never imported) unless their own
# switch is turned on, e.g. `-s REMOTE_CONTROL_ENABLED=1`.
OPTIONAL_EXTENSIONS = {
    "TELNETCONSOLE_ENABLED": "scrapy.extensions.telnet.TelnetConsole",
    "REMOTE_CONTROL_ENABLED": "scrapy.extensions.remote_control.RemoteControl",
}


class PressarchiveAddon:
    """Puts back an optional extension whose switch is on, and turns this crawl into a
    distributed worker when PRESSARCHIVE_REDIS_URL is set (see
    :class:`pressarchive.distributed.worker.DistributedAddon`)."""

    def update_settings(self, settings: Any) -> None:
        for switch, path in OPTIONAL_EXTENSIONS.items():
            if settings.getbool(switch):
                from scrapy.utils.misc import load_object

                settings.set_in_component_priority_dict("EXTENSIONS", load_object(path), 0)
        if settings.get("PRESSARCHIVE_REDIS_URL"):
            from .distributed.worker import DistributedAddon

            DistributedAddon().update_settings(settings)
