"""How numbers and counted nouns are said in prose."""

import pytest

from lipsteeth.wording import plural, plural_of


@pytest.mark.parametrize(
    ("word", "many"),
    [
        ("test", "tests"),
        ("launch", "launches"),  # the analysis page's launches, once patched after the fact
        ("silence", "silences"),
        ("nuclear test", "nuclear tests"),
        ("box", "boxes"),
        ("crash", "crashes"),
        ("bus", "buses"),
    ],
)
def test_the_regular_plural(word, many):
    assert plural_of(word) == many


@pytest.mark.parametrize(
    ("number", "word", "many", "said"),
    [
        (1, "launch", None, "one launch"),
        (12, "launch", None, "12 launches"),
        (0, "visit", None, "no visits"),
        (3, "such visit", None, "three such visits"),
        (2, "child", "children", "two children"),  # irregular: the caller says it
    ],
)
def test_plural_counts_in_words_and_picks_the_form(number, word, many, said):
    assert plural(number, word, many) == said
