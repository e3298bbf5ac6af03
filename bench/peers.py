"""The engines Chronique is measured against, each built the way a typical user would.

- SQLite FTS5: ``tokenize='unicode61 remove_diacritics 2'``, ranked by ``bm25()``, snippets by
  ``snippet()``; words are ANDed (FTS5's default).
- tantivy (PyPI ``tantivy``): simple tokenizer → lower case → ASCII folding → French Snowball
  stemmer, title boosted ×2, snippets by its ``SnippetGenerator``; words ORed (its default).
- plain Whoosh: ``LanguageAnalyzer("fr")`` on title and body, ``MultifieldParser`` (words ANDed,
  its default), snippets by Whoosh's highlighter (``hit.highlights("body")``).

Each ``search(query)`` returns the ids of the top 10 with a snippet made for each. Indexes are
cached under a directory (``/tmp/chronique-peers`` by default) and built on first use.
"""

import re
import shutil
import sqlite3
from pathlib import Path

from .queries import read_articles

TOP = 10
_QUERY_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(query):
    return _QUERY_WORD.findall(query)


class Fts5:
    name = "SQLite FTS5"

    def __init__(self, corpus, cache):
        path = Path(cache) / "fts5.sqlite"
        if not path.exists():
            temporary = path.with_suffix(".building")
            temporary.unlink(missing_ok=True)
            db = sqlite3.connect(temporary)
            db.execute("CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body, "
                       "tokenize = 'unicode61 remove_diacritics 2')")
            db.executemany("INSERT INTO articles VALUES (?, ?, ?)",
                           ((a["id"], a["title"], a["body"]) for a in read_articles(corpus)))
            db.commit()
            db.close()
            temporary.rename(path)
        self.db = sqlite3.connect(path, check_same_thread=False)

    def search(self, query):
        words = _words(query)
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)
        rows = self.db.execute(
            "SELECT id, snippet(articles, 2, '<mark>', '</mark>', '…', 32) FROM articles "
            "WHERE articles MATCH ? ORDER BY bm25(articles) LIMIT ?", (match, TOP)).fetchall()
        return [row[0] for row in rows]


class Tantivy:
    name = "tantivy"

    def __init__(self, corpus, cache):
        import tantivy

        self.tantivy = tantivy
        path = Path(cache) / "tantivy"
        analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                    .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
                    .filter(tantivy.Filter.stemmer("french")).build())
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True, tokenizer_name="fr")
        builder.add_text_field("body", stored=True, tokenizer_name="fr")
        schema = builder.build()
        fresh = not (path / "meta.json").exists()
        if fresh:
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        self.index = tantivy.Index(schema, path=str(path))
        self.index.register_tokenizer("fr", analyzer)
        if fresh:
            writer = self.index.writer(heap_size=200_000_000, num_threads=1)
            for article in read_articles(corpus):
                writer.add_document(tantivy.Document(id=article["id"], title=article["title"],
                                                     body=article["body"]))
            writer.commit()
            writer.wait_merging_threads()
        self.index.reload()
        self.schema = schema
        self.searcher = self.index.searcher()

    def search(self, query):
        words = _words(query)
        if not words:
            return []
        parsed = self.index.parse_query(" ".join(words), ["title", "body"],
                                        field_boosts={"title": 2.0})
        hits = self.searcher.search(parsed, TOP).hits
        generator = self.tantivy.SnippetGenerator.create(self.searcher, parsed, self.schema, "body")
        generator.set_max_num_chars(200)
        ids = []
        for _, address in hits:
            document = self.searcher.doc(address)
            generator.snippet_from_doc(document).to_html()
            ids.append(document["id"][0])
        return ids


class PlainWhoosh:
    name = "plain Whoosh"

    def __init__(self, corpus, cache):
        from whoosh import index
        from whoosh.analysis import LanguageAnalyzer
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import MultifieldParser

        path = Path(cache) / "whoosh"
        if not index.exists_in(str(path)):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
            schema = Schema(id=ID(stored=True, unique=True),
                            title=TEXT(analyzer=LanguageAnalyzer("fr"), stored=True),
                            body=TEXT(analyzer=LanguageAnalyzer("fr"), stored=True))
            ix = index.create_in(str(path), schema)
            writer = ix.writer(limitmb=256)
            for article in read_articles(corpus):
                writer.add_document(id=article["id"], title=article["title"], body=article["body"])
            writer.commit()
        self.ix = index.open_dir(str(path))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema)

    def search(self, query):
        words = _words(query)
        if not words:
            return []
        results = self.searcher.search(self.parser.parse(" ".join(words)), limit=TOP)
        ids = []
        for hit in results:
            hit.highlights("body")
            ids.append(hit["id"])
        return ids


PEERS = (Fts5, Tantivy, PlainWhoosh)
