"""The search index without a build: the generated pages' entries read off the data, and the theme's
index finished with them (render.searchindex, mkdocs_extras), as a build and `serve --dirty` leave it."""

from __future__ import annotations

import html
import json
from types import SimpleNamespace

import pytest

from lipsteeth import mkdocs_extras
from lipsteeth.bidi import isolated
from lipsteeth.data.dataset import Dataset
from lipsteeth.data.validate import load_dataset
from lipsteeth.render import searchindex, sections

from ..conftest import MINI, TODAY, VISIT


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(MINI, today=TODAY)


@pytest.fixture(scope="module")
def generated(dataset) -> list[dict]:
    return searchindex.generated_entries(dataset)


def by_location(entries: list[dict]) -> dict[str, dict]:
    return {e["location"]: e for e in entries}


class TestGeneratedEntries:
    def test_one_entry_per_generated_page(self, dataset, generated):
        """Each event, person, year, kind and era page, the timeline and the section lists: once each."""
        locations = [e["location"] for e in generated]
        assert len(locations) == len(set(locations))
        assert {f"events/{e.id}/" for e in dataset.events} <= set(locations)
        assert {f"people/{p.id}/" for p in dataset.people} <= set(locations)
        assert {"timeline/", "years/1998/", "years/2000/", "years/2006/", "kinds/visit/", "people/", "eras/"} <= set(locations)
        assert "eras/jiang-zemin-kim-jong-il/" in locations

    def test_an_event_is_found_by_every_spelling_of_its_people(self, generated):
        """Date, kind, direction, place, and each name in Latin, Hangul and Hanzi and each alias."""
        entry = by_location(generated)[f"events/{VISIT}/"]
        assert entry["title"] == "Kim Jong-il makes a secret visit to Beijing"
        assert entry["text"].split(" · ") == [
            "29 May 2000",
            "Visit",
            "North Korea to China",
            "Beijing",
            "Kim Jong-il",
            "김정일",
            "金正日",
            "Kim Jong Il",
            "Jiang Zemin",
            "江泽民",
        ]
        assert "boost" not in entry

    def test_a_person_page_comes_first_for_their_name(self, generated):
        entry = by_location(generated)["people/kim-jong-il/"]
        assert entry == {
            "location": "people/kim-jong-il/",
            "title": "Kim Jong-il",
            "text": "Kim Jong-il · 김정일 · 金正日 · Kim Jong Il",
            "boost": sections.PERSON_BOOST,
        }

    def test_markup_in_the_data_is_escaped_and_right_to_left_text_isolated(self, dataset):
        """The theme shows title and text as HTML: nothing from the data may become markup, and a
        right-to-left name cannot turn the names after it around."""
        name = "<b>Kim</b> & שלום"
        person = dataset.people[0].model_copy(update={"name": name})
        changed = Dataset(dataset.article, dataset.events, (person, *dataset.people[1:]), dataset.claims)
        entries = by_location(searchindex.generated_entries(changed))
        assert isolated(name) != name, "the name holds right-to-left letters"
        assert entries[f"people/{person.id}/"]["title"] == html.escape(isolated(name), quote=False)
        assert html.escape(isolated(name), quote=False) in entries[f"events/{VISIT}/"]["text"].split(" · ")
        assert not [e for e in entries.values() if "<b>" in e["title"] + e["text"]]


# What the theme writes: the hand-written pages' full text, and entries for generated pages too
# (which the finished index replaces with the data's own).
HOME = [{"location": "", "title": "Lips and Teeth", "text": "home"}]
METHOD = [
    {"location": "method/", "title": "Method", "text": "how"},
    {"location": "method/#sources", "title": "Sources", "text": "where"},
]
DATA = [{"location": "data/", "title": "Data", "text": "downloads"}]
THEMES_EVENT = [{"location": f"events/{VISIT}/", "title": "Kim Jong-il", "text": "the whole page's text"}]


def edited(entries: list[dict], text: str) -> list[dict]:
    return [{**e, "text": text} for e in entries]


def finished(tmp_path, docs: list[dict], generated: list[dict], previous=None, rebuilt=None) -> list[dict]:
    """The theme's index with these entries, finished as the build does; what the next build reads back."""
    (tmp_path / "search").mkdir(exist_ok=True)
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}))
    mkdocs_extras.finish_search_index(
        tmp_path, SimpleNamespace(search_entries=generated, indexed_from_data=searchindex.GENERATED_SECTIONS), previous, rebuilt
    )
    index = mkdocs_extras.read_search_index(tmp_path)
    assert index["config"] == {"lang": ["en"]}, "the theme's settings are kept"
    return index["docs"]


class TestFinishedIndex:
    def test_a_build_keeps_the_hand_written_pages_and_adds_the_generated(self, tmp_path, generated):
        """The theme's full-text entries for generated pages give way to one entry each from the data."""
        docs = finished(tmp_path, HOME + METHOD + THEMES_EVENT + DATA, generated)
        assert docs == HOME + METHOD + DATA + generated

    def test_a_page_indexed_again_has_its_entries_replaced_not_duplicated(self, tmp_path, generated):
        """`serve --dirty` appends a rebuilt page's entries to the last index: the latest run counts."""
        again = edited(METHOD, "how, edited")
        docs = finished(tmp_path, HOME + METHOD + DATA + again, generated, previous=None, rebuilt={"method/"})
        assert docs == HOME + again + DATA + generated

    def test_a_generated_page_between_two_runs_of_a_page_does_not_join_them(self, tmp_path, generated):
        """The theme's entries for a generated page end a run: the page's next run replaces the one before."""
        again = edited(METHOD, "how, edited")
        docs = finished(tmp_path, HOME + METHOD + THEMES_EVENT + again + THEMES_EVENT, generated)
        assert docs == HOME + again + generated

    def test_when_the_home_page_is_rebuilt_the_others_come_from_the_last_index(self, tmp_path, generated):
        """Material drops every other page's entries when it rebuilds the home page first under --dirty
        (each location starts with the home page's, '')."""
        first = finished(tmp_path, HOME + METHOD + DATA, generated)
        home = edited(HOME, "home, edited")
        docs = finished(tmp_path, home, generated, previous={"docs": first}, rebuilt={""})
        assert docs == home + METHOD + DATA + generated

    def test_pages_not_rebuilt_keep_their_entries_from_the_last_index(self, tmp_path, generated):
        """When the theme dropped every page but the one it rebuilt, the others come back from the last index."""
        first = finished(tmp_path, HOME + METHOD + DATA, generated)
        again = edited(METHOD, "how, edited")
        docs = finished(tmp_path, again, generated, previous={"docs": first}, rebuilt={"method/"})
        assert sorted(map(json.dumps, docs)) == sorted(map(json.dumps, HOME + again + DATA + generated))

    def test_a_page_not_rebuilt_keeps_its_own_entries_over_the_theme_s_copy(self, tmp_path, generated):
        """Under --dirty the theme's entries for a page it did not rebuild may be stale; the last index's stand."""
        first = finished(tmp_path, HOME + METHOD + DATA, generated)
        docs = finished(tmp_path, edited(HOME, "stale") + METHOD + DATA, generated, previous={"docs": first}, rebuilt={"method/"})
        assert [e for e in docs if e["location"] == ""] == HOME

    def test_generated_entries_appear_once_however_often_the_index_is_finished(self, tmp_path, generated):
        docs = finished(tmp_path, HOME + METHOD + DATA, generated)
        for _ in range(3):
            docs = finished(tmp_path, docs, generated, previous={"docs": docs}, rebuilt={""})
        assert docs.count(generated[0]) == 1 and len(docs) == len(HOME + METHOD + DATA + generated)

    def test_the_data_s_latest_entries_replace_the_last_build_s(self, tmp_path, dataset, generated):
        """A renamed event is found by its new title at once, its old one gone."""
        first = finished(tmp_path, HOME, generated)
        renamed = [{**e, "title": "Renamed"} if e["location"] == f"events/{VISIT}/" else e for e in generated]
        docs = finished(tmp_path, [], renamed, previous={"docs": first}, rebuilt=set())
        titles = [e["title"] for e in docs if e["location"] == f"events/{VISIT}/"]
        assert titles == ["Renamed"]

    def test_no_index_no_file(self, tmp_path, generated):
        """Engines without the theme's search write no index; none is made up."""
        mkdocs_extras.finish_search_index(
            tmp_path, SimpleNamespace(search_entries=generated, indexed_from_data=searchindex.GENERATED_SECTIONS), None, set()
        )
        assert not (tmp_path / "search").exists()
        assert mkdocs_extras.read_search_index(tmp_path) is None
