"""The process one engine runs in: ``python -m pressarchive.documents.worker ENGINE MEMORY``.

Reads the document on stdin, writes one JSON result on stdout. Its address space is capped
(a bomb dies here, not in the crawler); the parent kills it when its time is up.
"""

from __future__ import annotations

import json
import resource
import sys


def main(argv: list[str]) -> int:
    engine, memory = argv[0], int(argv[1])
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    data = sys.stdin.buffer.read()
    from .engines import ENGINES, result
    from .textutil import tidy

    try:
        answer = ENGINES[engine](data)
        answer["text"] = tidy(answer["text"])
    except PermissionError as exc:
        answer = result("encrypted", reason=str(exc))
    except MemoryError:
        answer = result("too_large", reason=f"reading it needed over {memory >> 20} MB of memory")
    except RecursionError:
        answer = result("corrupt", reason="its structure nests without end")
    except Exception as exc:  # noqa: BLE001 - any engine failure means an unreadable file
        message = " ".join(str(exc).split())[:200] or type(exc).__name__
        answer = result("corrupt", reason=f"{engine} could not read it: {message}")
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
