"""What the comparison can detect and how its answer depends on choices, on small made-up calendars."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from lipsteeth.analyse import robustness, statistics
from lipsteeth.wording import ordinal

from .test_statistics import START, calendar_dataset, event, every_tenth_day


def nuclear_tests_every(step: int, count: int, offset: int) -> list:
    return [event(f"t{n}", START + dt.timedelta(offset + step * n), kind="nuclear-test") for n in range(count)]


class TestPower:
    def test_the_threshold_is_where_the_permutation_p_value_crosses_five_in_a_hundred(self):
        """The threshold comes from the same draws as the test: just above it p < 0.05, a tenth below it not."""
        waits = statistics.waits_after(calendar_dataset(*every_tenth_day(), *nuclear_tests_every(50, 6, 5)))
        threshold = robustness.power_threshold(waits)
        null = statistics.null_means(waits)
        assert statistics.p_value_of(threshold, null) < 0.05 <= statistics.p_value_of(threshold - 0.1, null)

    def test_fewer_tests_need_a_higher_mean(self):
        """Two tests can reach p < 0.05 only with waits further out than six need."""
        six = statistics.waits_after(calendar_dataset(*every_tenth_day(), *nuclear_tests_every(50, 6, 5)))
        two = statistics.waits_after(calendar_dataset(*every_tenth_day(), *nuclear_tests_every(50, 2, 5)))
        assert robustness.power_threshold(two) > robustness.power_threshold(six) > 50

    def test_no_test_no_threshold(self):
        assert robustness.power_threshold(statistics.waits_after(calendar_dataset(*every_tenth_day()))) is None


class TestFamily:
    def test_identical_tiers_are_one_chance(self):
        """Every visit a leader's working visit: the six tiers are the same tier, so at least one reaches
        p <= 0.05 about as often as one does alone."""
        visits = every_tenth_day(level="leader")
        family = robustness.family_chance(calendar_dataset(*visits, *nuclear_tests_every(50, 6, 5)), draws=4000)
        assert family.tiers == 6
        assert family.chance_any == pytest.approx(0.05, abs=0.02)

    def test_different_tiers_add_chances(self):
        """Leaders on their own schedule, envoys on another: the tiers differ, so the chance that one of them
        looks unusual by luck is larger than one tier's."""
        ministers = every_tenth_day()
        leaders = [event(f"l{n}", START + dt.timedelta(n), level="leader", purpose="summit") for n in range(3, 365, 37)]
        envoys = [event(f"e{n}", START + dt.timedelta(n), purpose="special-envoy") for n in range(7, 365, 23)]
        dataset = calendar_dataset(*ministers, *leaders, *envoys, *nuclear_tests_every(50, 6, 5))
        family = robustness.family_chance(dataset, draws=4000)
        assert family.chance_any > 0.07


class TestVariants:
    def test_local_and_pooled_baselines_on_an_even_calendar_agree_with_the_era(self):
        """A visit every ten days for three years, tests in the middle one: every window around them looks
        like the era, so the percentiles agree."""
        dataset = calendar_dataset(*every_tenth_day(days=1100), *nuclear_tests_every(50, 3, 405))
        waits = statistics.waits_after(dataset)
        era = statistics.overall(waits).mean_percentile
        found = {v.label: v.overall for v in robustness.baselines(dataset, waits)}
        local = found["Days within 1 year either side of each test"]
        assert local.count == 3 and local.mean_percentile == pytest.approx(era, abs=3)

    def test_the_calendar_matched_baseline_takes_the_same_weeks_of_other_years(self):
        """A test on 10 April 2001: the days within 14 days of 10 April in 1999, 2000 and 2002, not 2001's."""
        dataset = calendar_dataset(*every_tenth_day(days=1180))
        days_of = statistics.calendar(dataset)
        index = robustness._same_weeks(days_of, event("t", dt.date(2001, 4, 10), kind="nuclear-test"))
        dates = [dt.date.fromordinal(int(i) + days_of.first) for i in index]
        assert sorted({d.year for d in dates}) == [1999, 2000, 2002] and len(dates) == 3 * 29
        assert all(abs((d - dt.date(d.year, 4, 10)).days) <= 14 for d in dates)

    def test_each_test_is_left_out_in_turn(self):
        """Three tests, three rows of two; the row without the slow test is quicker."""
        slow = event("slow", START + dt.timedelta(100), kind="nuclear-test")  # a visit's day: wait 10
        quick = [event(f"q{n}", START + dt.timedelta(159 + 50 * n), kind="nuclear-test") for n in range(2)]  # wait 1
        waits = statistics.waits_after(calendar_dataset(*every_tenth_day(), slow, *quick))
        rows = robustness.left_out(waits)
        assert [r.label for r in rows] == ["Leaving out 10 April 2000", "Leaving out 8 June 2000", "Leaving out 28 July 2000"]
        assert all(r.overall.count == 2 for r in rows)
        assert rows[0].overall.mean_percentile < rows[1].overall.mean_percentile

    def test_the_count_measure_sees_fewer_visits_as_the_slow_side(self):
        """Visits every ten days for the first half of the year, then none: a test in the empty half has
        fewer visits in the 180 days after it than most days, a high percentile."""
        visits = [
            v
            for v in every_tenth_day(days=600)
            if (v.date.first_day() - START).days < 180 or (v.date.first_day() - START).days > 420
        ]
        late = event("late", START + dt.timedelta(200), kind="nuclear-test")
        dataset = calendar_dataset(*visits, late)
        counted = robustness.count_measure(dataset, statistics.waits_after(dataset), 180)
        assert counted.overall.count == 1 and counted.overall.mean_percentile > 75

    def test_windows_that_run_past_the_record_are_not_compared(self):
        """The last visit is the record's last event: no window of 365 days after a day in its last year fits."""
        first, counts, comparable = robustness.visits_within(calendar_dataset(*every_tenth_day()), 365)
        last = max(v.date.first_day() for v in every_tenth_day()).toordinal()
        assert not comparable[last - 365 - first + 1 :].any() and comparable[: last - 365 - first + 1].all()
        assert counts[START.toordinal() - first - 1] == 37  # from the day before the first visit: every visit in a year


class TestCoding:
    def congress(self, day: int):
        return event("2000-01-cpc-16th-national-congress", START + dt.timedelta(day), kind="leadership")

    def test_a_briefing_is_the_first_visit_to_pyongyang_soon_after_a_congress(self):
        visits = every_tenth_day()
        found = robustness.briefings(calendar_dataset(*visits, self.congress(95)))
        assert [b.id for b in found] == ["v100"]
        assert robustness.briefings(calendar_dataset(*visits)) == ()

    def test_the_alternative_reads_working_briefings_as_envoys(self):
        """The briefing came first after the test: read as an envoy's, the tier without envoys waits ten days more."""
        dataset = calendar_dataset(
            *every_tenth_day(), self.congress(95), event("test", START + dt.timedelta(99), kind="nuclear-test")
        )
        found = robustness.recoded(dataset)
        assert found.alternative_envoys and found.coded_as_envoys == 0
        routine = next(t for t in found.tiers if t.tier.id == "all-no-envoys")
        assert routine.waits[0].visit.id == "v110" and routine.waits[0].days == 11

    def test_the_alternative_reads_envoy_briefings_as_working(self):
        """Coded as an envoy's, the briefing is read the other way: working, so it counts without envoys."""
        visits = [v if v.id != "v100" else v.model_copy(update={"purpose": "special-envoy"}) for v in every_tenth_day()]
        dataset = calendar_dataset(*visits, self.congress(95), event("test", START + dt.timedelta(99), kind="nuclear-test"))
        found = robustness.recoded(dataset)
        assert not found.alternative_envoys and found.coded_as_envoys == 1
        routine = next(t for t in found.tiers if t.tier.id == "all-no-envoys")
        assert routine.waits[0].visit.id == "v100"


class TestSilences:
    def test_a_silence_that_began_soon_after_a_test_says_so(self):
        """Visits on days 0, 100 and 500; a test on day 50: the 400-day silence began 50 days after it."""
        visits = [event(f"v{d}", START + dt.timedelta(d)) for d in (0, 100, 500)]
        test = event("test", START + dt.timedelta(50), kind="nuclear-test")
        found = {s.days: s for s in statistics.silences(calendar_dataset(*visits, test))}
        assert [t.id for t in found[400].soon_after] == ["test"] and found[400].tests == ()
        assert found[100].soon_after == () and [t.id for t in found[100].tests] == ["test"]
        summary = statistics.silence_summary(tuple(found.values()))
        assert (summary.soon_after_tests, summary.median_soon_after_tests) == (1, 400)

    def test_a_silence_that_holds_a_known_gap_is_flagged(self):
        """The method's list holds visits of May and October 2002: a silence over 2002 holds both, one
        ending in mid-2002 may hold the first."""
        whole = [event("a", dt.date(2001, 9, 1)), event("b", dt.date(2003, 7, 1))]
        (silence,) = statistics.silences(calendar_dataset(*whole))
        assert [(g.visit, inside) for g, inside in silence.gaps] == [
            ("Jia Qinglin's visit of May 2002", True),
            ("Yang Hyong-sop's visit of October 2002", True),
        ]
        part = [event("a", dt.date(2001, 9, 1)), event("b", dt.date(2002, 5, 15))]
        (silence,) = statistics.silences(calendar_dataset(*part))
        assert [(g.visit, inside) for g, inside in silence.gaps] == [("Jia Qinglin's visit of May 2002", False)]


def test_the_real_record_matches_the_figures_the_issue_quotes():
    """On the record as it stands: the power threshold near the 70th percentile and the tiers' joint
    chance near 0.13 (the figures a reader recomputed independently)."""
    from lipsteeth.data.validate import load_dataset

    from ..conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    found = robustness.robustness(dataset, statistics.waits_after(dataset))
    assert ordinal(found.power) == "70th"
    assert found.family.chance_any == pytest.approx(0.13, abs=0.02)
    assert np.isfinite([v.overall.mean_percentile for v in found.variants]).all()


def test_each_wait_s_own_ranks_are_worked_out_once_however_many_comparisons_draw_from_them(monkeypatch):
    """Leaving each test out in turn ran the permutation test once per test, and each run ranked
    every remaining test's baseline again: now each baseline is ranked once, with the same draws."""
    from lipsteeth.data.validate import load_dataset

    from ..conftest import ROOT

    waits = statistics.waits_after(load_dataset(ROOT / "data"))
    scored = statistics.scored(waits)
    assert len(scored) >= 3
    expected = [v.overall for v in robustness.left_out(tuple(statistics.waits_after(load_dataset(ROOT / "data"))))]
    calls = []
    real_ranks = statistics.percentile_ranks
    monkeypatch.setattr(statistics, "percentile_ranks", lambda *a: calls.append(1) or real_ranks(*a))
    assert [v.overall for v in robustness.left_out(waits)] == expected
    assert len(calls) == len(scored)
