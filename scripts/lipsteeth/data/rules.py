"""The meaning of the data: a list of small named checks over records whose shapes passed.

Each check yields (path below the record, what is wrong and what was expected[, point at the key]);
`located` turns those into problems with the file, line, column and path.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import Problem, did_you_mean
from . import placeholders, quotes
from .dates import ZONE_NAME, parse_duration
from .files import outside_its_file
from .load import Document
from .model import (
    EVENT_FIELDS,
    KIND_OF,
    MAX_COUNT_CHECKS,
    MAX_LEADER_ROLES,
    TRADE_FIELDS,
    Claim,
    Event,
    Person,
    Series,
    accepts,
    event_value,
    kind_only_fields,
)


def event_checks(event: Event, people_ids: set[str], today: dt.date) -> Iterator[tuple]:
    yield from id_year_is_the_date_s(event)
    yield from end_is_not_before_date(event)
    yield from not_in_the_future(event, today)
    yield from references_exist(("people",), event.people, people_ids, "person", "data/people.yaml")
    yield from has_what_its_kind_requires(event)
    yield from has_only_what_its_kind_may_have(event)
    yield from visit_goes_between_the_two(event)
    yield from a_closure_has_an_end(event)


_ID_YEAR = re.compile(r"(\d{4})-")


def id_year_is_the_date_s(event: Event) -> Iterator[tuple]:
    """An id is the page's address, and readers take the year it starts with for the event's year:
    it must be the year of the date (a former id, under 'aliases', may keep another)."""
    found = _ID_YEAR.match(event.id)
    if found and int(found[1]) != event.date.year:
        yield (
            ("id",),
            f"the id starts with {found[1]} but the event is dated {event.date}; an id starts with its event's year: "
            f"rename it (and list the old id under 'aliases' if it was published)",
        )


def end_is_not_before_date(event: Event) -> Iterator[tuple]:
    if event.end is not None and event.end.last_day() < event.date.first_day():
        yield ("end",), f"expected a date on or after the start ({event.date}), got '{event.end}'"


def not_in_the_future(record, today: dt.date, names: tuple[str, ...] = ("date", "end"), path: tuple = ()) -> Iterator[tuple]:
    """The record holds only what has happened: an event's dates, a role's, the article's. `today`
    is the date in UTC (dates.today), the one zone every machine judges by."""
    for name in names:  # attribute names: 'from_' is written 'from'
        value = getattr(record, name)
        if value is not None and value.first_day() > today:
            yield (
                path + (name.rstrip("_"),),
                f"'{value}' is in the future (today is {today} in {ZONE_NAME}); the record holds only what has happened",
            )


def has_what_its_kind_requires(event: Event) -> Iterator[tuple]:
    """The fields the kind's declaration requires (a visit's countries, purpose and level: the
    analysis tests each tier of seniority and sets special envoys apart), each named with what it takes."""
    kind = KIND_OF[event.kind]
    for name in kind.required:
        if event_value(event, name) is None:
            hint = dict(kind.hints).get(name) or accepts(EVENT_FIELDS[name])
            yield (), f"missing required field '{name}' for a {kind.mid_sentence()} ({hint})"


def has_only_what_its_kind_may_have(event: Event) -> Iterator[tuple]:
    """A field only some kinds may have (a vote, an outcome, a visit's countries) is refused on the
    others, at its key. An empty value (`secret: false`) is let through."""
    for name, kinds in kind_only_fields().items():
        if event.kind not in kinds and event_value(event, name) not in (None, False):
            yield (name,), f"only for {' or '.join(kinds)} events; this event's kind is '{event.kind}'", True


def visit_goes_between_the_two(event: Event) -> Iterator[tuple]:
    """A visit goes from one of the two countries to the other: the visit's declaration narrows
    'from' and 'to' to CN and KP (the schema and `new` offer only those); this rule also sees a
    visit within one country, and says it in the record's words, at 'to'."""
    if event.kind == "visit" and event.from_ and event.to and {event.from_, event.to} != {"CN", "KP"}:
        yield (
            ("to",),
            f"a visit in this record goes between China and North Korea (CN to KP or KP to CN), got from {event.from_} to {event.to}",
            False,
        )


def a_closure_has_an_end(event: Event) -> Iterator[tuple]:
    if event.border_closed and event.end is None:
        yield (
            ("border_closed",),
            "a border closure needs an 'end': the day the border reopened, or the latest a source confirms",
            True,
        )


def visit_is_led_by_a_visitor(event: Event, countries: dict[str, str]) -> Iterator[tuple]:
    """Person pages count the visits someone led by who is listed first, so when anyone from the
    visiting country is named, the first must be (the others may be hosts, companions or the
    leader who sent them)."""
    if event.kind != "visit" or not event.people or event.from_ is None:
        return
    if not any(countries.get(p) == event.from_ for p in event.people):
        return  # only hosts are named (an unnamed delegation): there is no leader to list first
    first = event.people[0]
    if first in countries and countries[first] != event.from_:
        yield (
            ("people", 0),
            f"list first the person who led the visit, from {event.from_} (the visiting country); "
            f"'{first}' is from {countries[first]}",
        )


def postponement_checks(event: Event, events: dict[str, Event], event_ids: set[str] | None) -> Iterator[tuple]:
    """A postponement comes before the visit it put off, and follows what the sources tie it to:
    the analysis counts the visits postponed after a test from these dates."""
    found = event.postponed
    if found is None or event.kind != "visit":  # on another kind, has_only_what_its_kind_may_have says so, once
        return
    if found.announced.first_day() > event.date.last_day():
        yield (
            ("postponed", "announced"),
            f"expected a date on or before the visit's ('{event.date}'): a postponement is announced before the visit "
            f"takes place, got '{found.announced}'",
        )
    if found.planned is not None and found.planned.first_day() > event.date.last_day():
        yield (
            ("postponed", "planned"),
            f"expected the date the visit had been due, on or before the date it took place ('{event.date}'), "
            f"got '{found.planned}'",
        )
    if found.after is None:
        return
    if found.after == event.id:
        yield ("postponed", "after"), "a visit cannot be postponed after itself; expected the event the sources tie it to"
        return
    for _, message in references_exist((), [found.after], event_ids, "event", "data/events/"):
        yield ("postponed", "after"), message
    cause = events.get(found.after)
    if cause is not None and cause.date.first_day() > found.announced.last_day():
        yield (
            ("postponed", "after"),
            f"'{found.after}' ('{cause.date}') is dated after the postponement was announced ('{found.announced}'); "
            "expected the event it followed",
        )


# Unknown ids that get a "did you mean": each suggestion is a pass over every known id, so a file full
# of unknown references (10,000 against 20,000 people) would take check many minutes.
MAX_SUGGESTIONS = 100


class Suggestions:
    """The "did you mean" budget of one check run, shared by every kind of reference."""

    def __init__(self, most: int = MAX_SUGGESTIONS):
        self.left = most
        self.most = most


# Above this many known ids, a suggestion is looked for only among the ids that share the most
# three-letter pieces with the unknown one: comparing it with each of 20,000 similar ids ('person-00001')
# costs seconds, the shortlist milliseconds.
SHORTLIST_ABOVE, SHORTLIST = 1_000, 20


class KnownIds:
    """The ids a reference may name (of people, events or claims), with the run's suggestion budget."""

    def __init__(self, ids: Iterable[str], suggestions: Suggestions):
        self.ids = frozenset(ids)
        self.suggestions = suggestions
        self._ordered: list[str] | None = None
        self._by_piece: dict[str, list[str]] | None = None

    def __contains__(self, ref: object) -> bool:
        return ref in self.ids

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def hint(self, ref: str) -> str:
        """' (did you mean 'x'?)' for the first unknown ids of a run; for the rest, that none was looked for."""
        if self.suggestions.left <= 0:
            return f" (no suggestion: only the first {self.suggestions.most} unknown ids get one)"
        self.suggestions.left -= 1
        if self._ordered is None:
            self._ordered = sorted(self.ids)
        return did_you_mean(ref, self._candidates(ref))

    def _candidates(self, ref: str) -> list[str]:
        if len(self._ordered) <= SHORTLIST_ABOVE:
            return self._ordered
        if self._by_piece is None:  # built on the first suggestion, once per run
            self._by_piece = {}
            for known in self._ordered:
                for piece in _pieces(known):
                    self._by_piece.setdefault(piece, []).append(known)
        shared: Counter[str] = Counter()
        for piece in _pieces(ref):
            shared.update(self._by_piece.get(piece, ()))
        return sorted(known for known, _ in shared.most_common(SHORTLIST))


def _pieces(word: str) -> set[str]:
    return {word[i : i + 3] for i in range(max(len(word) - 2, 1))}


def references_exist(
    path: tuple, ids: Iterable[str], known: KnownIds | set[str] | None, what: str, where: str
) -> Iterator[tuple]:
    if known is None:  # the file that defines these ids could not be read
        return
    for index, ref in enumerate(ids):
        if ref not in known:
            hint = known.hint(ref) if isinstance(known, KnownIds) else did_you_mean(ref, sorted(known))
            yield path + (index,), f"unknown {what} '{ref}'; expected an id from {where}{hint}"


def role_checks(person: Person, today: dt.date) -> Iterator[tuple]:
    yield from has_a_role_or_a_source(person)
    for index, role in enumerate(person.roles):
        yield from not_in_the_future(role, today, ("from_", "to"), ("roles", index))
        if role.leader and role.from_ is None:
            yield ("roles", index), "missing required field 'from' for a leader role (eras are drawn from it)"
        if role.to is not None and role.from_ is not None and role.to.last_day() < role.from_.first_day():
            yield ("roles", index, "to"), f"expected a date on or after 'from' ({role.from_}), got '{role.to}'"


def has_a_role_or_a_source(person: Person) -> Iterator[tuple]:
    """A person's page says who they were: an office with its dates, or a page that says so. (A
    role's dates are sourced by the person's sources, which the record keeps per person.)"""
    if not person.roles and not person.sources:
        message = "a person needs at least one role or one source; expected 'roles' (an office with its dates) or "
        yield (), message + "'sources' (a page that says who they are)"


def leader_roles_are_bounded(people: list[tuple[Document, tuple, Person]]) -> list[Problem]:
    """Each leader role is a cut in the eras, and each era a page: the record holds at most
    MAX_LEADER_ROLES of them. Reported once, at the first role over the limit."""
    count = 0
    for doc, path, person in people:
        for index, role in enumerate(person.roles):
            count += role.leader
            if role.leader and count > MAX_LEADER_ROLES:
                message = (
                    f"one leader role too many: the record holds at most {MAX_LEADER_ROLES:,} (each begins an era, and "
                    "each era is a page); mark as leader only the roles of a country's paramount leader"
                )
                return [doc.problem(path + ("roles", index, "leader"), message)]
    return []


def count_checks_are_bounded(claims: list[tuple[Document, tuple, Claim]]) -> list[Problem]:
    """Each count assertion is a pass over every event: the record holds at most MAX_COUNT_CHECKS of
    them. Reported once, at the first over the limit."""
    count = 0
    for doc, path, claim in claims:
        for index, assertion in enumerate(claim.assertions):
            count += assertion.check == "count"
            if assertion.check == "count" and count > MAX_COUNT_CHECKS:
                message = (
                    f"one count check too many: the record holds at most {MAX_COUNT_CHECKS:,} (each one counts over "
                    "every event); check the claims that need a count, and write the others as date or timing checks"
                )
                return [doc.problem(path + ("assertions", index), message)]
    return []


def claim_checks(
    claim: Claim,
    event_ids: set[str],
    people_ids: set[str],
    claim_ids: set[str],
    trade_totals: Mapping[int, float] | None = None,
    event_by_id: Mapping[str, Event] | None = None,
) -> Iterator[tuple]:
    yield from references_exist(("events",), claim.events, event_ids, "event", "data/events/")
    yield from references_exist(("depends_on",), claim.depends_on, claim_ids, "claim", "data/claims.yaml")
    if claim.id in claim.depends_on:
        yield ("depends_on",), "a claim cannot depend on itself"
    for name in ("assessment", "reading", "note"):
        for message in placeholders.problems(getattr(claim, name) or "", event_ids, trade_totals):
            yield (name,), message
    for index, assertion in enumerate(claim.assertions):
        base = ("assertions", index)
        for name in ("event", "reference", "after", "before"):
            ref = getattr(assertion, name, None)
            if ref is not None:
                for _, msg in references_exist((), [ref], event_ids, "event", "data/events/"):
                    yield base + (name,), msg
        yield from references_exist(
            base + ("people",), getattr(assertion, "people", ()), people_ids, "person", "data/people.yaml"
        )
        yield from distinct_events(base, assertion)
        if assertion.check == "timing":
            given = [n for n in ("less_than", "about", "more_than") if getattr(assertion, n)]
            if len(given) != 1:
                yield base, f"a timing check needs exactly one of less_than, about, more_than; got {len(given) or 'none'}"
            for name in (*given, "tolerance"):
                yield from _is_duration(base + (name,), getattr(assertion, name))
        if assertion.check == "count" and (assertion.equals is None) == (assertion.at_least is None):
            yield base, "a count check needs exactly one of equals, at_least"
        if assertion.check == "count" and assertion.levels and assertion.kind != "visit":
            yield base + ("levels",), "levels filter visits only: add 'kind: visit'"
        if assertion.check == "count":
            yield from count_window_is_not_empty(base, assertion, event_by_id or {})
    if claim.type in ("interpretation", "prediction") and not claim.assessment:
        article = "an" if claim.type[0] in "aeiou" else "a"
        yield ("type",), f"{article} {claim.type} claim needs an 'assessment': the editors' reading of the record"
    if claim.type == "name" and not claim.assessment and not claim.assertions:
        yield ("type",), "a name claim needs an 'assessment': what the reference sources in the record say of the name or title"
    if claim.leans and not claim.assessment:
        yield ("leans",), "'leans' says which way an assessment goes; this claim has no 'assessment'", True


def count_window(assertion, event_by_id: Mapping[str, Event]) -> tuple[dt.date, dt.date]:
    """The open interval of days a count covers, from its period and its bounding events (an event
    not in `event_by_id` bounds nothing): the checker counts inside it, and `check` refuses it empty."""
    start, end = dt.date.min, dt.date.max
    if assertion.start:
        start = max(start, assertion.start.first_day() - dt.timedelta(days=1))
    if assertion.until:
        end = min(end, assertion.until.last_day() + dt.timedelta(days=1))
    if assertion.after in event_by_id:
        after = event_by_id[assertion.after]
        start = max(start, after.last_date.last_day())
    if assertion.before in event_by_id:
        end = min(end, event_by_id[assertion.before].date.first_day())
    return start, end


def count_window_is_not_empty(base: tuple, assertion, event_by_id: Mapping[str, Event]) -> Iterator[tuple]:
    """A window that ends before it starts ('after' a later event than 'before', 'start' after 'until')
    holds no day, and a count over it says nothing."""
    start, end = count_window(assertion, event_by_id)
    if (end - start).days > 1:
        return
    opens, closes = [], []
    if assertion.start:
        opens.append(f"starts {assertion.start} ('start')")
    if assertion.after in event_by_id:
        after = event_by_id[assertion.after]
        opens.append(f"comes after {assertion.after}, which ends {after.last_date} ('after')")
    if assertion.until:
        closes.append(f"ends {assertion.until} ('until')")
    if assertion.before in event_by_id:
        closes.append(f"comes before {assertion.before}, dated {event_by_id[assertion.before].date} ('before')")
    yield (
        base,
        f"the count's window holds no day: it {' and '.join(opens)} but {' and '.join(closes)}; swap the bounds or correct them",
    )


def depends_on_cycles(claims: list[tuple[Document, tuple, Claim]]) -> list[Problem]:
    """A claim depends on the claims whose date it is measured from; a cycle among them (a on b, b on
    a) would let each excuse the other's error, and the scorecard would hide both. Each cycle is
    reported once, at the claim that comes first in the file, naming every claim in it. O(claims +
    links): Tarjan's strongly connected components, without recursion."""
    by_id = {claim.id: (doc, path, claim) for doc, path, claim in claims}
    links = {i: [d for d in dict.fromkeys(c.depends_on) if d in by_id and d != i] for i, (_, _, c) in by_id.items()}
    order = {claim_id: position for position, claim_id in enumerate(by_id)}
    problems = []
    for component in _strongly_connected(list(by_id), links):
        if len(component) < 2:
            continue
        members = set(component)
        first = min(component, key=order.__getitem__)
        cycle = _cycle_through(first, links, members)
        doc, path, claim = by_id[first]
        index = claim.depends_on.index(cycle[1])
        shown = " → ".join([*cycle, first])
        problems.append(
            doc.problem(
                path + ("depends_on", index),
                f"claims depend on each other in a cycle: {shown}; a claim depends only on the claims whose date it is "
                "measured from, and none of those can depend back on it",
                value=cycle[1],
            )
        )
    return problems


def _strongly_connected(nodes: list[str], links: Mapping[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, next_link = work.pop()
            if next_link == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            for position in range(next_link, len(links[node])):
                target = links[node][position]
                if target not in index:
                    work += [(node, position + 1), (target, 0)]
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(component)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return found


def _cycle_through(start: str, links: Mapping[str, list[str]], members: set[str]) -> list[str]:
    """The shortest path from `start` back to it inside one strongly connected component: the claims of a cycle."""
    came_from = {start: None}
    queue = [start]
    for node in queue:
        for target in links[node]:
            if target == start:
                path = [node]
                while came_from[path[-1]] is not None:
                    path.append(came_from[path[-1]])
                return path[::-1]
            if target in members and target not in came_from:
                came_from[target] = node
                queue.append(target)
    return [start]  # pragma: no cover - a component of two or more always has a cycle through each member


def distinct_events(base: tuple, assertion) -> Iterator[tuple]:
    """A check that compares an event with itself (event and reference the same) always holds, so
    it says nothing: the events an assertion names must differ."""
    names = [n for n in ("event", "reference", "after", "before") if getattr(assertion, n, None)]
    for index, name in enumerate(names):
        same = next((n for n in names[:index] if getattr(assertion, n) == getattr(assertion, name)), None)
        if same:
            yield base + (name,), f"'{getattr(assertion, name)}' is also the {same}; a check compares different events"


def _is_duration(path: tuple, value: str | None) -> Iterator[tuple]:
    if value is not None:
        try:
            parse_duration(value)
        except ValueError as exc:
            yield path, str(exc)


def quote_is_verbatim(ref, article) -> Iterator[tuple]:
    """The quote must appear in the paragraph it names (typographic quotes, dashes and spacing aside: quotes.find)."""
    if ref.paragraph > len(article.paragraphs):
        yield ("paragraph",), f"the article has {len(article.paragraphs)} paragraphs, got {ref.paragraph}"
        return
    if quotes.find(ref.quote, article.paragraphs[ref.paragraph - 1]) is None:
        elsewhere = [i for i, p in enumerate(article.paragraphs, 1) if quotes.find(ref.quote, p) is not None]
        hint = f" (it is in paragraph {elsewhere[0]})" if elsewhere else ""
        yield ("quote",), f"expected the article's words verbatim, but paragraph {ref.paragraph} does not contain them{hint}"


def placed_by_date(events: list[tuple[Document, tuple, Event]]) -> list[Problem]:
    """Each event sits in the file named for its year, in date order: where editors look. When the
    order is broken, the entries out of place are the fewest that, moved, leave the rest in order
    (the longest run in order stays put), and each is told where it belongs."""
    problems = []
    by_file: dict[str, list[tuple[Document, tuple, Event]]] = {}
    for doc, path, event in events:
        by_file.setdefault(doc.file, []).append((doc, path, event))
        if outside_its_file(doc.file, event.date.year):
            span = Path(doc.file).stem.replace("-", "–")
            message = f"{event.date.year} is outside the years this file is for ({span}); move the event to the file for its year"
            problems += located(doc, path, [(("date",), message)])
    for entries in by_file.values():
        dates = [event.date for _, _, event in entries]
        staying = _longest_in_order(dates)
        kept = [entries[i][2] for i in sorted(staying)]
        for index, (doc, path, event) in enumerate(entries):
            if index not in staying:
                problems += located(doc, path, [(("date",), _out_of_order(event, index, entries, kept))])
    return problems


def _longest_in_order(dates: list) -> set[int]:
    """The positions of a longest run of dates in order (not necessarily adjacent). Of several such
    runs, the one that keeps the earliest entries: an editor usually breaks the order further down.
    O(n log n): the longest run starting at each position, from the right, then a greedy pass."""
    order = {key: rank for rank, key in enumerate(sorted({d.sort_key() for d in dates}))}
    ranks = [order[d.sort_key()] for d in dates]
    tails: list[int] = []  # tails[k]: the largest first rank of a run of length k + 1 among the positions seen
    longest_from = [0] * len(ranks)
    for index in range(len(ranks) - 1, -1, -1):
        value = -ranks[index]  # from the right, a run in order is one of non-increasing ranks
        place = bisect.bisect_right(tails, value)
        tails[place : place + 1] = [value]
        longest_from[index] = place + 1
    kept, wanted, last = set(), max(longest_from, default=0), -1
    for index, rank in enumerate(ranks):
        if longest_from[index] == wanted and rank >= last:
            kept.add(index)
            wanted, last = wanted - 1, rank
    return kept


def _out_of_order(event: Event, index: int, entries: list, kept: list[Event]) -> str:
    """Where an entry out of place belongs: just before the first event in order dated after it."""
    later = next((other for other in kept if event.date < other.date), None)
    above = index > next((i for i, (_, _, e) in enumerate(entries) if e is later), len(entries))
    if later is None:
        # `kept` is never empty here: an entry can be out of order only beside another that is kept.
        where = f"at the end of the file, after {kept[-1].id} ('{kept[-1].date}')"
        direction = "further down"
    else:
        where = f"just before {later.id} ('{later.date}')"
        direction = "further up" if above else "further down"
    message = f"'{event.date}' is out of date order; move the entry {direction}, {where}"
    if later is not None and event.date.first_day() <= later.date.first_day() <= event.date.last_day():  # '2000', '2000-05-29'
        message += f" (a date known only to the {event.date.precision} goes before the dated events within it)"
    return message


def unique_ids(items: list[tuple[Document, tuple, dict]], what: str) -> list[Problem]:
    """Ids as written, across files, including records whose other fields are wrong."""
    seen: dict[str, tuple[Document, tuple]] = {}
    problems = []
    for doc, path, item in items:
        record_id = item.get("id")
        if not isinstance(record_id, str):
            continue
        if record_id in seen:
            first_doc, first_path = seen[record_id]
            line = first_doc.position(first_path + ("id",))[0]
            problems.append(
                doc.problem(
                    path + ("id",),
                    f"duplicate {what} id '{record_id}' (first used in {first_doc.file} line {line}); ids must be unique",
                    value=record_id,
                )
            )
        else:
            seen[record_id] = (doc, path)
    return problems


def located(doc: Document, path: tuple, found: Iterable[tuple]) -> list[Problem]:
    problems = []
    for sub, message, *key in found:
        where = path + sub
        problems.append(doc.problem(where, message, key=bool(key and key[0])))
    return problems


def aliases_are_free(items: list[tuple[Document, tuple, dict]]) -> list[Problem]:
    """A former id becomes a redirect at its old address: it may not be an id in use, or another
    event's former id."""
    ids = {item["id"] for _, _, item in items if isinstance(item.get("id"), str)}
    seen: dict[str, str] = {}
    problems = []
    for doc, path, item in items:
        aliases = item.get("aliases")
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            where = path + ("aliases", index)
            if alias in ids:
                problems.append(doc.problem(where, f"'{alias}' is an event's id; a former id must not be in use", value=alias))
            elif alias in seen:
                problems.append(doc.problem(where, f"'{alias}' is already a former id of {seen[alias]}", value=alias))
            elif isinstance(alias, str):
                seen[alias] = str(item.get("id"))
    return problems


# --- time series --------------------------------------------------------------------------------

TOTAL_TOLERANCE = 0.005  # a stated total may differ from exports + imports by rounding: half a percent
# The largest figure a series may hold, in its unit (million US dollars). China's trade with North Korea
# peaked under 7,000 million a year; a figure above this was typed in dollars or thousands (2730000000
# for 2,730 million), and it would also carry the totals check past what a float can hold.
MAX_FIGURE = 100_000


def series_checks(series: Series, today: dt.date) -> Iterator[tuple]:
    """Periods of the series' frequency, in order, without gaps or duplicates; totals that add up;
    nothing in the future; derived figures present."""
    precision = series.frequency
    periods: dict[tuple, tuple] = {}
    for index, observation in enumerate(series.observations):
        path = ("observations", index)
        yield from _period_checks(path, observation.period, precision, today)
        yield from _period_is_over(path, observation.period, today)
        key = (observation.period.year, observation.period.month)
        if key in periods:
            yield path + ("period",), f"'{observation.period}' is given twice (first at observations[{periods[key][1]}])"
        periods.setdefault(key, (observation, index))
        given = [name for name in TRADE_FIELDS if getattr(observation, name) is not None]
        if not given:
            yield path, "an observation needs at least one of exports, imports, total"
        for name in observation.derived:
            if getattr(observation, name) is None:
                yield path + ("derived",), f"'{name}' is marked derived but has no figure"
        implausible = [name for name in given if getattr(observation, name) > MAX_FIGURE]
        for name in implausible:
            yield path + (name,), _implausible(getattr(observation, name), series.unit)
        if len(given) == 3 and not implausible:
            total, parts = observation.total, observation.exports + observation.imports
            if abs(total - parts) > TOTAL_TOLERANCE * max(total, parts):
                yield (
                    path + ("total",),
                    f"expected exports + imports ({parts:,.2f}), give or take rounding, got {total:,.2f}; "
                    "check the figures, or leave out the one the source does not state",
                )
    order = [o.period for o in series.observations]
    for index, (earlier, later) in enumerate(zip(order, order[1:], strict=False)):
        if later < earlier:
            yield ("observations", index + 1, "period"), f"'{later}' comes before '{earlier}' above it; keep the periods in order"
    missing = {}
    for index, gap in enumerate(series.missing):
        yield from _period_checks(("missing", index), gap.period, precision, today)
        key = (gap.period.year, gap.period.month)
        if key in periods:
            yield ("missing", index, "period"), f"'{gap.period}' has an observation; it is not missing"
        missing[key] = gap
    if order:
        for key in _between(order[0], order[-1], precision):
            if key not in periods and key not in missing:
                shown = f"{key[0]}" if precision == "year" else f"{key[0]}-{key[1]:02d}"
                yield (
                    ("observations",),
                    f"no figure and no entry under 'missing' for {shown}: a gap must be listed with its reason",
                    True,
                )


def _period_checks(path: tuple, period, precision: str, today: dt.date) -> Iterator[tuple]:
    if period.precision != precision:
        expected = "YYYY" if precision == "year" else "YYYY-MM"
        yield path + ("period",), f"expected a {precision} ({expected}) in a series by {precision}, got '{period}'"
    if period.first_day() > today:
        yield path + ("period",), f"'{period}' is in the future; the record holds only what has happened"


def _period_is_over(path: tuple, period, today: dt.date) -> Iterator[tuple]:
    """A figure for a year or month that has not ended yet could only be part of it."""
    if period.first_day() <= today <= period.last_day():
        yield (
            path + ("period",),
            f"'{period}' is not over yet (today is {today.isoformat()} in {ZONE_NAME}); a figure for it could only be partial: "
            f"add it once the {period.precision} has ended",
        )


def _implausible(value: float, unit: str) -> str:
    shown = f"{value:,.0f}" if value < 1e15 else f"{value:.3g}"
    message = f"{shown} {unit} is not plausible: figures are in {unit}, at most {MAX_FIGURE:,}"
    if value < 1e15:  # typed in dollars? say what that would be in the unit
        message += f"; if it is in US dollars, write it as {value / 1e6:,.6g} (million)"
    return message


def _between(first, last, precision: str) -> Iterator[tuple]:
    """Every (year, month) key from `first` to `last`: months for a monthly series, years otherwise."""
    if precision == "year":
        yield from ((year, None) for year in range(first.year, last.year + 1))
        return
    year, month = first.year, first.month or 1
    while (year, month) <= (last.year, last.month or 12):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
