"""Helpers shared by the test packages."""

import json

from bench.reliability.processes import survivors_naming

__all__ = ["survivors_naming", "write_jsonl"]


def write_jsonl(path, records):
    """Writes ``records`` (dicts, or raw strings for broken lines) as JSON Lines."""
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return path
