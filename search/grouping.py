"""The group stage of the pipeline: one result per text, the best-ranked of its versions.

An article's versions (:mod:`index.version_groups`) are the copies of one text: the same
dispatch in several sources, a re-filing, an update. Folded, a search shows each text once and
counts texts; with ``versions="all"`` every article stands alone, as before grouping.
"""

from dataclasses import replace

from index.versions import article_paragraphs, containment, fingerprint

from .params import InvalidParameter

#: What ``versions`` may be: one result per text (the default) or every article.
VERSIONS = ("grouped", "all")
#: Other versions a hit names (« et 3 autres versions (Le Point, La DH…) »): the largest
#: groups of a news archive hold a handful; a pathological one is cut here.
MAX_OTHERS = 20


def check_versions(value):
    """``grouped`` (also for None or "") or ``all``; raises :class:`InvalidParameter`."""
    value = (value or "grouped").strip() if isinstance(value, str) else "grouped"
    if value not in VERSIONS:
        raise InvalidParameter("versions", f"« {value} » n'est pas une valeur de versions "
                                           f"possible : {' ou '.join(VERSIONS)}.")
    return value


def fold(matches, groups, sort, days):
    """``matches`` with one (score, handle) per group of ``groups`` (handle → group id, for
    the articles that have other versions): the version the ``sort`` ranks first."""
    if not groups:
        return matches
    found, best = [], {}
    for pair in matches.found:
        group = groups.get(pair[1])
        if group is None:
            found.append(pair)
            continue
        kept = best.get(group)
        if kept is None or _before(pair, kept, sort, days):
            best[group] = pair
    if not best:
        return matches
    return replace(matches, found=found + list(best.values()))


def _before(pair, other, sort, days):
    """Whether ``pair`` ranks before ``other`` in ``sort`` (ties: the lower handle; handles
    are numbers on Whoosh, ids on OpenSearch)."""
    if sort != "relevance":
        day, other_day = days(pair[1]), days(other[1])
        if day != other_day:
            if not day or not other_day:
                return bool(day)  # undated articles last
            return day > other_day if sort == "newest" else day < other_day
    if pair[0] != other[0]:
        return pair[0] > other[0]
    return pair[1] < other[1]


def hit_group(table, article_id, iso_date):
    """The ``group`` of a hit: ``{"id", "size", "first": {"id", "source", "date"}, "others"}``,
    ``others`` the other versions (id, source, date), first-published first."""
    members = table.versions(article_id)
    if not members:
        return {"id": article_id, "size": 1, "first": None, "others": []}
    first_id, first_day, first_source = members[0]
    others = [{"id": other, "source": source or None, "date": iso_date(day)}
              for other, day, source in members if other != article_id][:MAX_OTHERS]
    return {"id": table.group(article_id), "size": len(members),
            "first": {"id": first_id, "source": first_source or None, "date": iso_date(first_day)},
            "others": others}


def shared_text(read, other, common):
    """Share of the shorter text's wording found in the other (0 to 1, two decimals), the
    texts as stored fields; the standard paragraphs ``common`` left out, as grouping does."""
    if read is other:
        return 1.0
    found = [fingerprint(article_paragraphs(stored.get("title", ""), stored.get("body", "")),
                         common) for stored in (read, other)]
    if None in found:
        return 0.0
    return round(containment(*found), 2)
