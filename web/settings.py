"""Every setting of the web application, declared once with its default and its help.

A setting is read, later sources winning, from: its default here; the instance config file
(``$CHRONIQUE_CONFIG``, else ``config.py`` in Flask's instance folder), a Python file of
``NAME = value`` lines; the environment variable ``CHRONIQUE_<NAME>``; and last the mapping given
to :func:`web.create_app` (tests) or the options of ``chronique serve``.
"""

import os
from dataclasses import dataclass

from search import DEFAULT_INDEX_DIR, OPENSEARCH_SETTINGS

from search.params import DEFAULT_PER_PAGE, MAX_PER_PAGE

from .hosts import check_public_url

ENV_PREFIX = "CHRONIQUE_"
CONFIG_FILE_ENV = "CHRONIQUE_CONFIG"
INSTANCE_CONFIG_FILE = "config.py"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    kind: type = str


SETTINGS = (
    Setting("INDEX", DEFAULT_INDEX_DIR, "Index directory (the one `chronique reindex` writes).", str),
    Setting("PER_PAGE", DEFAULT_PER_PAGE,
            f"Results per page when the request does not say (1–{MAX_PER_PAGE}).", int),
    Setting("SNIPPET_CHARS", 200, "Length in characters of each snippet fragment.", int),
    Setting("SNIPPET_FRAGMENTS", 3, "Most fragments joined in a result's snippet.", int),
    Setting("MAX_QUERY_CHARS", 500, "Longest query accepted; a longer one gets a 400.", int),
    Setting("RELATED_ARTICLES", 5, "Related articles listed under an article (0 hides them).", int),
    Setting("SUGGESTIONS", 8, "Completions returned by /api/suggest.", int),
    Setting("SEARCH_BUDGET_MS", 2000, "Milliseconds a search may score for; past it the page "
                                      "shows what was found, with a notice (0: no limit).", int),
    Setting("FEED_ENTRIES", 20, "Entries in an Atom feed.", int),
    Setting("HOST", "127.0.0.1", "Address `chronique serve` listens on.", str),
    Setting("PORT", 8000, "Port `chronique serve` listens on.", int),
    Setting("WORKERS", 0, "Worker processes of `chronique serve` (0: one per core).", int),
    Setting("THREADS", 8, "Threads of each `chronique serve` worker (requests it serves at "
                          "once).", int),
    Setting("PUBLIC_URL", "", "Scheme and host of absolute URLs (feeds, OpenSearch); "
                              "default: http://HOST:PORT. The request's Host is never used.", str),
    *(Setting(name, default, help, str) for name, default, help in OPENSEARCH_SETTINGS),
)


class SettingError(ValueError):
    """A setting has a value of the wrong kind."""


def defaults():
    return {setting.name: setting.default for setting in SETTINGS}


def from_environment(environ=None):
    """The settings given as ``CHRONIQUE_<NAME>`` environment variables, converted."""
    environ = os.environ if environ is None else environ
    found = {}
    for setting in SETTINGS:
        raw = environ.get(ENV_PREFIX + setting.name)
        if raw is not None and raw.strip():
            found[setting.name] = convert(setting, raw.strip(), ENV_PREFIX + setting.name)
    return found


def convert(setting, value, origin):
    """``value`` as the setting's kind; a clear error naming where the value came from."""
    if setting.kind is int:
        if isinstance(value, bool):
            raise SettingError(f"{origin} must be a whole number, not {value!r}")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise SettingError(f"{origin} must be a whole number, not {value!r}") from None
    return str(value)


def check(config):
    """Converts the declared settings in ``config`` in place and checks their ranges."""
    for setting in SETTINGS:
        config[setting.name] = convert(setting, config[setting.name], setting.name)
    if not 1 <= config["PER_PAGE"] <= MAX_PER_PAGE:
        raise SettingError(f"PER_PAGE must be between 1 and {MAX_PER_PAGE}, "
                           f"not {config['PER_PAGE']}")
    for name in ("SNIPPET_CHARS", "SNIPPET_FRAGMENTS", "MAX_QUERY_CHARS", "SUGGESTIONS",
                 "FEED_ENTRIES", "THREADS"):
        if config[name] < 1:
            raise SettingError(f"{name} must be at least 1, not {config[name]}")
    if config["PUBLIC_URL"] and (problem := check_public_url(config["PUBLIC_URL"])):
        raise SettingError(f"{problem}, not {config['PUBLIC_URL']!r}")
    if config["SEARCH_BUDGET_MS"] < 0:
        raise SettingError(f"SEARCH_BUDGET_MS must be 0 (no limit) or more, "
                           f"not {config['SEARCH_BUDGET_MS']}")
    if config["WORKERS"] < 0:
        raise SettingError(f"WORKERS must be 0 (one per core) or more, not {config['WORKERS']}")
    if config["RELATED_ARTICLES"] < 0:
        raise SettingError(f"RELATED_ARTICLES must be 0 or more, not {config['RELATED_ARTICLES']}")
