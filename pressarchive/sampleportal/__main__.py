"""``python -m pressarchive.sampleportal --port 8000 --articles 2000``: serve until Ctrl-C."""

from __future__ import annotations

import argparse
import time

from . import PortalServer, build_portal


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the sample portal on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--articles", type=int, default=36)
    parser.add_argument("--per-page", type=int, default=4)
    args = parser.parse_args()
    with PortalServer(build_portal(args.articles, per_page=args.per_page),
                      port=args.port) as server:
        print(f"sample portal at {server.base_url} (Ctrl-C stops it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
