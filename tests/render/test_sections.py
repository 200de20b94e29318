"""The sections of generated pages (render.sections), declared once each: the site plan, the sitemap's
dates, the search index, the sharing images and mkdocs.yml all follow the declarations."""

from __future__ import annotations

import yaml

from lipsteeth import urls
from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.model import KINDS
from lipsteeth.render import lastmod, searchindex
from lipsteeth.render.sections import SECTIONS, page_year, preview_label, section_of
from lipsteeth.site import plan_for

from ..conftest import LAUNCH, ROOT, TEST, VISIT, dataset_of

DRAWINGS = {name: "<svg></svg>" for name in CHARTS}
FORMER = "2000-05-kim-visits-beijing"  # a former id of the visit, planted by `with_former_id`


def with_former_id(mini):
    mini.replace("events/events.yaml", "    date: 2000-05-29\n", f"    date: 2000-05-29\n    aliases: [{FORMER}]\n")
    return dataset_of(mini)


def test_each_section_has_a_folder_of_its_own_none_named_like_a_kind_of_event():
    folders = [s.folder for s in SECTIONS]
    assert len(set(folders)) == len(folders)
    assert not set(folders) & set(KINDS)


def test_every_page_path_round_trips_through_its_address(mini):
    """A record's page is served at '<folder>/<name>/', and that address leads back to the section and name."""
    dataset = dataset_of(mini)
    for section in SECTIONS:
        records = list(section.records(dataset))
        assert records, f"the fixture has no {section.folder} page to check"
        for record in records:
            address = urls.url(section.path(record))
            assert address == f"{section.prefix}{section.name(record)}/"
            assert section_of(address) == (section, str(section.name(record)))
        assert urls.url(section.index_path) == section.prefix
        assert section_of(section.prefix) is None  # an index page is no record's page


def test_the_plan_has_exactly_the_pages_the_sections_declare(mini):
    """Under each section's folder: its index, a page per record and a redirect per former id, no more."""
    dataset = with_former_id(mini)
    plan = plan_for(dataset, drawings=DRAWINGS)
    for section in SECTIONS:
        planned = {path for path in plan if path.startswith(section.prefix)}
        assert planned == section.paths(dataset)
    assert urls.redirect_path(urls.EVENTS_FOLDER, FORMER) in plan
    assert f"url=../{VISIT}/" in plan[urls.redirect_path(urls.EVENTS_FOLDER, FORMER)]


def test_search_has_one_entry_per_page_of_each_searched_section(mini):
    """The theme's entries for those folders are dropped; the data gives one entry per page instead."""
    dataset = dataset_of(mini)
    searched = [s for s in SECTIONS if s.search]
    assert [s.folder for s in SECTIONS if not s.search] == [urls.CLAIMS_FOLDER]  # the theme indexes claims in full
    left_to_the_data = searchindex.GENERATED_SECTIONS
    assert left_to_the_data == (*(s.prefix for s in searched), urls.url(urls.TIMELINE))
    locations = [entry["location"] for entry in searchindex.generated_entries(dataset)]
    expected = [urls.url(s.path(r)) for s in searched for r in s.records(dataset)]
    expected += [s.prefix for s in searched if s.search.index_title]
    assert sorted(locations) == sorted([urls.url(urls.TIMELINE), *expected])
    assert urls.url(urls.EVENTS_INDEX) not in locations  # the timeline's entry stands for the list of events


KNOWN = (urls.EVENTS_FOLDER, urls.PEOPLE_FOLDER, urls.YEARS_FOLDER, urls.KINDS_FOLDER, urls.ERAS_FOLDER, urls.CLAIMS_FOLDER)


def dated_pages(dataset, records: dict[str, str]) -> set[str]:
    """The pages `records` date, among the single pages and those of the six sections this file knows
    (a section added later dates pages of its own, which its own tests check)."""
    dates = lastmod.page_dates(dataset, records)
    assert set(dates.values()) == set(records.values())
    later = tuple(s.prefix for s in SECTIONS if s.folder not in KNOWN)
    return {page for page in dates if not page.startswith(later)}


def test_a_record_changed_dates_the_pages_that_show_it(mini):
    """One event dated: its page, its year's, its kind's, its era's, its people's and its claim's pages,
    the indexes of the sections that list events, and the pages that sum up everything."""
    assert dated_pages(dataset_of(mini), {VISIT: "2024-01-02"}) == {
        urls.event_path(VISIT),
        urls.year_path(2000),
        urls.kind_path("visit"),
        urls.era_path("jiang-zemin-kim-jong-il"),
        urls.person_path("kim-jong-il"),
        urls.person_path("jiang-zemin"),
        urls.claim_path("secret-visit-within-two-years"),
        urls.EVENTS_INDEX,
        urls.YEARS_INDEX,
        urls.KINDS_INDEX,
        urls.ERAS_INDEX,
        urls.CLAIMS_INDEX,
        urls.TIMELINE,
        urls.ARTICLE,
        urls.ANALYSIS,
        urls.CHANGELOG,
    }


def test_a_person_changed_dates_their_page_their_eras_and_the_people_index(mini):
    assert dated_pages(dataset_of(mini), {"jiang-zemin": "2024-01-02"}) == {
        urls.person_path("jiang-zemin"),
        urls.era_path("jiang-zemin-kim-jong-il"),
        urls.PEOPLE_INDEX,
        urls.CLAIMS_INDEX,
        urls.ARTICLE,
        urls.ANALYSIS,
        urls.CHANGELOG,
    }


def test_a_sharing_image_names_the_section_and_the_year_of_the_page(mini):
    dataset = dataset_of(mini)
    assert preview_label(urls.url(urls.event_path(LAUNCH))) == "Event"
    assert preview_label(urls.url(urls.person_path("kim-jong-il"))) == "Person"
    assert preview_label(urls.url(urls.year_path(2000))) == "Year"
    assert preview_label(urls.url(urls.kind_path("visit"))) == "Kind of event"
    assert preview_label(urls.url(urls.era_path("jiang-zemin-kim-jong-il"))) == "Era"
    assert preview_label(urls.url(urls.claim_path("secret-visit-within-two-years"))) == "A claim, checked"
    assert preview_label(urls.url(urls.EVENTS_INDEX)) is None
    assert preview_label(urls.url(urls.TIMELINE)) is None
    assert page_year(dataset, urls.url(urls.event_path(LAUNCH))) == 1998
    assert page_year(dataset, urls.url(urls.event_path(TEST))) == 2006
    assert page_year(dataset, urls.url(urls.year_path(2000))) == 2000
    assert page_year(dataset, urls.url(urls.kind_path("visit"))) is None


def test_mkdocs_yml_leaves_out_of_the_navigation_exactly_the_sections_folders():
    """mkdocs.yml cannot import the registry (Zensical reads it too), so this keeps the two in step."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 (a safe loader)
    assert config["not_in_nav"].split() == [f"/{s.prefix}" for s in SECTIONS]


def test_absolute_addresses_are_made_from_the_sites_address_when_known():
    assert urls.absolute("https://x.org/site/", "events/a/") == "https://x.org/site/events/a/"
    assert urls.absolute("https://x.org/site", "events/a/") == "https://x.org/site/events/a/"
    assert urls.absolute(None, "events/a/") == "events/a/"


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's tags (!ENV, python names) read as nothing: only not_in_nav is wanted."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
