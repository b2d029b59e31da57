"""Real headless Chromium driven over the DevTools protocol: load a page in a 1280×900
window, read element positions, take a screenshot. Nothing but loopback is reachable."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

WIDTH, HEIGHT = 1280, 900
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]  # loopback only

# Each element matching a selector: its text, box (relative to the top of the page) and
# whether it is displayed at all.
_BOXES = """JSON.stringify(Array.from(document.querySelectorAll(%s)).map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.innerText, top: r.top + scrollY, bottom: r.bottom + scrollY,
          height: r.height, shown: r.height > 0 && getComputedStyle(e).display !== 'none',
          href: e.href || null, open: e.open === undefined ? null : e.open};
}))"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: ./setup.sh installs it")
        pytest.skip("chromium not installed (./setup.sh installs it)")
    return found


class Browser:
    """One headless Chromium with one tab (a fresh, empty profile in ``profile``)."""

    def __init__(self, profile: Path) -> None:
        import websocket  # websocket-client (dev extra)

        self.proc = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = self._devtools_port()
        deadline = time.monotonic() + 30
        while True:
            tabs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list",
                                                    timeout=5))
            pages = [t for t in tabs if t.get("type") == "page"]
            if pages or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60,
                                              suppress_origin=True)
        self.next_id = 0
        self.call("Page.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT,
                  deviceScaleFactor=1, mobile=False)

    def _devtools_port(self) -> int:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if found:
                return int(found.group(1))
        raise RuntimeError("chromium did not start its DevTools endpoint")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its load event."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": "Page.navigate",
                                 "params": {"url": url}}))
        while json.loads(self.ws.recv()).get("method") != "Page.loadEventFired":
            pass

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def boxes(self, selector: str) -> list[dict[str, Any]]:
        return json.loads(self.evaluate(_BOXES % json.dumps(selector)))

    def screenshot(self, path: Path) -> Path:
        """The first 1280×900 pixels of the page, as PNG."""
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def pixels_of(path: Path, rgb: tuple[int, int, int], tolerance: int = 6) -> list[int]:
    """The rows (y) of the screenshot holding a pixel of colour ``rgb``."""
    import matplotlib.image
    import numpy as np

    image = (matplotlib.image.imread(path)[:, :, :3] * 255).round().astype(int)
    close = (np.abs(image - np.array(rgb)) <= tolerance).all(axis=2)
    return sorted(set(np.nonzero(close)[0].tolist()))
