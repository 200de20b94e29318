"""The answer's statistics on small made-up calendars, where every day's wait is known exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from lipsteeth.analyse import statistics
from lipsteeth.data.dataset import Dataset
from lipsteeth.data.dates import PartialDate
from lipsteeth.data.model import Article, Event, Person, Role

SOURCE = [{"url": "https://example.org/x", "publisher": "Example", "title": "A page"}]
START = dt.date(2000, 1, 1)


def event(event_id: str, day: dt.date, kind: str = "visit", **fields) -> Event:
    base = {"id": event_id, "date": day.isoformat(), "kind": kind, "title": event_id, "summary": "s", "sources": SOURCE}
    if kind == "visit":
        base |= {"from": "CN", "to": "KP", "purpose": "working", "level": "ministerial"}
    return Event.model_validate(base | fields)


def calendar_dataset(*events: Event) -> Dataset:
    """One era from 1 January 2000 (a leader on each side) and the given events."""
    leaders = (
        Person(
            id="cn-leader", name="A", country="CN", roles=(Role(title="L", from_=PartialDate.parse("2000-01-01"), leader=True),)
        ),
        Person(
            id="kp-leader", name="B", country="KP", roles=(Role(title="L", from_=PartialDate.parse("2000-01-01"), leader=True),)
        ),
    )
    article = Article(
        title="t", publication="p", published=PartialDate.parse("2016-03"), url="https://example.org", paragraphs=("x",)
    )
    return Dataset(article, events, leaders, ())


def every_tenth_day(days: int = 365, **fields) -> list[Event]:
    """A visit on 1 January 2000 and every tenth day after, for `days` days."""
    return [event(f"v{n}", START + dt.timedelta(n), **fields) for n in range(0, days, 10)]


class TestWaits:
    def test_a_visit_every_ten_days_makes_every_wait_known(self):
        """Waits from the era's days run 10, 9, ..., 1 and again; a test on day 5 waits 5 days, which is
        longer than on 4 days in 10 and equal on 1: the 45th percentile."""
        test = event("test", START + dt.timedelta(105), kind="nuclear-test")
        (wait,) = statistics.waits_after(calendar_dataset(*every_tenth_day(), test))
        assert wait.days == 5 and wait.visit.id == "v110"
        assert sorted(set(wait.baseline.tolist())) == list(range(1, 11))
        assert wait.percentile == pytest.approx(100 * (4 * 36 + 35 / 2) / 359)  # 36 days of each wait, less the test's own
        assert wait.median == 6  # 359 values: the 180th, counting 144 waits under 5 and 35 of 5

    def test_the_test_day_itself_is_left_out_of_its_baseline(self):
        """A test is compared with every *other* day of its era."""
        test = event("test", START + dt.timedelta(105), kind="nuclear-test")
        (wait,) = statistics.waits_after(calendar_dataset(*every_tenth_day(), test))
        assert len(wait.baseline) == 360 - 1  # days 0..359 have a next visit (day 360 is the last visit); minus the test's

    def test_no_visit_after_means_no_wait(self):
        """A test after the last visit has nothing to compare: no wait and no percentile."""
        test = event("test", START + dt.timedelta(400), kind="nuclear-test")
        (wait,) = statistics.waits_after(calendar_dataset(*every_tenth_day(), test))
        assert wait.days is None and wait.percentile is None

    def test_a_visit_known_only_to_the_year_is_not_the_next_visit(self):
        """'2000' could be any day of the year: placed mid-year it would invent a wait. It is left out,
        and listed as left out."""
        test = event("test", START + dt.timedelta(181), kind="nuclear-test")  # 30 June; mid-2000 is 1 July
        vague = event("vague", START, date="2000")
        dataset = calendar_dataset(*every_tenth_day(), test, vague)
        (wait,) = statistics.waits_after(dataset)
        assert wait.visit.id == "v190" and wait.days == 9
        assert statistics.year_only_visits(dataset) == (vague,)
        assert vague not in statistics.qualifying_visits(dataset)

    def test_a_border_closure_is_kept_out_of_every_comparison(self):
        """Days in a closure, and days whose wait runs into it, are not part of the baseline."""
        closure = event(
            "closure", START + dt.timedelta(200), kind="other", end=(START + dt.timedelta(249)).isoformat(), border_closed=True
        )
        test = event("test", START + dt.timedelta(105), kind="nuclear-test")
        visits = [v for v in every_tenth_day() if not 200 <= (v.date.first_day() - START).days < 250]
        (wait,) = statistics.waits_after(calendar_dataset(*visits, closure, test))
        # without the closure's 50 days (200-249) and the 10 days (190-199) whose next visit lies after it
        assert len(wait.baseline) == 360 - 1 - 50 - 10
        assert wait.baseline.max() == 10

    def test_a_test_in_a_closure_or_waiting_into_one_has_no_wait(self):
        """A test on the first day the record compares (1 January 1999), inside a closure, and one just before a
        closure whose next visit lies beyond it: neither is compared; a test well before both is."""
        first = statistics.FIRST_DAY
        closures = [
            event("shut-1999", first, kind="other", end=(first + dt.timedelta(19)).isoformat(), border_closed=True),
            event(
                "shut-2000",
                START + dt.timedelta(200),
                kind="other",
                end=(START + dt.timedelta(249)).isoformat(),
                border_closed=True,
            ),
        ]
        tests = [
            event(name, day, kind="nuclear-test")
            for name, day in (
                ("on-day-one", first),
                ("before-shut", START + dt.timedelta(195)),
                ("plain", START + dt.timedelta(105)),
            )
        ]
        visits = [v for v in every_tenth_day() if not 200 <= (v.date.first_day() - START).days < 250]
        waits = {w.event.id: w for w in statistics.waits_after(calendar_dataset(*visits, *closures, *tests))}
        assert (waits["on-day-one"].visit, waits["on-day-one"].days) == (None, None)
        assert (waits["before-shut"].visit, waits["before-shut"].days) == (None, None)
        assert waits["plain"].days == 5


class TestOverall:
    def test_tests_on_the_slowest_days_are_unusual(self):
        """Six tests each on a day with the longest wait (a visit's own day: 10 days to the next): random
        days do as badly rarely."""
        tests = [event(f"t{n}", START + dt.timedelta(50 * n), kind="nuclear-test") for n in range(6)]
        result = statistics.overall(statistics.waits_after(calendar_dataset(*every_tenth_day(), *tests)))
        assert result.count == 6 and result.above_median == 6
        assert result.mean_percentile == pytest.approx(95.0, abs=1)
        assert result.p_value < 0.01

    def test_tests_on_the_quickest_days_are_not(self):
        """Tests the day before a visit (a wait of 1): nothing unusual, p close to 1."""
        tests = [event(f"t{n}", START + dt.timedelta(9 + 50 * n), kind="nuclear-test") for n in range(6)]
        result = statistics.overall(statistics.waits_after(calendar_dataset(*every_tenth_day(), *tests)))
        assert result.above_median == 0 and result.p_value > 0.99

    def test_the_same_draws_every_time(self):
        """A fixed seed: two runs give the same p-value; another seed gives a nearby one."""
        tests = [event(f"t{n}", START + dt.timedelta(5 + 50 * n), kind="nuclear-test") for n in range(3)]
        waits = statistics.waits_after(calendar_dataset(*every_tenth_day(), *tests))
        assert statistics.overall(waits).p_value == statistics.overall(waits).p_value
        assert statistics.overall(waits, seed=1).p_value == pytest.approx(statistics.overall(waits).p_value, abs=0.05)


class TestTiersAndSilences:
    def test_a_tier_counts_only_its_visits(self):
        """Leaders visit every 30 days (from day 5), ministers every 10: from day 100 the next visit is
        10 days away, the next leader's 25."""
        leaders = [event(f"l{n}", START + dt.timedelta(n), level="leader", purpose="summit") for n in range(5, 365, 30)]
        test = event("test", START + dt.timedelta(100), kind="nuclear-test")
        dataset = calendar_dataset(*every_tenth_day(), *leaders, test)
        results = {r.tier.id: r for r in statistics.sensitivity(dataset)}
        assert results["all"].waits[0].days == 10
        assert results["leaders"].waits[0].days == 25 and results["leaders"].visits == len(leaders)
        assert results["top"].visits == len(leaders)

    def test_envoys_can_be_left_out(self):
        """Without special envoys, the envoy who came first after the test no longer counts."""
        envoy = event("envoy", START + dt.timedelta(102), purpose="special-envoy")
        test = event("test", START + dt.timedelta(100), kind="nuclear-test")
        dataset = calendar_dataset(*every_tenth_day(), envoy, test)
        results = {r.tier.id: r for r in statistics.sensitivity(dataset)}
        assert results["all"].waits[0].visit.id == "envoy"
        assert results["all-no-envoys"].waits[0].visit.id == "v110"
        assert statistics.envoys(dataset).envoys_first_after_tests == 1

    def test_silences_longest_first_with_the_tests_inside(self):
        """Visits on days 0, 10 and 40: silences of 10 and 30 days, the longer holding the test."""
        visits = [event(f"v{d}", START + dt.timedelta(d)) for d in (0, 10, 40)]
        test = event("test", START + dt.timedelta(25), kind="nuclear-test")
        found = statistics.silences(calendar_dataset(*visits, test))
        assert [(s.days, [t.id for t in s.tests]) for s in found] == [(30, ["test"]), (10, [])]

    def test_the_silence_around_a_random_day_is_weighted_by_length(self):
        """Silences of 10, 10 and 100 days: the median silence is 10, but a random day most likely
        falls in the long one."""
        visits = [event(f"v{d}", START + dt.timedelta(d)) for d in (0, 10, 20, 120)]
        summary = statistics.silence_summary(statistics.silences(calendar_dataset(*visits)))
        assert summary.median_all == 10 and summary.median_around_a_day == 100


@pytest.mark.parametrize(
    ("value", "baseline", "expected"),
    [
        (3, [1, 2, 3, 4], 62.5),  # below 2 of 4, equal to 1
        (3, [4, 3, 2, 1], 62.5),  # the baseline's order does not matter
        (3, [3, 3, 3, 3], 50.0),  # a tie with every day: a typical day
        (0, [1, 2, 3, 4], 0.0),
        (5, [1, 2, 3, 4], 100.0),
        (2, [1, 2, 2, 4], 50.0),  # below 1, equal to 2 (each counting half)
        (0.25, [-0.5, 0.25, 0.5], 50.0),  # fractions, as trade's changes are
    ],
)
def test_percentile_of_counts_ties_half(value, baseline, expected):
    assert statistics.percentile_of(value, np.array(baseline)) == expected


def test_percentile_of_an_empty_baseline_is_none():
    assert statistics.percentile_of(3, np.array([], dtype=int)) is None


def test_percentile_ranks_place_many_values_at_once_as_percentile_of_does_one():
    """The permutation tests rank every day of a baseline within itself: the same ranks, one call."""
    baseline = np.array([5, 1, 3, 3, 9, 1])
    ranks = statistics.percentile_ranks(baseline, baseline)
    assert list(ranks) == [statistics.percentile_of(v, baseline) for v in baseline]
    assert list(ranks) == [100 * 4.5 / 6, 100 * 1 / 6, 100 * 3 / 6, 100 * 3 / 6, 100 * 5.5 / 6, 100 * 1 / 6]


def test_year_only_visits_are_those_from_the_first_compared_year_on():
    """A visit known only as '1999' (the first compared year) is named as left out; one in 1998 is before the
    comparison anyway; a visit known to the day is compared. A record without visits has none to name."""
    in_1999 = Event.model_validate(
        {"id": "v1999", "date": "1999", "kind": "visit", "title": "t", "summary": "s", "sources": SOURCE}
        | {"from": "CN", "to": "KP", "purpose": "working", "level": "ministerial"}
    )
    in_1998 = in_1999.model_copy(update={"id": "v1998", "date": PartialDate.parse("1998")})
    dated = event("dated", dt.date(2000, 3, 1))
    assert statistics.year_only_visits(calendar_dataset(in_1998, in_1999, dated)) == (in_1999,)
    assert statistics.year_only_visits(calendar_dataset(event("launch", dt.date(2000, 3, 1), kind="missile-launch"))) == ()


def test_silences_at_their_edges():
    """Visits on days 0, 10, 40, 40 (twice), 100, 101 and 130. A test or launch on a visit's own day is in no
    silence; two visits on one day make no silence; a closure touching a silence only at its edge does not
    mark it, one inside it does. The summary leaves out closure silences."""

    def on(days: int) -> dt.date:
        return START + dt.timedelta(days)

    visits = [event(name, on(d)) for name, d in (("v0", 0), ("v10", 10), ("v40", 40), ("v40b", 40), ("v100", 100))]
    visits += [event("v101", on(101)), event("v130", on(130))]
    tests = [event(f"t{d}", on(d), kind="nuclear-test") for d in (10, 25, 40)]
    launches = [event(f"l{d}", on(d), kind="missile-launch") for d in (0, 39, 130)]
    closures = [
        event(name, on(first), kind="other", end=on(last).isoformat(), border_closed=True)
        for name, first, last in (("inside", 60, 70), ("ends-at-10", 5, 10), ("starts-at-130", 130, 135))
    ]
    found = statistics.silences(calendar_dataset(*visits, *tests, *launches, *closures))
    assert [(s.after.id, s.before.id, s.days, [t.id for t in s.tests], [e.id for e in s.launches], s.closure) for s in found] == [
        ("v40b", "v100", 60, [], [], True),
        ("v10", "v40", 30, ["t25"], ["l39"], False),
        ("v101", "v130", 29, [], [], False),
        ("v0", "v10", 10, [], [], True),
        ("v100", "v101", 1, [], [], False),
    ]
    summary = statistics.silence_summary(found)
    assert (summary.median_all, summary.median_with_tests, summary.with_tests, summary.without_tests) == (29, 30, 1, 2)
    assert statistics.silence_summary(found[2:3]).median_with_tests is None


def test_the_conventions_as_the_page_states_them():
    """The next visit starts strictly after the day (a visit on the test's own day is not its next
    visit), and a baseline day with the same wait counts half: the page says both."""
    from lipsteeth.render.analysis import analysis_page

    same_day = event("test", START + dt.timedelta(100), kind="nuclear-test")  # v100 is that day
    dataset = calendar_dataset(*every_tenth_day(), same_day)
    (wait,) = statistics.waits_after(dataset)
    assert wait.visit.id == "v110" and wait.days == 10
    below = np.count_nonzero(wait.baseline < 10)
    equal = np.count_nonzero(wait.baseline == 10)
    assert wait.percentile == pytest.approx(100 * (below + equal / 2) / len(wait.baseline))
    from lipsteeth.analyse.answer import answer
    from lipsteeth.analyse.claims import check_all

    page = analysis_page(dataset, answer(dataset, check_all(dataset)), "")
    assert "counting only visits that start strictly after the day (a visit on the day itself is not its next visit)" in page
    assert "the share of the era's days with a shorter wait, days with an equal wait counting half" in page


class TestWhatTheAnalysisPageStates:
    """The numbers the analysis page prints are worked out here, once, and handed down in the answer."""

    def test_the_shortest_and_longest_wait_after_a_test(self):
        tests = [event(f"t{n}", START + dt.timedelta(day), kind="nuclear-test") for n, day in enumerate((101, 105, 109))]
        found = statistics.wait_range(statistics.waits_after(calendar_dataset(*every_tenth_day(), *tests)))
        assert (found.followed, found.shortest.event.id, found.shortest.days, found.longest.event.id, found.longest.days) == (
            3,
            "t2",
            1,
            "t0",
            9,
        )

    def test_no_wait_range_before_any_visit_follows_a_test(self):
        late = event("late", START + dt.timedelta(400), kind="nuclear-test")
        assert statistics.wait_range(statistics.waits_after(calendar_dataset(*every_tenth_day(), late))) is None

    def test_a_closure_counts_the_visits_that_start_inside_it(self):
        closure = event(
            "closure", START + dt.timedelta(200), kind="other", end=(START + dt.timedelta(249)).isoformat(), border_closed=True
        )
        (found,) = statistics.closures_with_visits(calendar_dataset(*every_tenth_day(), closure))
        assert (found.event.id, found.visits) == ("closure", 5)  # days 200, 210, ..., 240

    def test_the_median_silence_with_tests_is_compared_with_any_day(self):
        summary = statistics.SilenceSummary(
            median_all=57.5, median_around_a_day=167.0, median_with_tests=179.0, with_tests=5, without_tests=83
        )
        assert summary.longer_with_tests == 12.0
        assert dataclasses.replace(summary, median_with_tests=None).longer_with_tests is None


def test_visits_per_year_give_a_row_to_every_complete_year_even_without_visits():
    """From the year the record is complete, a year without visits is a finding: it gets a row, without a page."""
    from lipsteeth.analyse import chronology

    visits = [
        event("v1998", dt.date(1998, 5, 1), **{"from": "KP", "to": "CN"}),
        event("v2001", dt.date(2001, 5, 1)),
        event("w2001", dt.date(2001, 6, 1)),
    ]
    rows = chronology.visits_per_year(calendar_dataset(*visits))
    assert [(r.year, r.to_north_korea, r.to_china, r.has_page) for r in rows] == [
        (1998, 0, 1, True),
        (1999, 0, 0, False),
        (2000, 0, 0, False),
        (2001, 2, 0, True),
    ]
    assert rows[0].eras == () and rows[-1].eras == ("A and B, 2000–today",)


def test_the_analysis_page_prints_what_the_answer_holds():
    """The page works out no number of its own: rows planted in the answer are the rows it prints."""
    from lipsteeth.analyse import chronology
    from lipsteeth.analyse.answer import answer
    from lipsteeth.analyse.claims import check_all
    from lipsteeth.render.analysis import analysis_page

    closure = event("closure", START + dt.timedelta(200), kind="other", end="2000-12-31", border_closed=True)
    dataset = calendar_dataset(*every_tenth_day(), closure)
    found = answer(dataset, check_all(dataset))
    assert found.closed == (statistics.Closure(closure, 17),)
    planted = dataclasses.replace(
        found, per_year=(chronology.VisitYear(2000, 7, 3, ("An era",), False),), closed=(statistics.Closure(closure, 9),)
    )
    page = analysis_page(dataset, planted, "")
    assert "| 2000 | 7 | 3 | An era |" in page
    assert "from 19 July 2000 to 31 December 2000, nine visits in the record." in page
