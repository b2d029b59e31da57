"""``python -m pressarchive.sampleportal --port 8000 --articles 2000``: serve until Ctrl-C."""

from __future__ import annotations

import argparse
import threading

from . import PortalServer, build_portal


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pressarchive.sampleportal",
                                     description="Serve the sample Liferay portal on loopback.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--articles", type=int, default=36)
    parser.add_argument("--per-page", type=int, default=4)
    parser.add_argument("--sections", type=int, default=3, choices=[1, 2, 3])
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args(argv)
    portal = build_portal(args.articles, per_page=args.per_page, n_sections=args.sections,
                          seed=args.seed)
    with PortalServer(portal, host=args.host, port=args.port) as server:
        print(server.base_url, flush=True)
        print(f"{len(portal.articles)} articles in {len(portal.sections)} sections; "
              "Ctrl-C stops the server.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
