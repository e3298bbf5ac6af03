"""Share of articles using each word of Snowball's French stop list, the measure behind
``index.stopwords``: words in at least one article in ten stay out of the index.

    .venv/bin/python -m bench.stop_words ../shared/corpus/fr_news.jsonl.gz

Prints the words by share, most used first, marking those the index keeps out.
"""

import re
import sys
from collections import Counter

from unidecode import unidecode

from index.stopwords import FRENCH_STOP_WORDS, SNOWBALL_FRENCH

from .queries import read_articles

#: Share of articles from which a word is too common to be worth indexing.
THRESHOLD = 0.10
_WORD = re.compile(r"[^\W_]+")


def shares(path):
    """Folded stop-list word → share of the articles of ``path`` that use it."""
    listed = {unidecode(word) for word in SNOWBALL_FRENCH.split()}
    using, articles = Counter(), 0
    for article in read_articles(path):
        articles += 1
        words = {unidecode(w).lower() for w in _WORD.findall(f"{article['title']} {article['body']}")}
        using.update(words & listed)
    return {word: using[word] / max(articles, 1) for word in listed}


def main():
    measured = shares(sys.argv[1])
    for word, share in sorted(measured.items(), key=lambda item: (-item[1], item[0])):
        kept_out = "stop" if word in FRENCH_STOP_WORDS else "indexed"
        agrees = (share >= THRESHOLD) == (word in FRENCH_STOP_WORDS)
        print(f"{word:10} {share:6.1%}  {kept_out}{'' if agrees else '  (differs from threshold)'}")


if __name__ == "__main__":
    main()
