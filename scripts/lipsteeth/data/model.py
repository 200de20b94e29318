"""The data model: one source of truth for validation, the editors' JSON Schema and the field reference.

Models check shapes only (types, closed vocabularies, required fields). Meaning that spans
fields or records (end after date, references, verbatim quotes) is checked in `validate`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.fields import FieldInfo

from ..errors import quoted
from .dates import CALENDAR_PATTERN, FIRST_YEAR, LAST_YEAR, PartialDate
from .limits import MAX_SCALAR

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so the rules' table is found in a step per event
class KindOfEvent:
    """One kind of event, declared once: the rules, the editors' schema, `lipsteeth new`, the
    benchmark's synthetic data, the exports and the pages all read it, so a new kind is one entry
    in KINDS_OF_EVENT. Fields are named as the data files write them ('from')."""

    id: str  # as the data files write it: 'nuclear-test'
    name: str  # as pages, lists and search show it: 'Nuclear test'
    plural: str  # 'Nuclear tests'
    # The fields only some kinds may have, that this one may (a field no kind lists, any kind may have).
    fields: tuple[str, ...] = ()
    # Of those, the ones every event of this kind gives; and what a missing one takes, where the
    # field's own choices would not say it (a visit's countries: the two of the record).
    required: tuple[str, ...] = ()
    hints: tuple[tuple[str, str], ...] = ()
    # Narrower choices than the field's own, for this kind: a visit goes from CN or KP to the other.
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # What `new` asks after the kind and the date, in order (its own fields not listed here come after).
    asks: tuple[str, ...] = ("people", "place", "end", "border_closed")
    verb: str = ""  # in a proposed id: '2003-10-wu-bangguo-visits-pyongyang', '2006-10-nuclear-test'
    weight: int = 1  # its share of the benchmark's synthetic events, beside the other kinds' weights

    def choices(self, field: str) -> tuple[str, ...] | None:
        """The values this kind narrows a field to, or None where the field's own choices hold."""
        return dict(self.values).get(field)

    def mid_sentence(self) -> str:
        """Its name inside a sentence: 'nuclear test'; an acronym such as 'UN Security Council vote' stays."""
        return lowercase_first(self.name)


def lowercase_first(name: str) -> str:
    """'Nuclear test' -> 'nuclear test' mid-sentence; an acronym such as 'UN Security Council vote' stays."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


_LAUNCH = {"fields": ("outcome",), "asks": ("outcome", "place")}
_VISIT_COUNTRIES = ("CN", "KP")
KINDS_OF_EVENT = (
    KindOfEvent(
        "visit",
        "Visit",
        "Visits",
        fields=("from", "to", "purpose", "level", "secret", "postponed"),
        required=("from", "to", "purpose", "level"),
        hints=tuple((name, "the visitor's country and the host's: CN or KP") for name in ("from", "to")),
        values=(("from", _VISIT_COUNTRIES), ("to", _VISIT_COUNTRIES)),
        asks=("from", "to", "people", "purpose", "level", "place", "end", "secret", "postponed"),
        verb="visits",
        weight=40,
    ),
    KindOfEvent("nuclear-test", "Nuclear test", "Nuclear tests", **_LAUNCH, verb="nuclear-test", weight=2),
    KindOfEvent("missile-launch", "Missile launch", "Missile launches", **_LAUNCH, verb="missile-launch", weight=8),
    KindOfEvent("satellite-launch", "Satellite launch", "Satellite launches", **_LAUNCH, verb="satellite-launch", weight=3),
    KindOfEvent("talks", "Talks", "Talks", verb="talks", weight=8),
    KindOfEvent("treaty", "Treaty", "Treaties", verb="treaty", weight=1),
    KindOfEvent(
        "un-resolution",
        "UN Security Council vote",
        "UN Security Council votes",
        fields=("china_vote", "new_sanctions"),
        asks=("china_vote", "new_sanctions"),
        verb="unsc-resolution",
        weight=5,
    ),
    KindOfEvent("leadership", "Leadership change", "Leadership changes", verb="leadership", weight=2),
    KindOfEvent("diplomatic", "Diplomatic step", "Diplomatic steps", verb="diplomacy", weight=5),
    KindOfEvent("sanctions", "Sanctions", "Sanctions", verb="sanctions", weight=2),
    KindOfEvent("other", "Other turning point", "Other turning points", weight=2),
)
# By id. Code that asks what a kind may have reads this table when it asks (a test may declare a field for another kind).
KIND_OF = {kind.id: kind for kind in KINDS_OF_EVENT}
KINDS = tuple(KIND_OF)
KIND_NAMES = {kind.id: kind.name for kind in KINDS_OF_EVENT}
KIND_PLURALS = {kind.id: kind.plural for kind in KINDS_OF_EVENT}
COUNTRIES = {"CN": "China", "KP": "North Korea", "KR": "South Korea", "US": "United States", "JP": "Japan", "RU": "Russia"}
# 'name': a name, title or office, or who elected or appointed whom, that a reference source can test.
CLAIM_TYPES = ("date", "timing", "count", "sequence", "name", "interpretation", "prediction")
# Visits: why they were made and how senior the visitor was (the analysis tests each tier).
PURPOSES = {
    "summit": "a leader-level visitor meets the other side's paramount leader",
    "special-envoy": "sent by a leader, outside the routine calendar, to carry a message on a matter at hand (coded by what the visit did, not the visitor's title: a post-congress briefing is working)",
    "ceremony": "to attend an anniversary, celebration, congress, parade, funeral or inauguration",
    "working": "any other official, goodwill or working visit: talks, delegations, exchanges",
}
LEVELS = {
    "leader": "a paramount leader or a formal head of state (PRC President; North Korea's President of the SPA Presidium)",
    "top": "China: a Politburo Standing Committee member or the Vice-President; North Korea: a member of the Politburo "
    "Presidium or the premier",
    "ministerial": "everyone else the method's rule admits: foreign and defence ministers, vice-premiers, Politburo members, "
    "heads of the parties' international departments, vice-chairmen of parliament, special envoys",
}

# Which way an editors' assessment of an interpretation or prediction leans.
LEANS = {
    "supports": "the record bears the statement out, with the caveats the assessment gives",
    "mixed": "the record bears out part of it and not the rest",
    "contradicts": "the record goes against it",
}

Kind = Literal[KINDS]  # type: ignore[valid-type]
Country = Literal[tuple(COUNTRIES)]  # type: ignore[valid-type]


_SLUG = re.compile(SLUG_PATTERN.removeprefix("^").removesuffix("$"))
# Ids become file names in a folder that already holds its list page: 'index' would replace it.
RESERVED_IDS = ("index",)


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):  # fullmatch: '$' would let a final newline through
        raise ValueError(
            f"expected a URL-safe id of lowercase letters, digits and single hyphens (like '2000-05-kim-jong-il-visits-china'), got {quoted(value)}"
        )
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is reserved for the list page of its section; choose another id")
    return value


# A plain host name: dot-separated labels of ASCII letters, digits and inner hyphens, at least two
# of them (an internationalised name in its xn-- form), with an optional port.
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?(?::[0-9]{1,5})?")
URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?([/?#]\S*)?$"


def _http_url(value: str) -> str:
    """A web address a link can safely point at: http(s), a plain host name, and nothing a browser
    or an editor would read differently from what the page shows (no user name before '@', no
    spaces, control or bidi characters)."""
    address = value.strip()
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or any(c.isspace() or not c.isprintable() for c in address):
        raise ValueError(f"expected an http:// or https:// address, got {quoted(value)}")
    if "\\" in address:
        raise ValueError(f"expected '/' where the address has a backslash (a browser reads it as '/'), got {quoted(address)}")
    if "@" in parts.netloc:
        user, _, host = parts.netloc.rpartition("@")
        raise ValueError(
            f"expected the site's host right after '//', got {quoted(address)}: {quoted(user + '@')} is a user name, so a "
            f"link to it would go to {quoted(host)}; give the publisher's own address"
        )
    if not _HOST.fullmatch(parts.netloc):
        found = f"no host name in {quoted(address)}" if not parts.netloc else f"{quoted(parts.netloc)} in {quoted(address)}"
        raise ValueError(
            f"expected a plain host name after '//' (letters, digits, '-' and '.', like 'www.bbc.co.uk'; an "
            f"internationalised name in its xn-- form), got {found}"
        )
    return address


def _one_line(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValueError("expected some text, got an empty string")
    if text.isprintable():  # the common case, checked in C: every character refused below is unprintable
        return text
    bad = next((c for c in text if _unprintable(c)), None)
    if bad is not None:
        raise ValueError(f"the character U+{ord(bad):04X} (a control character or noncharacter) cannot be shown; remove it")
    return text


def _unprintable(char: str) -> bool:
    """Control characters, lone surrogates and Unicode noncharacters: no page can show them (the
    SVG and XML writers refuse them outright)."""
    code = ord(char)
    return unicodedata.category(char) in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


@dataclass(frozen=True)
class Accepts:
    """What a type accepts, in an editor's words; the field reference and the command's help show it.
    (Pydantic ignores metadata it does not know, so this rides along in the Annotated types.)"""

    text: str


Slug = Annotated[
    str, AfterValidator(_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN}), Accepts("id (lowercase-with-hyphens)")
]
Url = Annotated[str, AfterValidator(_http_url), Field(json_schema_extra={"pattern": URL_PATTERN}), Accepts("http(s) address")]
ARCHIVES = ("web.archive.org", "archive.today", "archive.ph", "archive.is")
ARCHIVE_PATTERN = r"^https?://(web\.archive\.org|archive\.(today|ph|is))(:[0-9]+)?[/?#]\S*$"


def _archive_url(value: str) -> str:
    """An http(s) address (as `_http_url` checks it) on one of the archives a reader can trust to keep a copy."""
    address = _http_url(value)
    host = (urlsplit(address).hostname or "").rstrip(".").lower()
    if host not in ARCHIVES:
        raise ValueError(
            f"expected an archived copy's address on one of {', '.join(ARCHIVES)}, got {quoted(host)} in {quoted(address)}"
        )
    return address


ArchiveUrl = Annotated[
    str,
    AfterValidator(_archive_url),
    Field(json_schema_extra={"pattern": ARCHIVE_PATTERN}),
    Accepts("http(s) address on web.archive.org or archive.today"),
]
# pattern and minLength live only in the JSON Schema, so that the validators above
# (not pydantic's generic constraint errors) produce the messages editors see.
Line = Annotated[
    str, AfterValidator(_one_line), Field(json_schema_extra={"minLength": 1, "maxLength": MAX_SCALAR}), Accepts("text")
]
Text = Line
TITLE_LIMIT = 120  # characters: titles head pages, fill lists and label chart marks


def _short(value: str) -> str:
    if len(value) > TITLE_LIMIT:
        raise ValueError(
            f"expected a short title of at most {TITLE_LIMIT} characters, got {len(value)}; put the detail in the summary"
        )
    return value


Title = Annotated[Line, AfterValidator(_short), Field(json_schema_extra={"maxLength": TITLE_LIMIT})]
Date = Annotated[
    PartialDate,
    PlainValidator(PartialDate.parse),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": CALENDAR_PATTERN,
            "minimum": FIRST_YEAR,  # a year written without quotes is an integer
            "maximum": LAST_YEAR,
            "description": "A date to the precision the source supports: YYYY, YYYY-MM or YYYY-MM-DD.",
            "examples": ["2000", "2000-05", "2000-05-29"],
        }
    ),
    Accepts("date: YYYY, YYYY-MM or YYYY-MM-DD"),
]


class Record(BaseModel):
    """Closed, immutable records: an unknown field is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Record):
    """A public page that states the fact."""

    url: Url = Field(
        description="Address of a page that states the fact (http or https).",
        examples=["http://news.bbc.co.uk/2/hi/asia-pacific/771183.stm"],
    )
    publisher: Line = Field(description="Who published the page.", examples=["BBC News"])
    title: Line = Field(description="The page's headline or title.", examples=["N Korea admits 'friendly' China trip"])
    archive: ArchiveUrl | None = Field(
        None,
        description="Address of an archived copy of the page, on web.archive.org or archive.today (archive.ph): shown "
        "beside the source so a reader can check it once the original is gone. Without it, the page links to the Wayback "
        "Machine's copies of the source's address.",
        examples=["https://web.archive.org/web/20001201000000/http://news.bbc.co.uk/2/hi/asia-pacific/771183.stm"],
    )


class ArticleRef(Record):
    """Where the article mentions the event."""

    paragraph: int = Field(ge=1, strict=True, description="Paragraph number in data/article.yaml.", examples=[5])
    quote: Text = Field(
        description="The article's words, verbatim (typographic quotes may be typed plainly).",
        examples=["Less than two years later, Kim Jong-il visited China in secret."],
    )


class Postponement(Record):
    """A visit put off before it took place. The visit's own date is when it finally happened, so
    the wait is counted from the record, never typed in."""

    announced: Date = Field(description="When the postponement was announced or first reported.", examples=["2009-06-02"])
    planned: Date | None = Field(
        None, description="When the visit had been due, as precise as the sources say.", examples=["2009-06"]
    )
    reason: Text = Field(
        description="The reason given, and who gave it; where the sources differ, each.",
        examples=["China's foreign ministry cited 'the schedule at home'; Yonhap reported it as a protest at the nuclear test"],
    )
    after: Slug | None = Field(
        None,
        description="The id of the event the sources tie the postponement to, such as a nuclear test or a launch.",
        examples=["2009-05-second-nuclear-test"],
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="Pages that report the postponement.")


class Event(Record):
    """A dated event in China–North Korea relations."""

    id: Slug = Field(
        description="Stable id; becomes the page address /events/<id>/.", examples=["2000-05-kim-jong-il-visits-beijing"]
    )
    date: Date = Field(description="When it happened (or began).")
    end: Date | None = Field(None, description="Last day, for events over several days.")
    kind: Kind = Field(description="What sort of event it is.", examples=["visit"])
    title: Title = Field(description="A short plain-text title.", examples=["Kim Jong-il makes a secret visit to Beijing"])
    summary: Text = Field(
        description="One to three plain sentences.", examples=["Kim Jong-il's first known trip abroad since 1983."]
    )
    people: tuple[Slug, ...] = Field(
        (),
        description="Ids of people (data/people.yaml) who took part. On a visit, the one who led it comes first.",
        examples=[["kim-jong-il", "jiang-zemin"]],
    )
    from_: Country | None = Field(None, alias="from", description="Visits: the visitor's country.", examples=["KP"])
    to: Country | None = Field(None, description="Visits: the host country.", examples=["CN"])
    place: Line | None = Field(None, description="Where it happened.", examples=["Beijing"])
    purpose: Literal[tuple(PURPOSES)] | None = Field(  # type: ignore[valid-type]
        None,
        description="Visits: why it was made, by what the visit did: "
        + "; ".join(f"{name}, {meaning}" for name, meaning in PURPOSES.items())
        + ".",
        examples=["summit"],
    )
    level: Literal[tuple(LEVELS)] | None = Field(  # type: ignore[valid-type]
        None,
        description="Visits: the rank of the person who led it: "
        + "; ".join(f"{name}, {meaning}" for name, meaning in LEVELS.items())
        + ".",
        examples=["leader"],
    )
    secret: bool = Field(False, description="Visits: unannounced until it was over.", examples=[True])
    postponed: Postponement | None = Field(
        None,
        description="Visits: the visit was postponed before it took place; the event's date is when it finally did.",
    )
    border_closed: bool = Field(
        False,
        description="The border was closed to visits from the event's date to its end (2020-2023): the analysis treats the "
        "span as a period of its own, outside every comparison.",
        examples=[True],
    )
    outcome: Literal["success", "failure", "partial", "disputed"] | None = Field(
        None, description="Tests and launches: how it ended, where known."
    )
    china_vote: Literal["for", "against", "abstain"] | None = Field(None, description="UN Security Council votes: China's vote.")
    new_sanctions: bool = Field(
        False,
        description="UN Security Council votes: it imposed or tightened sanctions (a renewal of the panel of experts does not).",
        examples=[True],
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="At least one public source; two where the date is disputed.")
    note: Text | None = Field(None, description="Caveats, such as a disputed date.")
    article: ArticleRef | None = Field(None, description="Where the article mentions this event.")
    aliases: tuple[Slug, ...] = Field(
        (),
        description="Former ids of this event, after a rename: each keeps its old address working as a redirect to the new page.",
        examples=[["2000-05-kim-jong-il-visits-china"]],
    )

    @property
    def last_date(self) -> PartialDate:
        """When it ended: its end, or its date for an event of one date."""
        return self.end or self.date

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The first and the last day its dates can mean, its end included."""
        return self.date.first_day(), self.last_date.last_day()


class Names(Record):
    hangul: Line | None = Field(None, description="Korean script.", examples=["김정일"])
    hanzi: Line | None = Field(None, description="Chinese characters (Korean hanja for Koreans).", examples=["金正日"])


class Role(Record):
    title: Line = Field(description="The office.", examples=["General Secretary of the Workers' Party of Korea"])
    from_: Date | None = Field(None, alias="from", description="When the office was taken; omit if no source gives it.")
    to: Date | None = Field(None, description="When it was left; omit while still held.")
    leader: bool = Field(False, description="The country's paramount leader: these roles draw the eras.")


# Every data file is untrusted input (see data.load): what a person may ask of the analysis is bounded.
MAX_ROLES = 50  # offices of one person; the most in the record is 5
MAX_LEADER_ROLES = 200  # leader roles in the whole record, each a cut in the eras (an era is a page); the record has 9
MAX_COUNT_CHECKS = 200  # count assertions in the whole record, each a pass over every event; the record has 5


class Person(Record):
    id: Slug = Field(description="Stable id; becomes the page address /people/<id>/.")
    name: Line = Field(description="Common English form.", examples=["Kim Jong-il"])
    names: Names = Field(Names(), description="Names in native scripts.")
    aliases: tuple[Line, ...] = Field((), description="Other romanizations readers search for.", examples=[["Kim Jong Il"]])
    country: Country = Field(description="The country they served.", examples=["KP"])
    roles: tuple[Role, ...] = Field((), max_length=MAX_ROLES)
    sources: tuple[Source, ...] = ()


class DateCheck(Record):
    """The article places the event in a period."""

    check: Literal["date"]
    event: Slug
    period: Date = Field(description="The article's stated period: a year, a month or a day.")


class TimingCheck(Record):
    """The event happened less than / about / more than a duration after (or before) the reference."""

    check: Literal["timing"]
    event: Slug
    relation: Literal["after", "before"]
    reference: Slug
    less_than: Line | None = Field(None, examples=["2 years"])
    about: Line | None = Field(None, examples=["3 months"])
    more_than: Line | None = None
    tolerance: Line | None = Field(
        None, description="For 'about': how far off still counts (default: a quarter of the duration)."
    )


class BetweenCheck(Record):
    """The event happened after one event and before another."""

    check: Literal["between"]
    event: Slug
    after: Slug
    before: Slug


class CountCheck(Record):
    """So many events matching a filter happened in a period."""

    check: Literal["count"]
    kind: Kind | None = None
    people: tuple[Slug, ...] = ()
    from_: Country | None = Field(None, alias="from")
    to: Country | None = None
    levels: tuple[Literal[tuple(LEVELS)], ...] = Field(  # type: ignore[valid-type]
        (),
        description="Visits: count only those led at these levels (the reading of 'high-ranking', say).",
        examples=[["leader", "top"]],
    )
    start: Date | None = Field(None, description="Start of the period (inclusive).")
    until: Date | None = Field(None, description="End of the period (inclusive).")
    after: Slug | None = Field(None, description="Count only events after this one.")
    before: Slug | None = Field(None, description="Count only events before this one.")
    equals: int | None = Field(None, ge=0, strict=True)
    at_least: int | None = Field(None, ge=0, strict=True)


ASSERTION_TYPES = (DateCheck, TimingCheck, BetweenCheck, CountCheck)
Assertion = Annotated[typing.Union[ASSERTION_TYPES], Field(discriminator="check")]  # noqa: UP007 - a union built from a tuple
# The value of `check` that selects each kind of assertion: 'date', 'timing', 'between', 'count'.
ASSERTION_TAGS = tuple(typing.get_args(m.model_fields["check"].annotation)[0] for m in ASSERTION_TYPES)


class Claim(Record):
    id: Slug = Field(description="Stable id; becomes the page address /claims/<id>/.")
    paragraph: int = Field(ge=1, strict=True, description="Paragraph number in data/article.yaml.", examples=[5])
    quote: Text = Field(description="The article's words, verbatim (typographic quotes may be typed plainly).")
    statement: Text | None = Field(
        None,
        description="The claim as a sentence that stands on its own, where the quote is a fragment ('Vice President Li "
        "Yuanchao'): what search engines show as the claim reviewed.",
    )
    type: Literal[CLAIM_TYPES] = Field(description="What sort of statement it is.")  # type: ignore[valid-type]
    events: tuple[Slug, ...] = Field((), description="Ids of the events it rests on.")
    assertions: tuple[Assertion, ...] = ()
    assessment: Text | None = Field(
        None,
        description="Interpretations, predictions and names: the editors' reading of the record. Numbers in it are written as "
        "{placeholders} filled in from the data (see the contributing guide).",
    )
    leans: Literal[tuple(LEANS)] | None = Field(  # type: ignore[valid-type]
        None,
        description="With an assessment: which way it leans, so the verdict says more than 'editors' assessment': "
        + "; ".join(f"{name}, {meaning}" for name, meaning in LEANS.items())
        + ".",
        examples=["mixed"],
    )
    reading: Text | None = Field(
        None,
        description="Where the words allow more than one reading (what counts as 'high-ranking'?), the one the checker "
        "takes, and why.",
    )
    depends_on: tuple[Slug, ...] = Field(
        (),
        description="Claims whose date this statement is measured from: when one of them is contradicted, this one holds "
        "only once that error is corrected, and the scorecard counts the error once.",
        examples=[["hu-jintao-visit-in-2006"]],
    )
    note: Text | None = Field(None, description="Context the checker cannot compute, such as a nuance of wording.")


class Article(Record):
    title: Line
    publication: Line
    section: Line | None = None
    author: Line | None = None
    published: Date
    url: Url
    dek: Text | None = None
    paragraphs: tuple[Text, ...] = Field(min_length=1)
    correction: Text | None = Field(None, description="The publisher's own correction note.")


TRADE_FIELDS = ("exports", "imports", "total")
ANNUAL_TRADE = "china-customs-annual"  # the series the analysis and the {trade} placeholders read: one reporter
Amount = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]  # strict: `yes` is not 1.0


class Observation(Record):
    """One period's figures, as precise as the source states them."""

    period: Date = Field(description="The year (YYYY) or month (YYYY-MM) the figures are for.", examples=["2017"])
    exports: Amount | None = Field(None, description="China's exports to North Korea.", examples=[3330])
    imports: Amount | None = Field(None, description="China's imports from North Korea.", examples=[1650])
    total: Amount | None = Field(
        None, description="Both together, as the source states it (or worked out, if `derived` names it).", examples=[4980]
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="The pages that state these figures.")
    derived: tuple[Literal[TRADE_FIELDS], ...] = Field(  # type: ignore[valid-type]
        (),
        description="Figures worked out by arithmetic from stated ones (say how in the note), not stated by a source.",
        examples=[["total"]],
    )
    note: Text | None = Field(None, description="How a figure was derived, a revision, or a disagreement between sources.")


class Missing(Record):
    """A period inside the series' range that no source gives: listed, never guessed."""

    period: Date = Field(description="The year or month with no sourced figure.")
    reason: Text = Field(description="Why, in a sentence.", examples=["no stored report states the customs figure"])


class Series(Record):
    """A time series of China–North Korea trade from one reporter: never spliced with another's."""

    id: Slug = Field(description="Stable id, such as china-customs-annual.")
    title: Line = Field(description="What the series is, in a line.")
    reporter: Line = Field(description="Who reported the figures.", examples=["China's General Administration of Customs"])
    frequency: Literal["year", "month"] = Field(description="Each period is a year (YYYY) or a month (YYYY-MM).")
    unit: Literal["million US dollars"] = Field(description="The unit of every figure.")
    observations: tuple[Observation, ...] = Field(min_length=1, description="In period order, one per period.")
    missing: tuple[Missing, ...] = Field((), description="Every period between the first and the last with no figure.")
    note: Text | None = None


class SeriesFile(Record):
    series: tuple[Series, ...]


class EventsFile(Record):
    events: tuple[Event, ...]


class PeopleFile(Record):
    people: tuple[Person, ...]


class ClaimsFile(Record):
    claims: tuple[Claim, ...]


class ArticleFile(Record):
    article: Article


# --- the vocabulary, read off the model ---------------------------------------------------------


def field_name(name: str, field: FieldInfo) -> str:
    """A field as editors write it: its alias ('from'), else its name."""
    return field.alias or name


def accepts(field: FieldInfo) -> str:
    """What a field accepts, in words: 'text', 'one of: CN, KP', 'list of Source', 'date: YYYY, ...'."""
    found = [m.text for m in field.metadata if isinstance(m, Accepts)]
    return found[-1] if found else _accepts(field.annotation)


def _accepts(annotation: Any) -> str:
    if typing.get_origin(annotation) is Annotated:
        found = [m.text for m in annotation.__metadata__ if isinstance(m, Accepts)]
        return found[-1] if found else _accepts(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return " or ".join(_accepts(a) for a in typing.get_args(annotation) if a is not type(None))
    if typing.get_origin(annotation) is tuple:
        return f"list of {_accepts(typing.get_args(annotation)[0])}"
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        return f"'{values[0]}'" if len(values) == 1 else "one of: " + ", ".join(map(str, values))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return {str: "text", int: "whole number", bool: "true or false"}.get(annotation, str(annotation))


# --- what each kind of event may have, read off its declaration --------------------------------


def kind_only_fields() -> dict[str, tuple[str, ...]]:
    """The event fields only some kinds may have, in the model's order, each with those kinds:
    {'from': ('visit',), ..., 'outcome': ('nuclear-test', 'missile-launch', 'satellite-launch'), ...}.
    Read off the declarations as they stand (rules ask this of every event, so it is worked out once
    per set of declarations)."""
    return _kind_only_fields(tuple(KIND_OF.values()))


@functools.cache
def _kind_only_fields(kinds: tuple[KindOfEvent, ...]) -> dict[str, tuple[str, ...]]:
    found = {key: tuple(k.id for k in kinds if key in k.fields) for key in EVENT_FIELDS}
    return {key: having for key, having in found.items() if having}


def kinds_with(field: str) -> tuple[str, ...]:
    """The kinds that may have a field only some kinds have, in the order of KINDS; () for a field any kind may have."""
    return kind_only_fields().get(field, ())


def event_value(event: Event, field: str) -> Any:
    """An event's value of a field as the data files name it ('from' is the attribute `from_`)."""
    return getattr(event, EVENT_ATTRIBUTES[field])


def literal_values(field: FieldInfo) -> tuple[str, ...]:
    """The values a field of a closed vocabulary takes, in the model's order (its `Literal`); () for any other."""
    annotation = field.annotation
    while typing.get_origin(annotation) in (typing.Union, types.UnionType, Annotated):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return tuple(typing.get_args(annotation)) if typing.get_origin(annotation) is Literal else ()


EVENT_FIELDS = {field_name(name, field): field for name, field in Event.model_fields.items()}
EVENT_ATTRIBUTES = {field_name(name, field): name for name, field in Event.model_fields.items()}
