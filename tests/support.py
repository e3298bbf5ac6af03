"""Helpers shared by the test packages."""

import json

from click.testing import CliRunner

from bench.reliability.processes import survivors_naming

__all__ = ["ChroniqueRunner", "survivors_naming", "write_jsonl"]


class ChroniqueRunner(CliRunner):
    """click's CliRunner for the `chronique` command: ``runner.invoke(["search", "Pékin"])``
    runs ``chronique search Pékin`` in-process (paths may be given as Path objects)."""

    def invoke(self, args=(), **options):
        from web.cli import main  # the whole command, as installed

        return super().invoke(main, [str(argument) for argument in args], **options)


def write_jsonl(path, records):
    """Writes ``records`` (dicts, or raw strings for broken lines) as JSON Lines."""
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return path
