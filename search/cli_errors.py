"""How the search commands answer an index they cannot read: one line, and an exit code."""

from contextlib import contextmanager

import click

from index.store import DAMAGE_ERRORS, IndexDamaged

from .engine import IndexMissing, IndexOutdated, InvalidParameter


class IndexUnreadable(click.ClickException):
    """An index that is there but cannot be used (damaged, or of another format): exit 2,
    as the reindex commands exit on a failure of the index."""

    exit_code = 2


@contextmanager
def answered(root):
    """Turns the errors of searching the index in ``root`` into click's one-line answers: a
    missing index or a bad query exits 1, an outdated or damaged index exits 2."""
    try:
        yield
    except IndexOutdated as error:
        raise IndexUnreadable(str(error)) from error
    except (IndexMissing, InvalidParameter) as error:
        raise click.ClickException(str(error))
    except DAMAGE_ERRORS as error:
        raise IndexUnreadable(str(IndexDamaged(root, error))) from error
