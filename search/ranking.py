"""The choices that shape ranking, whichever backend scores: one value passed down the pipeline."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Ranking:
    """Choices that shape ranking; the defaults are the measured best (docs/BENCHMARKS.md)."""

    #: How juxtaposed words combine: "and" (all required) or "or" (ranked by how many match).
    default_operator: str = "and"
    #: Weight of a match on a name's spelling key relative to a match on the word itself.
    name_weight: float = 0.3
    #: Spelling keys are tried only for words in at most this share of articles: rare words
    #: are where variant spellings matter, frequent ones would only gather false matches.
    name_max_share: float = 0.02
    #: Multiply an OR group's scores by the share of its clauses each article matches.
    coordination: bool = True
    #: For plain words, count title matches only when the title has every word.
    title_when_all: bool = True
    #: Look again at the best matches for words as typed and in order (search.rerank).
    rerank: bool = True
    #: Extra weight of title matches on top of the index's title field boost (1 = as indexed).
    title_weight: float = 2.0
