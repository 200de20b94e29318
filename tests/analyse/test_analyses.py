"""The record in time order (analyse.chronology: gaps, neighbours) and its leaders' eras (analyse.leadership)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from lipsteeth.analyse import chronology, leadership
from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.dataset import Dataset
from lipsteeth.data.dates import PartialDate
from lipsteeth.data.model import Article, Person, Role
from lipsteeth.data.validate import load_dataset
from lipsteeth.render import pages
from lipsteeth.site import plan_for

from ..conftest import LAUNCH, ROOT, TEST, VISIT, dataset_of

DRAWINGS = {name: "<svg></svg>" for name in CHARTS}


# Leader terms for the sweep's test: country, person (of four per country), start, optional length in days.
_TERM = st.tuples(
    st.sampled_from(["CN", "KP"]),
    st.integers(0, 3),
    st.dates(dt.date(1950, 1, 1), dt.date(1960, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
    st.one_of(st.none(), st.tuples(st.integers(0, 800), st.sampled_from(["day", "month", "year"]))),
)


def _leaders_dataset(terms) -> Dataset:
    roles: dict[tuple[str, int], list[Role]] = {}
    for country, who, start, precision, ending in terms:
        end = None
        if ending is not None:  # a date of the given precision on or after the start's last day
            last = _partial(start, precision).last_day() + dt.timedelta(days=ending[0])
            end = _partial(last, ending[1])
            end = end if end.first_day() >= _partial(start, precision).last_day() else _partial(last, "day")
        roles.setdefault((country, who), []).append(Role(title="Leader", from_=_partial(start, precision), to=end, leader=True))
    people = tuple(
        Person(id=f"{country.lower()}-leader-{who}", name=f"Leader {who}", country=country, roles=tuple(found))
        for (country, who), found in roles.items()
    )
    article = Article(title="t", publication="p", published=PartialDate(2000), url="https://example.org/", paragraphs=("x",))
    return Dataset(article, (), people, ())


def _partial(day: dt.date, precision: str) -> PartialDate:
    return PartialDate(day.year, None if precision == "year" else day.month, day.day if precision == "day" else None)


def _plain_eras(data: Dataset) -> list[tuple]:
    """The eras by the rule as first written: for each start, scan every term for the holder and the end."""
    terms = {c: [(p, r.from_, r.to) for p in data.people if p.country == c for r in p.roles if r.leader] for c in ("CN", "KP")}
    cuts = sorted({start for _, start, _ in terms["CN"] + terms["KP"]}, key=PartialDate.sort_key)

    def holder(found, date):
        day = date.first_day()
        current = [(s.first_day(), p) for p, s, e in found if s.first_day() <= day and (e is None or day < e.first_day())]
        return max(current, key=lambda pair: pair[0])[1] if current else None

    result: list[list] = []
    for index, start in enumerate(cuts):
        following = cuts[index + 1] if index + 1 < len(cuts) else None
        pair = (holder(terms["CN"], start), holder(terms["KP"], start))
        if not all(pair):
            continue
        ends = [e for p, _, e in terms["CN"] + terms["KP"] if p in pair and e is not None and e.first_day() > start.first_day()]
        candidates = [d for d in [following, *ends] if d is not None]
        end = min(candidates, key=lambda d: d.first_day()) if candidates else None
        if result and (result[-1][1], result[-1][2]) == (pair[0].id, pair[1].id):
            result[-1][4] = end
        else:
            taken = {era[0] for era in result}
            era_id = base = f"{pair[0].id}-{pair[1].id}"
            if era_id in taken:
                era_id = base = f"{base}-{start.year}"
            count = 2
            while era_id in taken:
                era_id, count = f"{base}-{count}", count + 1
            result.append([era_id, pair[0].id, pair[1].id, start, end])
    return [tuple(era) for era in result]


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


class TestEras:
    def test_one_era_per_pair_of_leaders(self, mini):
        """Jiang Zemin and Kim Jong-il from 1994 to 2002, from their leader roles."""
        eras = leadership.eras(dataset_of(mini))
        assert [(e.id, e.start.iso(), e.end.iso()) for e in eras] == [("jiang-zemin-kim-jong-il", "1994-07-08", "2002-11-15")]

    def test_overlapping_terms_give_the_later_leader(self, mini):
        """When sources let two terms overlap, the one who took office last leads; no era repeats."""
        mini.replace(
            "people.yaml",
            "  - id: jiang-zemin\n",
            "  - id: deng-xiaoping\n    name: Deng Xiaoping\n    country: CN\n    roles:\n"
            "      - title: Paramount leader\n        from: 1978-12\n        to: 1997-02-19\n        leader: true\n\n"
            "  - id: jiang-zemin\n",
        )
        eras = leadership.eras(dataset_of(mini))
        assert [e.id for e in eras] == ["jiang-zemin-kim-jong-il"]
        assert next(e for e in eras if e.contains(dataset_of(mini).event_by_id[VISIT].date)).china.id == "jiang-zemin"

    def test_a_pair_that_returns_gets_a_page_of_its_own(self, mini):
        """Jiang Zemin leads twice around another leader: the two Jiang–Kim eras get distinct ids, so
        neither page replaces the other."""
        mini.replace(
            "people.yaml",
            "      - title: General Secretary of the Communist Party of China\n        from: 1989-06-24\n        to: 2002-11-15\n",
            "      - title: General Secretary of the Communist Party of China\n        from: 1989-06-24\n        to: 1995-01-01\n"
            "        leader: true\n      - title: General Secretary again\n        from: 1997-01-01\n        to: 2002-11-15\n",
        )
        mini.replace(
            "people.yaml",
            "  - id: jiang-zemin\n",
            "  - id: someone-else\n    name: Someone Else\n    country: CN\n    roles:\n      - title: Leader\n"
            "        from: 1995-01-01\n        to: 1997-01-01\n        leader: true\n\n  - id: jiang-zemin\n",
        )
        eras = leadership.eras(dataset_of(mini))
        assert [e.id for e in eras] == ["jiang-zemin-kim-jong-il", "someone-else-kim-jong-il", "jiang-zemin-kim-jong-il-1997"]
        plan = plan_for(dataset_of(mini), drawings=DRAWINGS)
        assert {f"eras/{e.id}.md" for e in eras} <= set(plan)

    def test_eras_are_worked_out_once_per_dataset(self, mini):
        """Pages, charts and statistics ask for the eras about 21 times a build: the same result is handed back."""
        data = dataset_of(mini)
        assert leadership.eras(data) is leadership.eras(data)
        assert leadership.eras(dataset_of(mini)) == leadership.eras(data)  # a new dataset works them out afresh

    @given(terms=st.lists(_TERM, min_size=0, max_size=12))
    @settings(max_examples=150, deadline=None)
    def test_the_sweep_gives_the_eras_of_the_quadratic_rule(self, terms):
        """The eras from one sorted sweep equal those of the rule written plainly (each cut, every term: the
        O(n²) version that took a build of 4,000 leader roles to 145 s), overlaps, ties and gaps included."""
        data = _leaders_dataset(terms)
        assert [(e.id, e.china.id, e.korea.id, e.start, e.end) for e in leadership.eras(data)] == _plain_eras(data)


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
        import datetime as dt

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
