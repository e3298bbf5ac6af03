"""Site boilerplate: lines that pages add around an article and that are not its text.

This is the one place that knows them. Each pattern is a regular expression matched against a
whole line (case ignored; runs of spaces, no-break spaces included, read as one space). More patterns can be added
without code: a file with one pattern per line (``#`` starts a comment), named by
``chronique reindex --boilerplate FILE`` or the ``CHRONIQUE_BOILERPLATE`` environment variable.
"""

import os
import re

DEFAULT_PATTERNS = (
    # Video teaser left where a player was embedded.
    r"[aà] voir (aussi )?en vid[ée]o",
    # Social follow prompts.
    r"(for latest updates )?follow us on google news",
    r"suivez[- ]nous sur .*",
    # Navigation to the previous and next articles of the site: their titles are not this text.
    # Upper case only: "Next" or "Suivant" may open a real sentence.
    r"(?-i:PREV|NEXT)\s.*",
    # Video captions of some sites.
    r".* - regarder sur figaro live",
)


class BoilerplateError(ValueError):
    """A pattern file that cannot be read or holds an invalid pattern."""


def load_patterns(path=None):
    """The default patterns plus those of ``path`` (or of ``$CHRONIQUE_BOILERPLATE``)."""
    patterns = list(DEFAULT_PATTERNS)
    path = path or os.environ.get("CHRONIQUE_BOILERPLATE")
    if path:
        try:
            with open(path, encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    line = line.strip()
                    if line and not line.startswith("#"):
                        _check(line, f"{path}:{number}")
                        patterns.append(line)
        except OSError as error:
            raise BoilerplateError(f"cannot read boilerplate patterns {path}: {error.strerror}")
    return compile_patterns(patterns)


def compile_patterns(patterns):
    """One regular expression matching a line that is any of ``patterns``."""
    joined = "|".join(f"(?:{pattern})" for pattern in patterns)
    return re.compile(rf"^\s*(?:{joined})\s*$", re.IGNORECASE)


def _check(pattern, where):
    try:
        re.compile(pattern)
    except re.error as error:
        raise BoilerplateError(f"{where}: invalid pattern {pattern!r}: {error}")


DEFAULT_BOILERPLATE = compile_patterns(DEFAULT_PATTERNS)


def strip_boilerplate(lines, boilerplate=DEFAULT_BOILERPLATE):
    """``lines`` without boilerplate lines (runs of any spaces, no-break ones too, count as one)."""
    return [line for line in lines if not boilerplate.match(" ".join(line.split()))]
