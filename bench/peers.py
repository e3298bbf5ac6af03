"""The engines Chronique is measured against, each built the way a typical user would.

- SQLite FTS5: ``tokenize='unicode61 remove_diacritics 2'``, ranked by ``bm25()``, snippets by
  ``snippet()``; words are ANDed (FTS5's default).
- tantivy (PyPI ``tantivy``): simple tokenizer → lower case → ASCII folding → French Snowball
  stemmer, title boosted ×2, snippets by its ``SnippetGenerator``; words ORed (its default).
- plain Whoosh: ``LanguageAnalyzer("fr")`` on title and body, ``MultifieldParser`` (words ANDed,
  its default), snippets by Whoosh's highlighter (``hit.highlights("body")``).

Two more are set up as a search engineer sets up Elasticsearch for news: a field of title and
body together beside the title; every word required in the combined field (all ORed only when
no article has them all); a should-clause for the title having every word (×2) and one for the
words as a phrase within 3 positions (slop 3, ×2):

- tuned tantivy: the same analysis as above, plus French stop words (which drop the elided
  ``l``, ``d``, ``qu``…) before folding;
- Lucene: ``FrenchAnalyzer`` (elision, lower case, French stop words, light stemmer) of
  Debian's ``liblucene8-java``, BM25, run by JDK 17 (``bench/lucene/LucenePeer.java``, compiled
  on first use, answering over stdin/stdout); snippets by its unified highlighter. It also
  runs as ``MultiFieldQueryParser`` queries by default (each word in the title ×2 or the text,
  words ORed), which suits its light stemmer on remembered titles.

Each ``search(query)`` returns the ids of the top 10 with a snippet made for each. Indexes are
cached under a directory (``/tmp/chronique-peers`` by default) and built on first use.
"""

import glob
import os
import re
import shutil
import sqlite3
import subprocess
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


class PeerUnavailable(Exception):
    """A peer that cannot run on this machine; the message says what to install."""


def _open_tantivy(tantivy, path, analyzer, fields, documents):
    """A tantivy index of text ``fields`` (plus a raw ``id``) at ``path``, built from
    ``documents()`` (dicts) the first time."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for field in fields:
        builder.add_text_field(field, stored=True, tokenizer_name="fr")
    schema = builder.build()
    fresh = not (path / "meta.json").exists()
    if fresh:
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
    index = tantivy.Index(schema, path=str(path))
    index.register_tokenizer("fr", analyzer)
    if fresh:
        writer = index.writer(heap_size=200_000_000, num_threads=1)
        for document in documents():
            writer.add_document(tantivy.Document(**document))
        writer.commit()
        writer.wait_merging_threads()
    index.reload()
    return index, schema


class Tantivy:
    name = "tantivy"

    def __init__(self, corpus, cache):
        import tantivy

        self.tantivy = tantivy
        path = Path(cache) / "tantivy"
        analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                    .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
                    .filter(tantivy.Filter.stemmer("french")).build())

        def documents():
            for article in read_articles(corpus):
                yield {"id": article["id"], "title": article["title"], "body": article["body"]}

        self.index, self.schema = _open_tantivy(tantivy, path, analyzer, ("title", "body"),
                                                documents)
        self.searcher = self.index.searcher()

    def search(self, query):
        words = _words(query)
        if not words:
            return []
        parsed = self.index.parse_query(" ".join(words), ["title", "body"],
                                        field_boosts={"title": 2.0})
        hits = self.searcher.search(parsed, TOP).hits
        return _ids_with_snippets(self.tantivy, self.searcher, self.schema, parsed, hits, "body")


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


class TunedTantivy:
    name = "tantivy, tuned"

    def __init__(self, corpus, cache):
        import tantivy

        self.tantivy = tantivy
        self.analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                         .filter(tantivy.Filter.lowercase())
                         .filter(tantivy.Filter.stopword("french"))
                         .filter(tantivy.Filter.ascii_fold())
                         .filter(tantivy.Filter.stemmer("french")).build())

        def documents():
            for article in read_articles(corpus):
                yield {"id": article["id"], "title": article["title"],
                       "text": f"{article['title']}\n{article['body']}"}

        self.index, self.schema = _open_tantivy(tantivy, Path(cache) / "tantivy-tuned",
                                                self.analyzer, ("title", "text"), documents)
        self.searcher = self.index.searcher()

    def _query(self, terms, each):
        q, occur = self.tantivy.Query, self.tantivy.Occur
        words = q.boolean_query([(each, q.term_query(self.schema, "text", t)) for t in terms])
        title = q.boolean_query([(occur.Must, q.term_query(self.schema, "title", t))
                                 for t in terms])
        clauses = [(occur.Must, words), (occur.Should, q.boost_query(title, 2.0))]
        if len(terms) > 1:
            phrase = q.phrase_query(self.schema, "text", terms, slop=3)
            clauses.append((occur.Should, q.boost_query(phrase, 2.0)))
        return q.boolean_query(clauses)

    def search(self, query):
        terms = self.analyzer.analyze(" ".join(_words(query)))
        if not terms:
            return []
        parsed = self._query(terms, self.tantivy.Occur.Must)
        hits = self.searcher.search(parsed, TOP).hits
        if not hits:
            parsed = self._query(terms, self.tantivy.Occur.Should)
            hits = self.searcher.search(parsed, TOP).hits
        return _ids_with_snippets(self.tantivy, self.searcher, self.schema, parsed, hits, "text")


def _ids_with_snippets(tantivy, searcher, schema, parsed, hits, field):
    """The ids of tantivy's hits, each paying for its snippet as Chronique's hits do."""
    generator = tantivy.SnippetGenerator.create(searcher, parsed, schema, field)
    generator.set_max_num_chars(200)
    ids = []
    for _, address in hits:
        document = searcher.doc(address)
        generator.snippet_from_doc(document).to_html()
        ids.append(document["id"][0])
    return ids


LUCENE_JARS = "/usr/share/java/lucene-{}-8*.jar"
_LUCENE_MODULES = ("core", "analyzers-common", "highlighter", "memory", "queries")
_LUCENE_SOURCE = Path(__file__).with_name("lucene") / "LucenePeer.java"


def _java_tool(name):
    """Path of JDK 17's ``name`` (java, javac): ``JAVA_HOME``'s if set, else Debian's."""
    for home in (os.environ.get("JAVA_HOME"), "/usr/lib/jvm/java-17-openjdk-amd64"):
        if home and Path(home, "bin", name).exists():
            return str(Path(home, "bin", name))
    return shutil.which(name)


def lucene_classpath():
    """The jars Lucene's peer needs, or :class:`PeerUnavailable` saying what to install."""
    jars = []
    for module in _LUCENE_MODULES:
        found = sorted(glob.glob(LUCENE_JARS.format(module)))
        if not found:
            raise PeerUnavailable(
                f"Lucene is not installed (no {LUCENE_JARS.format(module)}): "
                "apt-get install -y liblucene8-java")
        jars.append(found[-1])
    if not (_java_tool("java") and _java_tool("javac")):
        raise PeerUnavailable("no JDK found (JAVA_HOME, /usr/lib/jvm/java-17-openjdk-amd64 or "
                              "PATH): apt-get install -y openjdk-17-jdk-headless")
    return ":".join(jars)


class Lucene:
    name = "Lucene FrenchAnalyzer, tuned"
    mode = "tuned"

    def __init__(self, corpus, cache):
        jars = lucene_classpath()
        classes = Path(cache) / "lucene-classes"
        compiled = classes / "LucenePeer.class"
        if not compiled.exists() or compiled.stat().st_mtime < _LUCENE_SOURCE.stat().st_mtime:
            classes.mkdir(parents=True, exist_ok=True)
            subprocess.run([_java_tool("javac"), "-nowarn", "-cp", jars, "-d", str(classes),
                            str(_LUCENE_SOURCE)], check=True)
        command = [_java_tool("java"), "-Xmx1g", "-cp", f"{jars}:{classes}", "LucenePeer"]
        path = Path(cache) / "lucene"
        if not (path / "done").exists():
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
            builder = subprocess.Popen(command + ["index", str(path)], stdin=subprocess.PIPE,
                                       text=True, encoding="utf-8")
            for article in read_articles(corpus):
                fields = (article["id"], article["title"], article["body"])
                builder.stdin.write("\t".join(re.sub(r"\s", " ", f) for f in fields) + "\n")
            builder.stdin.close()
            if builder.wait() != 0:
                raise RuntimeError("the Lucene index could not be built")
            (path / "done").touch()
        self.process = subprocess.Popen(command + ["serve", str(path), self.mode], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def search(self, query):
        self.process.stdin.write(" ".join(_words(query)) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline().rstrip("\n")
        return line.split("\t") if line else []


class LuceneOred(Lucene):
    name = "Lucene FrenchAnalyzer, words ORed"
    mode = "or"


PEERS = (Fts5, Tantivy, TunedTantivy, Lucene, LuceneOred, PlainWhoosh)
