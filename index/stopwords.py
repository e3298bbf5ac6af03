"""French stop words.

The list starts from Snowball's French stop list (snowballstem.org, `algorithms/french/stop.txt`,
BSD licence), the one Lucene's ``FrenchAnalyzer`` ships. Unlike Whoosh's own French list it
contains ``les``. It is kept here in its accented form and folded at import time, so that ``à``
or ``été`` are recognised after accent folding.

Only the words found in at least one French news article in ten are left out of the index.
Snowball's list also has every tense and person of *être* and *avoir* and the first and second
person pronouns; in news those are rare and tell articles apart (``j'étais``, ``auriez``, ``moi``
in quoted speech), and several are nouns too: ``avions``, ``sommes``, ``aura``, ``as``. Those
are indexed like any other word (:data:`INDEXED_ANYWAY`).
"""

from unidecode import unidecode

SNOWBALL_FRENCH = """
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un
une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes suis es est
sommes êtes sont serai seras sera serons serez seront serais serait serions seriez seraient étais
était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses
fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont
aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions
aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions
eussiez eussent
"""

#: Words of Snowball's list found in fewer than 10% of the articles of a French news corpus
#: (``bench/stop_words.py``), so worth indexing.
INDEXED_ANYWAY = """
avons mon moi ayant aura sommes ma étant mes ait soient auraient seraient votre avez avais étais
fût fut tu ton auront êtes étés avions vos aient aurais te es toi étions as serai ta serons aurons
serais tes soyons soyez eût eut aurai sois furent ayons aurions aurez étiez serions serez eus
eurent eue eues ayez aviez auriez aie aies seriez seras fûtes fûmes fusse fusses fussent fus étée
étées étants étante étantes fussions fussiez eûtes eûmes eussions eussiez eusses eussent eusse
ayante ayantes ayants auras
"""

_LEFT_OUT = frozenset(unidecode(word) for word in SNOWBALL_FRENCH.split()) - frozenset(
    unidecode(word) for word in INDEXED_ANYWAY.split())
#: Stop words as they look after lower-casing and accent folding, with the plurals of those of
#: four letters or more (``elles``, ``leurs``, ``mêmes``): Snowball's list lacks them, and their
#: stem is their singular's, so a query's ``elles`` would require an ``elle`` that the indexed
#: ``qu'elle`` dropped.
FRENCH_STOP_WORDS = _LEFT_OUT | frozenset(word + "s" for word in _LEFT_OUT if len(word) >= 4)
