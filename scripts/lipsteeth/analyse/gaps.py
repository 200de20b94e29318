"""The visits the method page lists as known gaps: reported, but not sourced from a page we could
cite, so left out of the record. Declared once here; the method page's list and the analysis's
flags on silences both read it, so the two cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dates import PartialDate


@dataclass(frozen=True)
class KnownGap:
    date: PartialDate  # as precisely as the report goes
    visit: str  # in words, for the method page
    why: str


KNOWN_GAPS = (
    KnownGap(
        PartialDate.parse("1991-06"),
        "Qian Qichen's June 1991 visit",
        "the stored pages show no headline",
    ),
    KnownGap(
        PartialDate.parse("1992-04"),
        "Yang Shangkun's reported April 1992 visit to Pyongyang for Kim Il-sung's 80th birthday",
        "the stored pages show no headline",
    ),
    KnownGap(PartialDate.parse("2002-05"), "Jia Qinglin's visit of May 2002", "found only on pages that show no headline"),
    KnownGap(PartialDate.parse("2002-10"), "Yang Hyong-sop's visit of October 2002", "found only on pages that show no headline"),
    KnownGap(PartialDate.parse("2012"), "a 2012 visit by Kim Yong-nam", "no page we could cite gives its date"),
)
