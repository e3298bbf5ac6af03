"""The larger archives of the scale benchmark: new ids, and no copy the same text as another."""

import random

from bench import scale

ARTICLE = {"id": "a1", "title": "Le conseil municipal vote le budget de la ville",
           "body": "Les élus ont voté le budget après trois heures de débat animé au conseil.",
           "date": "2021-03-29", "url": "https://exemple.fr/a1", "source": "Le Courrier"}


def test_copies_have_new_ids_moved_dates_and_other_word_orders():
    rng = random.Random(1)
    copies = [scale.varied_copy(ARTICLE, number, rng) for number in (1, 2, 3)]
    assert [c["id"] for c in copies] == ["a1~1", "a1~2", "a1~3"]
    assert [c["date"] for c in copies] == ["2021-04-05", "2021-04-12", "2021-04-19"]
    assert len({c["url"] for c in copies} | {ARTICLE["url"]}) == 4
    bodies = {c["body"] for c in copies} | {ARTICLE["body"]}
    assert len(bodies) == 4  # no exact duplicate
    assert all(sorted(b.split()) == sorted(ARTICLE["body"].split()) for b in bodies)  # same words


def test_an_article_without_a_date_keeps_none():
    copy = scale.varied_copy({"id": "x", "title": "", "body": "court"}, 1, random.Random(1))
    assert copy["id"] == "x~1" and "date" not in copy and copy["body"] == "court"
