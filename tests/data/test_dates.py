"""Partial dates: parsing, precision, ordering and honest display."""

import datetime as dt

import pytest

from lipsteeth.data.dates import PartialDate, human_span
from lipsteeth.data.model import Event


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2000", PartialDate(2000)),
            (2000, PartialDate(2000)),
            ("2000-05", PartialDate(2000, 5)),
            ("2000-05-29", PartialDate(2000, 5, 29)),
        ],
    )
    def test_accepts_each_precision(self, text, expected):
        """Years (quoted or not), months and days are all accepted."""
        assert PartialDate.parse(text) == expected

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("1999-13-01", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '1999-13-01': there is no month 13"),
            ("2010-02-30", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '2010-02-30': February 2010 has 28 days"),
            ("May 2000", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'May 2000'"),
            (True, "expected YYYY, YYYY-MM or YYYY-MM-DD, got True (a bool)"),
        ],
    )
    def test_rejects_impossible_dates(self, text, message):
        """An impossible or malformed date names what was expected and what it got."""
        with pytest.raises(ValueError) as caught:
            PartialDate.parse(text)
        assert str(caught.value) == message


class TestOrderAndSpan:
    def test_less_precise_sorts_first_on_the_same_day(self):
        """'2005' < '2005-10' < '2005-10-01' < '2005-10-28'."""
        dates = [PartialDate.parse(t) for t in ("2005-10-28", "2005-10-01", "2005", "2005-10")]
        assert [d.iso() for d in sorted(dates)] == ["2005", "2005-10", "2005-10-01", "2005-10-28"]

    def test_first_and_last_day_cover_the_period(self):
        """A month means every day of that month."""
        date = PartialDate.parse("2000-02")
        assert (date.first_day(), date.last_day()) == (dt.date(2000, 2, 1), dt.date(2000, 2, 29))

    @pytest.mark.parametrize(
        ("text", "middle"),
        [
            ("2001", dt.date(2001, 7, 2)),  # 1 January + 364 // 2 days
            ("2000", dt.date(2000, 7, 1)),  # a leap year: 365 // 2 days
            ("2000-05", dt.date(2000, 5, 16)),
            ("2000-02", dt.date(2000, 2, 15)),
            ("2001-02", dt.date(2001, 2, 14)),  # of two middle days, the earlier
            ("2000-05-29", dt.date(2000, 5, 29)),
        ],
    )
    def test_middle_day_stands_for_an_imprecise_date(self, text, middle):
        """A month or a year is placed on its middle day (the earlier of two); a day is itself."""
        assert PartialDate.parse(text).middle_day() == middle

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            ("2000-05", None, "May 2000"),
            ("2005-10-28", "2005-10-30", "28–30 October 2005"),
            ("2000-05-29", "2000-06-02", "29 May – 2 June 2000"),
            ("2005-11", "2007-02", "November 2005 – February 2007"),
        ],
    )
    def test_human_span_never_adds_precision(self, start, end, expected):
        """Dates are shown only as precisely as the source gives them."""
        assert human_span(PartialDate.parse(start), PartialDate.parse(end) if end else None) == expected


class TestEventSpan:
    SOURCE = {"url": "https://example.org/x", "publisher": "Example", "title": "A page"}

    def event(self, date: str, end: str | None) -> Event:
        fields = {"id": "an-event", "date": date, "kind": "talks", "title": "T", "summary": "S", "sources": [self.SOURCE]}
        return Event.model_validate(fields | ({"end": end} if end else {}))

    @pytest.mark.parametrize(
        ("date", "end", "last_date", "span"),
        [
            ("2000-05-29", None, "2000-05-29", (dt.date(2000, 5, 29), dt.date(2000, 5, 29))),
            ("2000-05", None, "2000-05", (dt.date(2000, 5, 1), dt.date(2000, 5, 31))),
            ("2000-05-29", "2000-06-02", "2000-06-02", (dt.date(2000, 5, 29), dt.date(2000, 6, 2))),
            ("2020-01", "2023", "2023", (dt.date(2020, 1, 1), dt.date(2023, 12, 31))),
        ],
    )
    def test_last_date_and_span_include_the_end(self, date, end, last_date, span):
        """Without an end an event lasts its date; with one, from the first day of its date to the last of its end."""
        event = self.event(date, end)
        assert event.last_date == PartialDate.parse(last_date)
        assert event.span == span
