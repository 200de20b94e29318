"""The record in time order (analyse.chronology): gaps, neighbours, lookups and counts."""

from __future__ import annotations

import datetime as dt

from lipsteeth.analyse import chronology, leadership
from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.validate import load_dataset
from lipsteeth.render import pages

from ..conftest import LAUNCH, ROOT, TEST, VISIT, dataset_of

DRAWINGS = {name: "<svg></svg>" for name in CHARTS}


class TestGap:
    def test_days_from_the_end_of_one_to_the_start_of_the_next(self, mini):
        """The visit ended 31 May 2000; the test was 9 October 2006: 2,322 days, exactly."""
        data = dataset_of(mini)
        gap = chronology.gap(data.event_by_id[VISIT], data.event_by_id[TEST])
        assert (gap.days, gap.approximate, gap.human()) == (2322, False, "2,322 days")

    def test_imprecise_dates_give_an_approximate_gap(self, mini):
        """A month-precision date is measured from its middle and marked 'about'."""
        mini.replace("events/events.yaml", "date: 2006-10-09", "date: 2006-10")
        data = dataset_of(mini)
        gap = chronology.gap(data.event_by_id[VISIT], data.event_by_id[TEST])
        assert gap.approximate and gap.human().startswith("about ")

    def test_an_imprecise_earlier_date_is_measured_from_its_middle(self, mini):
        """From a visit known only to May 2000 (middle: 16 May) to 9 October 2006: about 2,337 days,
        not 2,352 (from 1 May) or 2,322 (from 31 May)."""
        mini.replace("events/events.yaml", "date: 2000-05-29\n    end: 2000-05-31", "date: 2000-05")
        data = dataset_of(mini)
        gap = chronology.gap(data.event_by_id[VISIT], data.event_by_id[TEST])
        assert (gap.days, gap.approximate, gap.human()) == (2337, True, "about 2,337 days")

    def test_an_event_inside_the_month_of_the_one_before_has_no_count_of_days(self, mini):
        """A visit known only to October 2006, then the test of 9 October: no day count can be known,
        so none is given (it once read 'about 6 days later' for an event that may have come after)."""
        mini.replace("events/events.yaml", "date: 2000-05-29\n    end: 2000-05-31", "date: 2006-10")
        mini.rename(VISIT, "2006-10-kim-jong-il-visits-china")  # an id starts with its event's year
        mini.put_in_date_order("events/events.yaml")
        data = dataset_of(mini)
        gap = chronology.gap(data.event_by_id["2006-10-kim-jong-il-visits-china"], data.event_by_id[TEST])
        assert (gap.within, gap.human()) == ("month", "within the same month")

    def test_an_event_during_a_long_one_is_counted_from_its_start(self, mini):
        """A visit from 29 May 2000 to 1 January 2007 contains the test of 9 October 2006: 2,324 days
        after it began (from its end, the old count, would run backwards)."""
        mini.replace("events/events.yaml", "end: 2000-05-31", "end: 2007-01-01")
        data = dataset_of(mini)
        gap = chronology.gap(data.event_by_id[VISIT], data.event_by_id[TEST])
        assert (gap.days, gap.during, gap.human()) == (2324, True, "2,324 days")
        page = pages.event_page(data, data.event_by_id[VISIT])
        assert "2,324 days after this began" in page


class TestNeighbours:
    def test_previous_and_next_overall_and_of_the_same_kind(self, mini):
        """The visit sits between the launch and the test; it is the only visit."""
        data = dataset_of(mini)
        visit = data.event_by_id[VISIT]
        assert chronology.previous_and_next(data, visit) == (data.event_by_id[LAUNCH], data.event_by_id[TEST])
        assert chronology.previous_and_next(data, visit, "visit") == (None, None)

    def test_nearest_nuclear_test_and_next_visit(self, mini):
        """From the launch, the nearest test after is the 2006 test; after the test there is no visit."""
        data = dataset_of(mini)
        assert chronology.nearest_of_kind(data, data.event_by_id[LAUNCH], "nuclear-test") == (None, data.event_by_id[TEST])
        assert chronology.next_visit(data, data.event_by_id[LAUNCH]) == data.event_by_id[VISIT]
        assert chronology.next_visit(data, data.event_by_id[TEST]) is None


class TestLookups:
    def test_a_person_named_twice_in_an_event_has_it_once(self, mini):
        """An editor's slip (the same id twice in `people`) must not count the event twice for that person."""
        mini.replace(
            "events/events.yaml", "people: [kim-jong-il, jiang-zemin]", "people: [kim-jong-il, jiang-zemin, kim-jong-il]"
        )
        data = dataset_of(mini)
        assert chronology.events_of_person(data, "kim-jong-il") == (data.event_by_id[VISIT],)
        assert chronology.travel_counts(data, data.person_by_id["kim-jong-il"]) == {"led": 1, "joined": 0, "received": 0}

    def test_person_and_year_lookups_match_a_scan_of_the_record(self):
        """The indexes behind person and year pages give what a scan of every event gives, in order."""
        data = load_dataset(ROOT / "data")
        for person in data.people:
            assert chronology.events_of_person(data, person.id) == tuple(e for e in data.events if person.id in e.people)
        assert chronology.years(data) == sorted({e.date.year for e in data.events})
        for year in chronology.years(data):
            assert chronology.events_in_year(data, year) == tuple(e for e in data.events if e.date.year == year)
        assert chronology.events_in_year(data, 1066) == () and chronology.events_of_person(data, "nobody") == ()

    def test_visits_led_are_counted_apart_from_those_a_leader_only_sent(self):
        """Hu Jintao went to North Korea once (2005); the envoys he sent are counted separately.
        Xi Jinping went twice (2008 as vice president, 2019); Kim Jong-un went to China five times."""
        data = load_dataset(ROOT / "data")
        hu = chronology.travel_counts(data, data.person_by_id["hu-jintao"])
        assert hu["led"] == 1 and hu["joined"] >= 10 and hu["received"] >= 4
        assert chronology.travel_counts(data, data.person_by_id["xi-jinping"])["led"] == 2
        assert chronology.travel_counts(data, data.person_by_id["kim-jong-un"])["led"] == 5


class TestCounts:
    """Small lookups the pages and the benchmark rely on, each checked against a hand count of the fixture."""

    def test_visits_are_the_visits_from_a_year_on(self, mini):
        """The fixture has one visit (2000); counted from 2000 it is there, from 2001 it is not."""
        data = dataset_of(mini)
        visit = data.event_by_id[VISIT]
        assert chronology.visits(data) == (visit,)
        assert chronology.visits(data, 2000) == (visit,)
        assert chronology.visits(data, 2001) == ()

    def test_of_kind_and_kind_counts(self, mini):
        data = dataset_of(mini)
        assert chronology.of_kind(data, "nuclear-test") == (data.event_by_id[TEST],)
        assert chronology.of_kind(data, "treaty") == ()
        # In the vocabulary's order (visits first), not the record's (the launch comes first there).
        assert list(chronology.kind_counts(data.events).items()) == [("visit", 1), ("nuclear-test", 1), ("missile-launch", 1)]
        assert chronology.kind_counts(data.events + (data.event_by_id[TEST],)) == {
            "visit": 1,
            "nuclear-test": 2,
            "missile-launch": 1,
        }
        assert chronology.kind_counts(()) == {}

    def test_median_gap_between_visits(self, mini):
        """Visits on 29–31 May 2000, 10 June 2000 and 30 June 2000: gaps of 10 and 20 days, median 15."""
        mini.write("events/events.yaml", mini.file("events/events.yaml").read_text() + SECOND_AND_THIRD_VISITS)
        mini.put_in_date_order("events/events.yaml")
        data = dataset_of(mini)
        assert chronology.median_gap_between_visits(data) == 15
        assert chronology.median_gap_between_visits(data, since_year=2001) is None

    def test_an_era_overlaps_a_year_only_where_it_has_days_in_it(self, mini):
        """Jiang–Kim runs from 8 July 1994 to 15 November 2002: it overlaps 1994 and 2002, not 1993 or 2003."""

        (era,) = leadership.eras(dataset_of(mini))

        def overlaps(year: int) -> bool:
            return era.overlaps(dt.date(year, 1, 1), dt.date(year, 12, 31))

        assert [overlaps(y) for y in (1993, 1994, 2002, 2003)] == [False, True, True, False]
        # At its edges: its first day belongs to it, the day its successor takes over does not.
        start, end = era.start.first_day(), era.end.first_day()
        assert era.overlaps(start, start) and era.overlaps(start - dt.timedelta(days=9), start)
        assert not era.overlaps(start - dt.timedelta(days=9), start - dt.timedelta(days=1))
        assert not era.overlaps(end, end) and era.overlaps(end - dt.timedelta(days=1), end)


SECOND_AND_THIRD_VISITS = "".join(
    f"""
  - id: 2000-06-visit-{day}
    date: 2000-06-{day}
    kind: visit
    title: A visit in June
    summary: A visit.
    people: [jiang-zemin]
    from: CN
    to: KP
    purpose: working
    level: ministerial
    sources:
      - url: https://example.org/june-{day}
        publisher: Example News
        title: June visit
"""
    for day in ("10", "30")
)
