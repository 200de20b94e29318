"""Who led each country when (analyse.leadership): leader terms and the eras they make, worked out once."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from lipsteeth.analyse import leadership
from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.dataset import Dataset
from lipsteeth.data.dates import PartialDate
from lipsteeth.data.model import Article, Person, Role
from lipsteeth.site import plan_for

from ..conftest import VISIT, dataset_of

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
