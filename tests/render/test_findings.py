"""The home page's findings are filled in from the record: change the record, and the sentence changes."""

from __future__ import annotations

from lipsteeth.analyse.answer import answer
from lipsteeth.analyse.claims import check_all
from lipsteeth.render.findings import findings
from lipsteeth.wording import count

from ..conftest import dataset_of

EV = "events/events.yaml"
AFTER_THE_TEST = """
  - id: 2006-11-envoy-visits-pyongyang
    date: 2006-11-01
    kind: visit
    title: An envoy visits Pyongyang
    summary: A visit after the test.
    people: [jiang-zemin]
    from: CN
    to: KP
    purpose: special-envoy
    level: ministerial
    sources:
      - url: https://example.org/envoy
        publisher: Example News
        title: Envoy in Pyongyang
"""


def home_findings(mini) -> str:
    dataset = dataset_of(mini)
    return findings(answer(dataset, check_all(dataset)), "index.md")


def test_the_wait_after_a_test_is_computed_from_the_record(mini):
    """A visit 23 days after the test: the finding says 23 days; moved a month later, it says 53."""
    mini.write(EV, mini.file(EV).read_text() + AFTER_THE_TEST)
    before = home_findings(mini)
    assert "After the nuclear test a high-level visit followed, within 23 days." in before
    mini.replace(EV, "date: 2006-11-01", "date: 2006-12-01")
    after = home_findings(mini)
    assert "within 53 days." in after and "within 23 days." not in after


def test_the_scorecard_sentence_counts_the_verdicts(mini):
    """The fixture's one claim agrees; contradict it and the sentence says so."""
    assert "Of its one checked statement, 1 agree with the record and 0 disagree" in home_findings(mini)
    mini.replace("claims.yaml", "less_than: 2 years", "less_than: 1 year")
    assert "Of its one checked statement, 0 agree with the record and 1 disagree" in home_findings(mini)


def test_every_finding_links_to_its_evidence(mini):
    """Each finding ends with a link to the section, claim or page that shows its numbers."""
    mini.write(EV, mini.file(EV).read_text() + AFTER_THE_TEST)
    for line in home_findings(mini).splitlines():
        assert line.startswith("- **") and line.endswith(")") and "](" in line, line


def test_the_envoy_headline_follows_the_numbers():
    """The bold words are chosen by the figures they head, not typed: fewer envoys first, or routine
    visits no slower than all, and the headline says so."""
    import dataclasses

    from lipsteeth.data.validate import load_dataset

    from ..conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    real = answer(dataset, check_all(dataset))
    # the record's own count may change with its coding: set most tests' first visits to envoys'
    real = dataclasses.replace(
        real, envoys=dataclasses.replace(real.envoys, envoys_first_after_tests=real.envoys.first_after_tests - 1)
    )

    def headline(found) -> str:
        line = next(line for line in findings(found, "index.md").splitlines() if "Special envoys came first" in line)
        return line.split("**")[1]

    routine = next(t for t in real.tiers if t.tier.id == "all-no-envoys")
    assert routine.overall.mean_percentile > real.overall.mean_percentile
    assert 2 * real.envoys.envoys_first_after_tests > real.envoys.first_after_tests
    assert headline(real) == "Special envoys came first after most tests; other visits were slower."
    few = dataclasses.replace(real, envoys=dataclasses.replace(real.envoys, envoys_first_after_tests=1))
    assert headline(few).startswith("Special envoys came first after some tests;")
    quick = dataclasses.replace(routine, overall=dataclasses.replace(routine.overall, mean_percentile=10.0))
    same = dataclasses.replace(real, tiers=tuple(quick if t is routine else t for t in real.tiers))
    assert headline(same).endswith("other visits were no slower.")


def test_the_tiers_sentence_names_the_unusual_tiers():
    """The sentence counts the tiers whose waits were unusually long and names them; with none, it says so."""
    import dataclasses

    from lipsteeth.data.validate import load_dataset

    from ..conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    real = answer(dataset, check_all(dataset))

    def tiers_line(found) -> str:
        return next(line for line in findings(found, "index.md").splitlines() if "Special envoys came first" in line)

    def with_p(p_of) -> object:
        tiers = tuple(dataclasses.replace(t, overall=dataclasses.replace(t.overall, p_value=p_of(t))) for t in real.tiers)
        return dataclasses.replace(real, tiers=tiers)

    one = with_p(lambda t: 0.01 if t.tier.id == "all-no-envoys" else 0.5)
    chance = round(100 * real.robustness.family.chance_any)
    assert (
        "The waits were unusually long at one of the six tiers of seniority: all visits under the method's rule, without special "
        f"envoys. With six overlapping tiers tested, at least one reaches p ≤ 0.05 by chance alone about {chance} times in 100 "
        "(the tiers simulated together)." in tiers_line(one)
    )
    other = dataclasses.replace(
        one, robustness=dataclasses.replace(one.robustness, family=dataclasses.replace(one.robustness.family, chance_any=0.31))
    )
    assert "by chance alone about 31 times in 100" in tiers_line(other)
    none = with_p(lambda t: 0.5)
    assert "At none of the six tiers of seniority were the waits unusually long." in tiers_line(none)
    two = with_p(lambda t: 0.01 if t.tier.id in ("leaders", "top") else 0.5)
    assert "at two of the six tiers of seniority: top leadership" in tiers_line(two) and "by chance alone" in tiers_line(two)


def test_the_silences_comparison_says_how_little_five_silences_can_tell():
    """Longer at the median is said with its size and its sample; not longer is said plainly."""
    from lipsteeth.analyse.statistics import SilenceSummary
    from lipsteeth.render.analysis import _silences_compared

    longer = SilenceSummary(median_all=57.5, median_around_a_day=167.0, median_with_tests=179.0, with_tests=5, without_tests=83)
    assert _silences_compared(longer) == (
        "Measured that way, the silences around tests were 12 days longer at the median, over only five silences: "
        "too few to tell a difference of that size from chance."
    )
    shorter = SilenceSummary(median_all=57.5, median_around_a_day=167.0, median_with_tests=150.0, with_tests=5, without_tests=83)
    assert _silences_compared(shorter).endswith("no longer than those around ordinary days.")


def test_the_trade_finding_counts_each_comparison_once():
    """The fourth and fifth tests (January and September 2016) share the 2015-to-2017 comparison: the
    sentence counts comparisons, not tests, and says that two tests share one."""
    from lipsteeth.data.validate import load_dataset

    from ..conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    found = answer(dataset, check_all(dataset))
    line = next(line for line in findings(found, "index.md").splitlines() if "trade rose in" in line)
    rows = [row for row in found.trade.tests if row.change is not None]
    distinct = {(row.before, row.after) for row in rows}
    assert len(distinct) == len(rows) - 1
    assert f"of the {count(len(distinct))} two-year comparisons (two tests share one)" in line


def test_the_answer_compares_tests_and_launches_apart():
    """The waits after nuclear tests and after long-range launches are two comparisons, each of its own kind."""
    from lipsteeth.analyse import statistics
    from lipsteeth.data.validate import load_dataset

    from ..conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    found = answer(dataset, check_all(dataset))
    assert found.tests and {w.event.kind for w in found.tests} == {"nuclear-test"}
    assert found.launches and {w.event.kind for w in found.launches} <= set(statistics.LAUNCHES)


CLOSURE = """
  - id: 2020-01-border-closes
    date: 2020-01-22
    end: 2023-07-25
    kind: other
    title: The border closes
    summary: Closed.
    border_closed: true
    sources:
      - url: https://example.org/closed
        publisher: Example News
        title: Border closed
"""
RESOLUTION = """
  - id: 2006-10-unsc-resolution-1718
    date: 2006-10-14
    kind: un-resolution
    title: Resolution 1718
    summary: Sanctions.
    china_vote: for
    new_sanctions: true
    sources:
      - url: https://example.org/1718
        publisher: Example News
        title: Resolution 1718
"""


def test_the_closure_years_come_from_the_record(mini):
    """Case 14 of #22: the analysis page, the home page's findings and the method page say the
    closure's years as the record dates it; move its end a year and every one of them follows."""
    from lipsteeth.render import analysis
    from lipsteeth.render.fragments import FRAGMENTS
    from lipsteeth.urls import ANALYSIS

    mini.write(EV, mini.file(EV).read_text() + AFTER_THE_TEST + CLOSURE)

    def pages() -> tuple[str, str, str]:
        dataset = dataset_of(mini)
        found = answer(dataset, check_all(dataset))
        return (
            analysis.analysis_page(dataset, found, findings(found, ANALYSIS)),
            findings(found, "index.md"),
            FRAGMENTS["closure-years"](dataset, found, "method.md"),
        )

    page, home, method = pages()
    assert "The 2020–2023 border closure is a period of its own" in page
    assert "The longest silence outside the 2020–2023 border closure" in home
    assert method == "the 2020–2023 border closure"
    mini.replace(EV, "end: 2023-07-25", "end: 2024-07-25")
    page, home, method = pages()
    assert "The 2020–2024 border closure is a period of its own" in page and "2020–2023" not in page
    assert "The longest silence outside the 2020–2024 border closure" in home
    assert method == "the 2020–2024 border closure"


def test_the_home_page_answer_separates_contact_from_relations(mini):
    """The first lines: contact with the longest wait, relations with the votes; each changes with the record."""
    from lipsteeth.render.findings import answer_lines

    mini.write(EV, mini.file(EV).read_text() + AFTER_THE_TEST + RESOLUTION)
    mini.put_in_date_order(EV)

    def lines() -> str:
        dataset = dataset_of(mini)
        return answer_lines(answer(dataset, check_all(dataset)), "index.md")

    first = lines()
    assert first.startswith(
        "**Contact** between Beijing and Pyongyang was never broken: a high-level visit followed the nuclear test of "
        "9 October 2006, within 23 days at most"
    )
    assert "\n**Relations** show strain that contact does not: no paramount leader or head of state visited" in first
    assert "China voted for the one Security Council resolution that imposed or tightened sanctions" in first
    mini.replace(EV, "china_vote: for", "china_vote: abstain")
    mini.replace(EV, "date: 2006-11-01", "date: 2006-12-01")
    second = lines()
    assert "within 53 days at most" in second
    assert "China did not vote for the one Security Council resolution that imposed or tightened sanctions" in second


def test_the_tests_a_run_held_are_said_right_for_any_count():
    from lipsteeth.render.findings import held_tests

    assert held_tests(1, 1) == "which held the one nuclear test"
    assert held_tests(6, 6) == "which held all six nuclear tests"
    assert held_tests(4, 6) == "which held four of the six nuclear tests"
