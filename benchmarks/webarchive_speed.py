"""WACZ export and replay indexing speed, in MB of WARC per second.

Builds the same temporary archive as ``verify_speed.py`` (the crawler's own WARC writer,
the sample portal's pages under distinct URLs, one article a response), then times, as
the commands run them: the replay index from nothing and again (nothing changed), and
``pressarchive wacz`` of the whole archive and of a tenth of its articles.

    .venv/bin/python benchmarks/webarchive_speed.py [--mb 100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from verify_speed import build  # noqa: E402

from pressarchive.archive import Archive  # noqa: E402
from pressarchive.cli import main as cli  # noqa: E402
from pressarchive.replay import ReplayIndex, archive_warc_files  # noqa: E402


def timed(label: str, megabytes: float, run: object) -> None:
    started = time.monotonic()
    run()  # type: ignore[operator]
    wall = time.monotonic() - started
    print(f"{label}: {wall:.1f} s ({megabytes / wall:,.1f} MB/s of WARC)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=100, help="MB of WARC to build")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: temp)")
    args = parser.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="webarchive-speed-"))
    home.mkdir(parents=True, exist_ok=True)
    try:
        records, size = build(home, args.mb)
        mb = size / 1e6
        print(f"built {mb:,.0f} MB of WARC ({records:,} records, {records // 2:,} articles)")
        with Archive(home / "archive.db", readonly=True) as archive:
            files = archive_warc_files(archive)
        index = ReplayIndex(home, home / "cache")
        timed("replay index, first run", mb, lambda: index.update(files))
        again = ReplayIndex(home, home / "cache")
        timed("replay index, again (nothing changed)", mb, lambda: again.update(files))

        def wacz(*extra: str) -> None:
            out = home / f"out{len(extra)}.wacz"
            done = CliRunner().invoke(cli, ["wacz", "--db", str(home / "archive.db"),
                                            "-o", str(out), "--force", *extra])
            assert done.exit_code == 0, done.output
            print(f"  {done.stdout.strip()}")

        timed("wacz, the whole archive", mb, wacz)
        with Archive(home / "archive.db") as archive:  # a tenth of the articles, by date
            archive.db.execute("UPDATE articles SET published = '2025-01-01'"
                               " WHERE id % 10 = 0")
            archive.db.conn.commit()
        timed("wacz --since 2025-01-01 (a tenth of the articles; MB of the whole)", mb,
              lambda: wacz("--since", "2025-01-01"))
    finally:
        if args.keep is None:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
