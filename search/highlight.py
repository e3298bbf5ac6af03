"""Highlighted snippets: the passages of an article where the query matched, with marks.

The stored text is run through the index's analyzer, so a mark lands on every form the index
would match — accented, capitalised, inflected, after an elision (``l’<mark>Ukraine</mark>``).
Text is escaped first and marks inserted second, so nothing from an article reaches the page as
markup. Only the hits of one page are analyzed, which keeps snippets cheap.
"""

import re
from functools import lru_cache
from html import escape

from index.analysis import (MIN_NAME_CHARS, NAME_PATTERN, TOKEN_PATTERN, fold, fold_latin,
                            index_term, index_tokens, is_compound, name_key)

#: Longest stretch of an article analyzed for marks; passages after it are not considered.
MAX_ANALYZED_CHARS = 60_000
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")

_TOKEN = re.compile(TOKEN_PATTERN)
_CAPITALISED = re.compile(NAME_PATTERN)


def marked_spans(text, marks):
    """Sorted, non-overlapping (start, end, key) character spans of ``text`` to mark.

    ``key`` names what matched (a term, a name key or a phrase), so passages can be
    preferred for showing several different query words.
    """
    if not marks or not text:
        return []
    terms, name_keys, phrases = marks.terms, marks.name_keys, marks.phrases
    text = text[:MAX_ANALYZED_CHARS]
    if not phrases:
        return _merge(_word_spans(text, terms, name_keys))
    phrase_starts = {phrase[0] for phrase in phrases}
    spans = []
    by_position = {}
    for term, position, start, end in index_tokens(text):
        by_position.setdefault(position, []).append((term, start, end))
        if term in terms:
            spans.append((start, end, term))
        elif name_keys and end - start >= MIN_NAME_CHARS:
            surface = text[start:end]
            if surface[0].isupper() and surface.isalpha():
                key = name_key(fold(surface))
                if key in name_keys:
                    spans.append((start, end, key))
    spans.extend(_phrase_spans(by_position, phrases, phrase_starts))
    return _merge(spans)


def _word_spans(text, terms, name_keys):
    """Spans of single words, found without analyzing every word.

    An index term is its word folded and stemmed, and stemming only cuts endings, so a word
    can match only if its folded form starts like one of the terms: one regular-expression pass
    over the folded text finds those candidates, and only they are analyzed. Names are looked
    for among capitalised words. (A test checks this against the full analysis.)
    """
    spans = []
    candidates = _candidates(tuple(sorted(terms)))
    if candidates:
        folded = fold_latin(text)
        starts = {found.start() for candidate in candidates for found in candidate.finditer(folded)}
        for start in sorted(starts):
            if not starts_word(folded, start):
                continue
            match = _TOKEN.match(text, start)
            if match is None:
                continue
            word, start = match.group(1), match.start(1)
            if is_compound(word):
                for term, _, part_start, part_end in index_tokens(word):
                    if term in terms:
                        spans.append((start + part_start, start + part_end, term))
            elif index_term(word) in terms:
                spans.append((start, start + len(word), index_term(word)))
    if name_keys:
        for match in _CAPITALISED.finditer(text):
            key = name_key(fold(match.group()))
            if key in name_keys:
                spans.append((match.start(), match.end(), key))
    return spans


def starts_word(text, start):
    """Whether a word of ``text`` starts at ``start`` (patterns leave this to be checked by
    hand: a leading look-behind makes Python scan text many times slower)."""
    return start == 0 or not text[start - 1].isalnum()


@lru_cache(maxsize=1024)
def _candidates(terms):
    """Patterns finding, in a text folded by :func:`index.analysis.fold_latin`, where a word
    may start like one of ``terms``: their first three letters. One literal pattern each, as
    Python scans for a literal many times faster than for an alternation. Ligatures stay one
    character (œ, outside Latin-1, folds to ``?``): ``coeur`` is also looked for as ``c?u`` to
    find « cœur », ``aequo`` as ``æqu``."""
    starts = set()
    for term in terms:
        starts.add(term[:3])
        starts.add(term.replace("oe", "?").replace("ae", "æ")[:3])
    return tuple(re.compile(re.escape(start)) for start in sorted(starts) if start)


def _phrase_spans(by_position, phrases, phrase_starts):
    spans = []
    for position, tokens in by_position.items():
        for term, start, _ in tokens:
            if term not in phrase_starts:
                continue
            for phrase in phrases:
                if phrase[0] != term:
                    continue
                end = _phrase_end(by_position, phrase, position)
                if end is not None:
                    spans.append((start, end, " ".join(phrase)))
    return spans


def _phrase_end(by_position, phrase, position):
    end = None
    for offset, term in enumerate(phrase[1:], 1):
        following = [t for t in by_position.get(position + offset, ()) if t[0] == term]
        if not following:
            return None
        end = following[0][2]
    return end


def _merge(spans):
    """Overlapping spans (a compound and its parts, a phrase and its words) become one."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged = []
    for start, end, key in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            if end > last[1]:
                merged[-1] = (last[0], end, last[2])
            continue
        merged.append((start, end, key))
    return merged


def mark_html(text, spans, start=0, end=None):
    """``text[start:end]`` escaped, with each span in ``<mark>``."""
    end = len(text) if end is None else end
    out = []
    cursor = start
    for span_start, span_end, _ in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[cursor:span_start], quote=True))
        out.append("<mark>" + escape(text[span_start:span_end], quote=True) + "</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end], quote=True))
    return "".join(out)


def highlight_html(text, marks):
    """All of ``text``, escaped, with every match marked (titles, article paragraphs)."""
    return mark_html(text, marked_spans(text, marks))


def snippet_html(text, marks, chars=200, fragments=3):
    """Up to ``fragments`` passages of about ``chars`` characters around the best matches,
    joined with "…"; the article's opening lines when nothing in ``text`` matched."""
    text = text or ""
    spans = marked_spans(text, marks)
    if not spans:
        end = _word_end(text, min(len(text), chars))
        opening = _SPACES.sub(" ", escape(text[:end], quote=True)).strip()
        return opening + (" " + ELLIPSIS if end < len(text) else "")
    windows = sorted(_best_windows(text, spans, chars, fragments))
    pieces = [_SPACES.sub(" ", mark_html(text, spans, start, end)).strip()
              for start, end in windows]
    return ((ELLIPSIS + " " if windows[0][0] > 0 else "")
            + f" {ELLIPSIS} ".join(pieces)
            + (" " + ELLIPSIS if windows[-1][1] < len(text) else ""))


def _best_windows(text, spans, chars, fragments):
    """Greedy choice of non-overlapping windows, each showing as many different matched
    words as possible (then as many matches), the best ones first."""
    lead = chars // 4  # context kept before the first match of a window
    candidates = []
    j = 0
    for i, (first_start, _, _) in enumerate(spans):
        start = max(0, min(first_start - lead, len(text) - chars))  # fill the window near the end
        limit = start + chars
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= limit:
            j += 1
        inside = spans[i:j + 1]
        score = (len({key for _, _, key in inside}), len(inside), -first_start)
        candidates.append((score, start, limit))
    candidates.sort(reverse=True)
    chosen = []
    for _, start, limit in candidates:
        if any(start < other_end and limit > other_start for other_start, other_end in chosen):
            continue
        chosen.append((start, limit))
        if len(chosen) == fragments:
            break
    return [(_word_start(text, start), _word_end(text, min(len(text), limit)))
            for start, limit in chosen]


def _word_start(text, index):
    """``index`` moved forward to the start of a word (or a sentence close before it)."""
    if index <= 0:
        return 0
    sentence = max(text.rfind(". ", max(0, index - 40), index), text.rfind("\n", max(0, index - 40), index))
    if sentence >= 0:
        return sentence + 1
    while index < len(text) and not text[index - 1].isspace():
        index += 1
    return index


def _word_end(text, index):
    """``index`` moved back to the end of a word."""
    if index >= len(text):
        return len(text)
    back = index
    while back > 0 and not text[back].isspace():
        back -= 1
    return back if back > 0 else index
