"""`chronique reindex`: the command-line face of :mod:`index.reindex`."""

import sys

import click

from .boilerplate import BoilerplateError, load_patterns
from .opensearch_settings import BACKENDS
from .progress import Progress
from .reindex import ArchiveUnavailable, reindex
from .store import IndexBusy, IndexDamaged, index_dir

#: How many problem locations the summary lists for each reason.
SHOWN_LOCATIONS = 5

#: The index location, as every command takes it; :func:`index.store.index_dir` resolves it
#: (the option, else ``$CHRONIQUE_INDEX``, else ``var/index``), in that one place.
index_option = click.option(
    "--index", "index_path", type=click.Path(file_okay=False), default=None,
    help="Index directory (default: $CHRONIQUE_INDEX, else var/index).",
)


class ReindexFailed(click.ClickException):
    exit_code = 2


@click.command("reindex")
@click.argument("paths", nargs=-1, type=click.Path())
@index_option
@click.option("--full", is_flag=True, help="Rebuild from scratch beside the current index, then swap.")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any article was skipped.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for a full build (default: one per core).")
@click.option("--boilerplate", type=click.Path(dir_okay=False),
              help="File of extra boilerplate line patterns (one regular expression a line).")
@click.option("--backend", type=click.Choice(BACKENDS), envvar="CHRONIQUE_BACKEND",
              default="whoosh", show_default=True,
              help="Where to index: the Whoosh directory, or OpenSearch (CHRONIQUE_OPENSEARCH_*).")
def reindex_command(paths, index_path, full, strict, boilerplate, jobs, backend):
    """Index the articles under PATHS (text files, .jsonl, .jsonl.gz; folders are walked).

    Incremental unless --full: new and changed articles are indexed, unchanged ones skipped,
    and articles whose file or line disappeared are deleted.
    """
    if not paths:
        raise click.UsageError("give at least one file or folder of articles to index")
    root = index_dir(index_path)
    try:
        patterns = load_patterns(boilerplate)
    except BoilerplateError as error:
        raise click.UsageError(str(error))
    if backend == "opensearch":
        from .opensearch_cli import reindex_into_opensearch

        summary, root = reindex_into_opensearch(paths, full, patterns, ReindexFailed)
        click.echo(format_summary(summary, root))
        if strict and summary.skipped:
            sys.exit(1)
        return
    progress = Progress()
    try:
        summary = reindex(paths, root, full=full, boilerplate=patterns, progress=progress,
                          jobs=jobs)
    except (IndexBusy, ArchiveUnavailable, IndexDamaged) as error:
        raise ReindexFailed(str(error))
    except KeyboardInterrupt:
        raise ReindexFailed("interrupted: the index was left as it was before this reindex")
    except OSError as error:
        raise ReindexFailed(f"the index could not be updated ({error}); "
                            "the index was left as it was before this reindex")
    finally:
        progress.close()
    click.echo(format_summary(summary, root))
    if strict and summary.skipped:
        sys.exit(1)


def format_summary(summary, root):
    """The final report: counts, then problems grouped by reason with a few locations each."""
    kind = "full rebuild" if summary.full else "incremental update"
    lines = [
        f"{kind} of {root} in {summary.seconds:.1f} s: "
        f"{summary.added} added, {summary.updated} updated, {summary.deleted} deleted, "
        f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped"
        + (f", {summary.ignored_files} files ignored (hidden or not .txt/.jsonl/.jsonl.gz)"
           if summary.ignored_files else "")
    ]
    for title, problems in (("skipped", summary.skipped), ("warning", summary.warnings)):
        for reason, count, first in problems.groups():
            shown = ", ".join(p.location for p in first[:SHOWN_LOCATIONS])
            more = f" and {count - SHOWN_LOCATIONS} more" if count > SHOWN_LOCATIONS else ""
            lines.append(f"  {title}: {count} × {reason}: {shown}{more}")
    return "\n".join(lines)


#: This layer's commands of the `chronique` group (web/cli.py gathers every layer's).
COMMANDS = (reindex_command,)


if __name__ == "__main__":
    reindex_command()
