"""Research tools: results over time (/api/timeline, /compare), export of a whole result set
(/api/export) and citations of one article (/cite/…)."""

from flask import (Blueprint, Response, abort, current_app, render_template, request,
                   stream_with_context, url_for)

from search import InvalidParameter
from search.export import FORMATS, WRITERS, check_format

from . import citation
from .chart import MAX_SERIES, bars, measure_of, measure_urls
from .engine import searcher
from .errors import ARTICLE_NOT_FOUND
from .params import parse_article_id, parse_search

blueprint = Blueprint("research", __name__)


def parse_queries(args, max_chars):
    """The ``q`` values, repeatable up to MAX_SERIES; blanks dropped."""
    queries = [q.strip() for q in args.getlist("q") if q.strip()]
    if not queries:
        raise InvalidParameter("q", "le paramètre q (la requête) est obligatoire et ne doit pas être vide")
    if len(queries) > MAX_SERIES:
        raise InvalidParameter("q", f"{MAX_SERIES} requêtes au plus se comparent ; reçu : {len(queries)}")
    for query in queries:
        if len(query) > max_chars:
            raise InvalidParameter("q", f"une requête fait {len(query)} caractères : {max_chars} "
                                        "au plus, raccourcissez-la")
    return queries


def _filters(args):
    wanted = parse_search(args, current_app.config, query_required=False)
    return dict(date_from=wanted.date_from, date_to=wanted.date_to, sources=wanted.sources,
                years=wanted.years)


@blueprint.get("/api/timeline")
def timeline():
    queries = parse_queries(request.args, current_app.config["MAX_QUERY_CHARS"])
    interval = request.args.get("interval", "auto").strip() or "auto"
    found = searcher().compare(queries, interval, **_filters(request.args))
    if len(queries) == 1:
        return found["series"][0]
    return found


@blueprint.get("/api/export")
def export():
    wanted = parse_search(request.args, current_app.config, query_required=True)
    name = check_format(request.args.get("format", "csv").strip() or "csv")
    total, rows = searcher().export(wanted.query, sort=wanted.sort, date_from=wanted.date_from,
                                    date_to=wanted.date_to, sources=wanted.sources,
                                    years=wanted.years)
    response = Response(stream_with_context(WRITERS[name](rows)),
                        mimetype=FORMATS[name], content_type=f"{FORMATS[name]}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="chronique-export.{name}"'
    response.headers["X-Total-Count"] = str(total)
    return response


def export_url(search, name):
    return url_for("research.export", format=name,
                   **{k: v for k, v in search.url_arguments(current_app.config["PER_PAGE"]).items()
                      if k not in ("page", "per_page")})


@blueprint.get("/compare")
def compare():
    queries = [q.strip() for q in request.args.getlist("q") if q.strip()][:MAX_SERIES]
    chart = None
    if queries:
        queries = parse_queries(request.args, current_app.config["MAX_QUERY_CHARS"])
        found = searcher().compare(queries, **_filters(request.args))
        drawing = bars(found["series"], measure_of(request.args))
        if drawing is not None:
            for bar in drawing["bars"]:
                bar["href"] = url_for("pages.search", q=found["series"][bar["series"]]["query"],
                                      **{"from": bar["start"], "to": bar["end"]})
            chart = {"drawing": drawing, "measure": measure_of(request.args),
                     "measure_urls": measure_urls(), "series": found["series"],
                     "undated": 0}
    slots = queries + [""] * (MAX_SERIES - len(queries))
    return render_template("compare.html", queries=queries, slots=slots, chart=chart)


def _article_or_404(article_id):
    found = searcher().article(parse_article_id(article_id))
    if found is None:
        abort(404, ARTICLE_NOT_FOUND)
    return found


def permalink(article_id):
    return url_for("pages.article", article_id=article_id, _external=True)


@blueprint.get("/cite/ris/<path:article_id>")
def cite_ris(article_id):
    found = _article_or_404(article_id)
    body = citation.ris(found, permalink(found["id"]))
    return body, {"Content-Type": "application/x-research-info-systems; charset=utf-8",
                  "Content-Disposition": 'attachment; filename="article.ris"'}


@blueprint.get("/cite/bibtex/<path:article_id>")
def cite_bibtex(article_id):
    found = _article_or_404(article_id)
    body = citation.bibtex(found, permalink(found["id"]))
    return body, {"Content-Type": "application/x-bibtex; charset=utf-8",
                  "Content-Disposition": 'attachment; filename="article.bib"'}


def register(app):
    app.register_blueprint(blueprint)
    app.jinja_env.globals.update(export_url=export_url, permalink=permalink,
                                 citation_text=citation.reference)
