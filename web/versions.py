"""How the pages speak of versions of one text: the count, the other versions of a hit."""

from .french import number, result_count

#: Source names shown after « et N autres versions »; the rest is an ellipsis.
NAMED_SOURCES = 2


def count_summary(result):
    """The heading's count: « 86 articles, 61 textes distincts » when copies were folded (or
    could be), the plain count otherwise.

    >>> count_summary({"articles": 86, "texts": 61, "total": 61})
    '86 articles, 61 textes distincts'
    >>> count_summary({"articles": 3, "texts": 3, "total": 3})
    '3 résultats'
    """
    articles, texts = result["articles"], result["texts"]
    if articles == texts:
        return result_count(result["total"])
    return (f"{number(articles)} article{'s' if articles > 1 else ''}, {number(texts)} "
            f"texte{'s' if texts > 1 else ''} distinct{'s' if texts > 1 else ''}")


def other_versions(group):
    """« et 3 autres versions (Le Point, La DH…) » for a hit's group, '' when it is alone.

    >>> other_versions({"others": [{"source": "Le Point"}, {"source": "La DH"}, {"source": "RTL"}]})
    'et 3 autres versions (Le Point, La DH…)'
    >>> other_versions({"others": [{"source": None}]})
    'et 1 autre version'
    """
    others = group.get("others") or []
    if not others:
        return ""
    names = list(dict.fromkeys(o["source"] for o in others if o.get("source")))
    text = f"et {number(len(others))} autre{'s' if len(others) > 1 else ''} version" \
           f"{'s' if len(others) > 1 else ''}"
    if names:
        text += f" ({', '.join(names[:NAMED_SOURCES])}{'…' if len(names) > NAMED_SOURCES else ''})"
    return text


def register(app):
    app.add_template_filter(count_summary, "compte_versions")
    app.add_template_filter(other_versions, "autres_versions")
