"""The process one engine runs in: ``python -m pressarchive.documents.worker ENGINE MEMORY``
(or a child the zygote forks, which calls :func:`run_job`).

Reads the document on stdin, writes one JSON result on stdout. Its address space is capped
(a bomb dies here, not in the crawler); the parent kills it when its time is up.
"""

from __future__ import annotations

import json
import resource
import sys


def run_job(engine: str, data: bytes, memory: int) -> dict:
    """Cap this process's address space at ``memory`` bytes, run the engine, tidy its text;
    any failure becomes a result with a status and a reason."""
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    from .engines import ENGINES, result
    from .textutil import tidy

    try:
        answer = ENGINES[engine](data)
        answer["text"] = tidy(answer["text"])
        if "page_texts" in answer:
            answer["page_texts"] = [tidy(text) for text in answer["page_texts"]]
    except PermissionError as exc:
        answer = result("encrypted", reason=str(exc))
    except MemoryError:
        answer = result("too_large", reason=f"reading it needed over {memory >> 20} MB of memory")
    except RecursionError:
        answer = result("corrupt", reason="its structure nests without end")
    except Exception as exc:  # noqa: BLE001 - any engine failure means an unreadable file
        message = " ".join(str(exc).split())[:200] or type(exc).__name__
        if "allocate" in message.lower():  # zlib.error: Unable to allocate output buffer
            answer = result("too_large", reason=f"reading it needed over {memory >> 20} MB"
                            " of memory")
        else:
            answer = result("corrupt", reason=f"{engine} could not read it: {message}")
    return answer


def encode(answer: dict) -> bytes:
    """A result as the parent reads it."""
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")


def main(argv: list[str]) -> int:
    data = sys.stdin.buffer.read()
    sys.stdout.buffer.write(encode(run_job(argv[0], data, int(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
