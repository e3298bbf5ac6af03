"""Helpers shared by the test packages (and the reliability scripts)."""

import json
import os


def write_jsonl(path, records):
    """Writes ``records`` (dicts, or raw strings for broken lines) as JSON Lines."""
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return path


def survivors_naming(root):
    """Processes whose command line names ``root``: a build's workers, had they survived."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if str(root).encode() in cmdline.read():
                    found.append(entry)
        except OSError:
            continue
    return found
