"""`chronique search`: the command-line face of :class:`search.Searcher`."""

import html
import json
import re

import click

from index import cli as index_cli
from index.cli import index_option
from index.store import index_dir

from .backends.choose import backend_from_settings
from .cli_errors import answered
from .engine import Searcher
from .export_cli import export_command
from .page import page_shape
from .params import DEFAULT_PER_PAGE, MAX_PER_PAGE, SORTS

_TAG = re.compile(r"<[^>]+>")


class QueryCommand(click.Command):
    """A command whose words may start with ``-``: ``france -coronavirus`` excludes a word.

    Only the command's own options are read as options; any other word starting with a dash
    belongs to the query, as the query language writes exclusions.
    """

    def parse_args(self, ctx, args):
        takes_value, flags = set(), set()
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                (flags if param.is_flag else takes_value).update(param.opts + param.secondary_opts)
        options, words = [], []
        arguments = iter(args)
        for argument in arguments:
            name = argument.split("=", 1)[0]
            if argument == "--":
                words.extend(arguments)
            elif argument in flags or (name in takes_value and name.startswith("--") and "=" in argument):
                options.append(argument)
            elif argument[:2] in takes_value and argument[2:].isdigit():  # -n5
                options.append(argument)
            elif argument in takes_value:
                options += [argument, next(arguments, "")]
            else:
                words.append(argument)
        return super().parse_args(ctx, options + ["--"] + words)


@click.command("search", cls=QueryCommand)
@click.argument("query", nargs=-1, required=True)
@index_option
@click.option("-n", "--number", "per_page", type=click.IntRange(1, MAX_PER_PAGE),
              default=DEFAULT_PER_PAGE,
              show_default=True, help="How many results to show.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True, help="Result page.")
@click.option("--sort", type=click.Choice(list(SORTS)), default="relevance",
              show_default=True, help="Result order.")
@click.option("--all-versions", is_flag=True,
              help="Every article, not one result per text (copies of a dispatch, updates).")
@click.option("--json", "as_json", is_flag=True, help="Print the result page as JSON, the shape of /api/search.")
def search_command(query, index_path, per_page, page, sort, all_versions, as_json):
    """Search the index for QUERY (words, "phrases", -exclusions, OR, titre:, source:, date:…)."""
    root = index_dir(index_path)
    with answered(root):
        searcher = Searcher(root, backend=backend_from_settings())
        result = searcher.search(" ".join(query), page=page, per_page=per_page, sort=sort,
                                 versions="all" if all_versions else "grouped")
    if as_json:
        click.echo(json.dumps(page_shape(result), ensure_ascii=False, indent=2))
        return
    click.echo(format_page(result))


#: The commands of this layer and the ones below, for the `chronique` group (web/cli.py).
COMMANDS = index_cli.COMMANDS + (search_command, export_command)


def format_page(result):
    """The page as terminal text, marks in bold (click drops the styling when not a terminal)."""
    lines = [f"{_count(result)} pour « {result['query']} » "
             f"({result['took_ms']:.0f} ms) — page {result['page']}/{max(result['pages'], 1)}"]
    if result["suggestion"]:
        lines.append("Vouliez-vous dire : " + _terminal(result["suggestion"]["html"], "em") + " ?")
    if result["notice"]:
        lines.append(result["notice"])
    first = (result["page"] - 1) * result["per_page"] + 1
    for number, hit in enumerate(result["hits"], first):
        about = " · ".join(v for v in (hit["source"], hit["date"]) if v)
        lines += ["", f"{number}. " + _terminal(hit["title_html"]) + (f"  [{about}]" if about else ""),
                  "   " + _terminal(hit["snippet_html"]), f"   {hit['url'] or hit['id']}"]
        if result["versions"] == "grouped" and hit["group"]["others"]:
            others = ", ".join(" ".join(filter(None, (o["source"], o["date"]))) or o["id"]
                               for o in hit["group"]["others"])
            lines.append(f"   et {len(hit['group']['others'])} autre(s) version(s) : {others}")
    return "\n".join(lines)


def _count(result):
    """« 5 résultat(s) », or « 7 article(s), 5 texte(s) distinct(s) » when copies count once
    (``--all-versions`` lists every article)."""
    if result["articles"] == result["texts"]:
        return f"{result['total']} résultat(s)"
    return f"{result['articles']} article(s), {result['texts']} texte(s) distinct(s)"


def _terminal(fragment, tag="mark"):
    """HTML fragment → terminal text, the ``tag`` elements in bold."""
    pattern = re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL)
    out, cursor = [], 0
    for match in pattern.finditer(fragment):
        out.append(_text(fragment[cursor:match.start()]))
        out.append(click.style(_text(match.group(1)), bold=True))
        cursor = match.end()
    out.append(_text(fragment[cursor:]))
    return "".join(out)


def _text(fragment):
    return html.unescape(_TAG.sub("", fragment))
