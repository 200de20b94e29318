"""Trade series: validation as strict and located as for events, and the comparison around events."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from lipsteeth.analyse import trade
from lipsteeth.analyse.placeholders import fill
from lipsteeth.data import validate
from lipsteeth.render.exports import trade_csv

from ..conftest import TEST, dataset_of

CLOSURE = """
  - id: 2006-01-border-closed
    date: 2006-01-01
    end: 2006-12-31
    kind: other
    title: The border is closed
    summary: A closure.
    border_closed: true
    sources:
      - url: https://example.org/closure
        publisher: Example News
        title: Border closed
"""
SOURCE = (
    "        sources:\n          - url: https://example.org/t\n            publisher: Example\n            title: Trade page\n"
)


def observation(period: str, **figures) -> str:
    lines = [f'      - period: "{period}"'] + [f"        {name}: {value}" for name, value in figures.items()]
    return "\n".join(lines) + "\n" + SOURCE


def series_file(*observations: str, missing: str = "", frequency: str = "year", series_id: str = "china-customs-annual") -> str:
    return (
        f"series:\n  - id: {series_id}\n    title: China's trade with North Korea\n    reporter: China's customs\n"
        f"    frequency: {frequency}\n    unit: million US dollars\n    observations:\n" + "".join(observations) + missing
    )


@pytest.fixture
def with_series(mini):
    (mini.path / "series").mkdir()

    def write(text: str):
        mini.write("series/trade.yaml", text)
        return mini

    return write


class TestValidation:
    def test_a_clean_series_passes(self, with_series):
        mini = with_series(series_file(observation("2005", total=100), observation("2006", exports=60, imports=40, total=100)))
        assert mini.problems() == []

    def test_a_gap_must_be_listed_with_its_reason(self, with_series):
        """A year between the first and the last with no figure and no `missing` entry is an error."""
        mini = with_series(series_file(observation("2005", total=100), observation("2007", total=120)))
        assert mini.problems() == [
            "data/series/trade.yaml:7:5: series[0].observations: no figure and no entry under 'missing' for 2006: "
            "a gap must be listed with its reason"
        ]
        missing = '    missing:\n      - period: "2006"\n        reason: No report was found.\n'
        assert (
            with_series(series_file(observation("2005", total=100), observation("2007", total=120), missing=missing)).problems()
            == []
        )

    def test_periods_are_of_the_series_frequency_in_order_and_once(self, with_series):
        mini = with_series(
            series_file(observation("2006", total=1), observation("2005-03", total=2), observation("2006", total=3))
        )
        assert mini.problems() == [
            "data/series/trade.yaml:14:17: series[0].observations[1].period: '2005-03' comes before '2006' above it; keep the periods in order",
            "data/series/trade.yaml:14:17: series[0].observations[1].period: expected a year (YYYY) in a series by year, got '2005-03'",
            "data/series/trade.yaml:20:17: series[0].observations[2].period: '2006' is given twice (first at observations[0])",
        ]

    def test_a_total_must_add_up_give_or_take_rounding(self, with_series):
        """Within half a percent is rounding (5,620 against 5,629); more is a mistake."""
        assert with_series(series_file(observation("2011", exports=3165, imports=2464, total=5620))).problems() == []
        mini = with_series(series_file(observation("2011", exports=3165, imports=2464, total=6000)))
        assert mini.problems() == [
            "data/series/trade.yaml:11:16: series[0].observations[0].total: expected exports + imports (5,629.00), give or take "
            "rounding, got 6,000.00; check the figures, or leave out the one the source does not state"
        ]

    def test_figures_are_numbers_at_least_zero_and_derived_ones_exist(self, with_series):
        mini = with_series(series_file(observation("2011", exports="yes", imports=-1) + "        derived: [total]\n"))
        assert mini.problems() == [
            "data/series/trade.yaml:9:18: series[0].observations[0].exports: expected a number, got true (a true/false value)",
            "data/series/trade.yaml:10:18: series[0].observations[0].imports: expected a number of at least 0, got -1 (a whole number)",
        ]
        mini = with_series(series_file(observation("2011", exports=1) + "        derived: [total]\n"))
        assert mini.problems() == [
            "data/series/trade.yaml:14:18: series[0].observations[0].derived: 'total' is marked derived but has no figure"
        ]

    def test_no_period_in_the_future(self, with_series):
        mini = with_series(series_file(observation("2027-01", total=1), frequency="month"))
        assert mini.problems() == [
            "data/series/trade.yaml:8:17: series[0].observations[0].period: '2027-01' is in the future; the record holds only "
            "what has happened"
        ]

    def test_no_figure_for_a_period_that_is_not_over(self, with_series):
        """Today is 2026-11-28: a total for 2026 or for November 2026 could only be partial; October 2026 is over."""
        assert with_series(series_file(observation("2026-10", total=1), frequency="month")).problems() == []
        mini = with_series(series_file(observation("2026-10", total=1), observation("2026-11", total=1), frequency="month"))
        assert mini.problems() == [
            "data/series/trade.yaml:14:17: series[0].observations[1].period: '2026-11' is not over yet (today is 2026-11-28 in "
            "UTC); a figure for it could only be partial: add it once the month has ended"
        ]
        mini = with_series(series_file(observation("2025", total=1), observation("2026", total=1)))
        assert mini.problems() == [
            "data/series/trade.yaml:14:17: series[0].observations[1].period: '2026' is not over yet (today is 2026-11-28 in "
            "UTC); a figure for it could only be partial: add it once the year has ended"
        ]

    def test_today_is_the_day_in_utc_whatever_the_machine_s_zone(self, monkeypatch):
        """At any moment one of these two zones (UTC+14, UTC-12) is on another day than UTC; check follows UTC in both."""
        for zone in ("Etc/GMT-14", "Etc/GMT+12"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            assert validate._today() == dt.datetime.now(dt.UTC).date()
        monkeypatch.undo()
        time.tzset()

    @pytest.mark.parametrize(
        ("figure", "shown"),
        [
            (
                "2730000000",
                "2,730,000,000 million US dollars is not plausible: figures are in million US dollars, at most 100,000; "
                "if it is in US dollars, write it as 2,730 (million)",
            ),
            ("1.0e+308", "1e+308 million US dollars is not plausible: figures are in million US dollars, at most 100,000"),
        ],
    )
    def test_a_figure_far_too_large_is_refused_with_its_unit(self, with_series, figure, shown):
        """Dollars typed for millions, or a figure near the largest float: refused at the figure, and the totals
        check is not run on it (exports + imports of 1e308 each would overflow into a 309-digit number)."""
        mini = with_series(series_file(observation("2011", exports=figure, imports=figure, total=figure)))
        assert mini.problems() == [
            f"data/series/trade.yaml:{line}:{column}: series[0].observations[0].{name}: {shown}"
            for line, column, name in ((9, 18, "exports"), (10, 18, "imports"), (11, 16, "total"))
        ]
        assert with_series(series_file(observation("2011", total=100_000))).problems() == []


class TestComparison:
    def test_change_from_the_year_before_to_the_year_after(self, with_series):
        """The 2006 test: 2005 had 100, 2007 had 150: +50%; the only two-year change, so the usual one."""
        mini = with_series(
            series_file(observation("2005", total=100), observation("2006", total=120), observation("2007", total=150))
        )
        found = trade.trade_answer(dataset_of(mini))
        (row,) = found.tests
        assert (row.event.id, row.before, row.after, row.total_before, row.total_after) == (TEST, 2005, 2007, 100, 150)
        assert row.change == pytest.approx(0.5) and found.usual == pytest.approx(0.5)
        assert found.peak == (2007, 150) and found.latest == (2007, 150)

    def test_a_missing_year_leaves_no_change(self, with_series):
        missing = '    missing:\n      - period: "2005"\n        reason: No report was found.\n'
        mini = with_series(
            series_file(
                observation("2004", total=90), observation("2006", total=120), observation("2007", total=150), missing=missing
            )
        )
        (row,) = trade.trade_answer(dataset_of(mini)).tests
        assert row.change is None and row.total_before is None

    def test_a_total_left_out_is_not_made_up_from_its_parts(self, with_series):
        """2006 gives exports and imports but no total (the editor found they did not add up to the reported one):
        no total for 2006, so no comparison that needs it, and none is drawn."""
        mini = with_series(
            series_file(
                observation("2005", total=100), observation("2006", exports=60, imports=40), observation("2007", total=150)
            )
        )
        annual = trade.series(dataset_of(mini), trade.ANNUAL)
        assert trade.by_year(annual) == {2005: 100, 2007: 150}
        assert trade.by_year(annual, "exports") == {2006: 60}

    def test_the_figures_table_has_every_year_with_gaps_and_derived_figures_marked(self, with_series):
        """The analysis page's table of figures comes from the answer: each year from the first to the last,
        a missing year as a row of gaps, and a figure worked out by arithmetic said to be."""
        missing = '    missing:\n      - period: "2005"\n        reason: No report was found.\n'
        derived = observation("2006", exports=70, imports=50, total=120) + "        derived: [total]\n"
        mini = with_series(series_file(observation("2004", total=90), derived, missing=missing))
        found = trade.trade_answer(dataset_of(mini))
        assert (found.first_year, found.first_total) == (2004, 90)
        assert [(r.year, r.exports, r.total) for r in found.figures] == [
            (2004, trade.Figure(None), trade.Figure(90)),
            (2005, trade.Figure(None), trade.Figure(None)),
            (2006, trade.Figure(70), trade.Figure(120, derived=True)),
        ]

    def test_the_baseline_leaves_out_the_border_closure(self, with_series):
        """A closure through 2006: the changes centred on 2005, 2006 and 2007 touch it and are left out of the
        usual change; the one centred on 2004 stays."""
        figures = {"2003": 100, "2004": 110, "2005": 120, "2006": 10, "2007": 130, "2008": 140}
        mini = with_series(series_file(*(observation(year, total=value) for year, value in figures.items())))
        mini.write("events/events.yaml", mini.file("events/events.yaml").read_text() + CLOSURE)
        mini.put_in_date_order("events/events.yaml")
        data = dataset_of(mini)
        totals = trade.by_year(trade.series(data, trade.ANNUAL))
        assert sorted(trade.changes(totals)) == [2004, 2005, 2006, 2007]
        assert list(trade.open_changes(data, totals)) == [2004]
        assert trade.trade_answer(data).usual == pytest.approx(120 / 100 - 1)

    def test_placeholders_read_the_annual_series(self, with_series):
        mini = with_series(
            series_file(observation("2005", total=100), observation("2006", total=120), observation("2007", total=50))
        )
        dataset = dataset_of(mini)
        assert fill("{trade 2006}; it {trade-change 2006 2007}.", dataset) == "$120 million; it fell by 58%."

    @pytest.mark.parametrize(
        ("observations", "note", "expected"),
        [
            pytest.param(
                [observation("2005", total=100)],
                "Trade was {trade 2009}.",
                [
                    "data/claims.yaml:13:11: claims[0].note: {trade 2009}: no total for 2009 in China's annual customs series "
                    "(a total is never made up from exports and imports)"
                ],
                id="a_placeholder_for_a_year_without_a_figure_is_refused",
            ),
            # {trade YEAR} reads the stated total only; a year that gives only its parts is refused by check,
            # not left to fail in the build (it raised KeyError).
            pytest.param(
                [observation("2005", total=100), observation("2006", exports=60, imports=40)],
                "Trade was {trade 2006}.",
                [
                    "data/claims.yaml:13:11: claims[0].note: {trade 2006}: no total for 2006 in China's annual customs series "
                    "(a total is never made up from exports and imports)"
                ],
                id="a_year_with_exports_and_imports_but_no_total_is_refused",
            ),
            # A series that fails its shape check is not built, so its years are unknown: the placeholders that
            # read it are not reported as well ("no figure for 2005"), only the figure itself.
            pytest.param(
                [observation("2005", total=100), observation("2006", total="lots")],
                "Trade was {trade 2005}, then {trade 2006}.",
                ["data/series/trade.yaml:15:16: series[0].observations[1].total: expected a number, got 'lots'"],
                id="one_bad_figure_adds_no_errors_in_the_claims",
            ),
        ],
    )
    def test_a_claim_s_note_on_a_series(self, with_series, observations, note, expected):
        """Each case: a trade series with these figures, a note on the claim that reads it; what check reports."""
        mini = with_series(series_file(*observations))
        mini.replace("claims.yaml", "        less_than: 2 years\n", f"        less_than: 2 years\n    note: {note}\n")
        assert mini.problems() == expected

    def test_a_change_from_a_zero_total_is_refused(self, with_series):
        """A change from a total of 0 has no percentage (it raised ZeroDivisionError); a change to 0 is a fall of 100%."""
        mini = with_series(
            series_file(observation("2005", total=0), observation("2006", total=120), observation("2007", total=0))
        )
        mini.replace(
            "claims.yaml",
            "        less_than: 2 years\n",
            "        less_than: 2 years\n    note: It {trade-change 2005 2006}, then {trade-change 2006 2007}.\n",
        )
        assert mini.problems() == [
            "data/claims.yaml:13:11: claims[0].note: {trade-change 2005 2006}: the total for 2005 is 0; "
            "a change from nothing has no percentage"
        ]
        mini.replace("claims.yaml", "It {trade-change 2005 2006}, then", "Then it")
        assert fill("It {trade-change 2006 2007}.", dataset_of(mini)) == "It fell by 100%."

    def test_the_csv_keeps_each_figure_with_its_series_and_sources(self, with_series):
        mini = with_series(series_file(observation("2005", total=100)))
        assert trade_csv(dataset_of(mini)).splitlines() == [
            "series,reporter,unit,frequency,period,first_day,last_day,exports,imports,total,derived,source_urls,source_publishers,source_titles,"
            "source_archives,note",
            "china-customs-annual,China's customs,million US dollars,year,2005,2005-01-01,2005-12-31,,,100.0,[],"
            '"[""https://example.org/t""]","[""Example""]","[""Trade page""]",'
            '"[""https://web.archive.org/web/https://example.org/t""]",',
        ]
