"""Relations beyond the timing of visits: contact by level, the signals besides visits, and trade
month by month, on small made-up records."""

from __future__ import annotations

import dataclasses
import datetime as dt

from lipsteeth.analyse import monthly, relations
from lipsteeth.data.model import Series

from .test_statistics import SOURCE, calendar_dataset, event


def visit(day: dt.date, level: str = "ministerial", **fields):
    return event(f"v-{day.isoformat()}-{level}", day, level=level, **fields)


class TestLevels:
    def test_visits_per_year_by_level_and_the_longest_run_without_leaders(self):
        """Leaders in 1999 and 2004, ministers every year but 2002: the run without leaders is 2000-2003,
        holding the one test of 2001; 2002 had no visit at all."""
        visits = [visit(dt.date(y, 6, 1), "ministerial") for y in range(1999, 2006) if y != 2002]
        leaders = [visit(dt.date(1999, 3, 1), "leader"), visit(dt.date(2004, 3, 1), "leader")]
        test = event("t", dt.date(2001, 5, 1), kind="nuclear-test")
        found = relations.relations(calendar_dataset(*visits, *leaders, test))
        assert [(r.year, r.by_level["leader"], r.total) for r in found.levels][:4] == [
            (1999, 1, 2),
            (2000, 0, 1),
            (2001, 0, 1),
            (2002, 0, 0),
        ]
        assert found.without_leaders == relations.Run(2000, 2003, 1)
        assert found.empty_years == (2002,)

    def test_closure_years_break_a_run(self):
        """A closure in 2001: the years either side are separate runs, and the closure's empty year is not counted."""
        visits = [visit(dt.date(y, 6, 1)) for y in (1999, 2000, 2002, 2003, 2004)]
        closure = event("shut", dt.date(2001, 1, 1), kind="other", end="2001-12-31", border_closed=True)
        found = relations.relations(calendar_dataset(*visits, visit(dt.date(1999, 2, 1), "leader"), closure))
        assert found.without_leaders == relations.Run(2002, 2004, 0)
        assert found.empty_years == ()


class TestSignals:
    def test_votes_count_the_sanctions_resolutions_and_the_failed_drafts(self):
        resolutions = [
            event("r1", dt.date(2006, 10, 14), kind="un-resolution", china_vote="for", new_sanctions=True),
            event("r2", dt.date(2009, 6, 12), kind="un-resolution", china_vote="abstain", new_sanctions=True),
            event("r3", dt.date(2010, 6, 1), kind="un-resolution", china_vote="for"),
            event("d1", dt.date(2022, 5, 26), kind="un-resolution", china_vote="against"),
        ]
        found = relations.votes(calendar_dataset(*resolutions))
        assert [e.id for e in found.sanctions] == ["r1", "r2"] and found.for_ == 1
        assert [e.id for e in found.drafts_failed] == ["d1"]

    def test_a_leader_in_seoul_before_pyongyang(self):
        """The Chinese leader (in office from 2000) goes to Seoul in 2003 and Pyongyang in 2005: 2003 comes first, by the days between."""
        seoul = event("seoul", dt.date(2003, 7, 3), kind="diplomatic", people=["cn-leader"], place="Seoul")
        pyongyang = event("pyongyang", dt.date(2005, 7, 3), people=["cn-leader"], level="leader", purpose="summit")
        (trip,) = relations.seoul_before_pyongyang(calendar_dataset(seoul, pyongyang))
        assert (trip.name, trip.seoul.id, trip.pyongyang.id, trip.days) == ("A", "seoul", "pyongyang", 731)
        earlier = pyongyang.model_copy(update={"date": pyongyang.date.parse("2002-01-01")})
        assert relations.seoul_before_pyongyang(calendar_dataset(seoul, earlier)) == ()


def series(*observations) -> Series:
    return Series.model_validate(
        {
            "id": "china-customs-monthly",
            "title": "t",
            "reporter": "r",
            "frequency": "month",
            "unit": "million US dollars",
            "observations": [{"period": p, "sources": SOURCE} | figures for p, figures in observations],
        }
    )


class TestMonthly:
    def test_each_month_against_the_same_month_a_year_earlier(self):
        """Only months with a figure both years are compared; a zero a year earlier gives no change."""
        found = series(
            ("2016-03", {"total": 100, "imports": 0}),
            ("2016-04", {"total": 200}),
            ("2017-03", {"total": 50, "imports": 10}),
            ("2017-04", {"imports": 5}),
        )
        dataset = dataclasses.replace(calendar_dataset(), series=(found,))
        (change,) = monthly.year_on_year(dataset, "total")
        assert (change.year, change.month, change.change) == (2017, 3, -0.5)
        assert monthly.year_on_year(dataset, "imports") == ()

    def test_events_see_the_months_after_them_and_the_closure_ends_the_comparisons(self):
        found = series(*[(f"{y}-{m:02d}", {"total": 100 if y == 2016 else 60}) for y in (2016, 2017) for m in range(1, 13)])
        ban = event("ban", dt.date(2017, 2, 18), kind="sanctions")
        early = event("early", dt.date(2015, 9, 1), kind="nuclear-test")
        closure = event("shut", dt.date(2017, 10, 1), kind="other", end="2018-12-31", border_closed=True)
        dataset = calendar_dataset(ban, early, closure)
        dataset = dataclasses.replace(dataset, series=(found,))
        result = monthly.monthly(dataset)
        assert [(m.year, m.month) for m in result.changes["total"]] == [(2017, m) for m in range(1, 10)]
        (after,) = result.events
        assert after.event.id == "ban" and [m.month for m in after.months["total"]] == list(range(3, 10))
        assert after.fell("total") == 7 and result.before_series == ()
