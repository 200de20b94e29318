"""`check` flags a person with neither a role nor a source (#27): their page would say nothing a
reader can check. Sources are kept per person, so a source alone is enough, and so is a role."""

from __future__ import annotations

import pytest


class TestAPersonNeedsARoleOrASource:
    def test_a_role_is_enough(self, mini):
        """The fixture's people have roles and no sources."""
        assert mini.problems() == []

    def test_every_real_person_passes(self, real_data):
        """Every real person has sources (one, Kim Jong-nam, has no role)."""
        assert real_data.problems() == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # A PERSON NEEDS A ROLE OR A SOURCE
        # A person with no role and no source says nothing a reader can check: located at the entry.
        pytest.param(
            (
                "people.yaml",
                "    roles:\n      - title: General Secretary of the Communist Party of China\n"
                "        from: 1989-06-24\n        to: 2002-11-15\n        leader: true\n",
                "",
            ),
            [
                "data/people.yaml:15:5: people[1]: a person needs at least one role or one source; expected 'roles' "
                "(an office with its dates) or 'sources' (a page that says who they are)"
            ],
            id="a_person_with_neither_is_flagged_where_it_stands",
        ),
        # A person with a source and no role (as Kim Jong-nam in the real record) passes.
        pytest.param(
            (
                "people.yaml",
                "    roles:\n      - title: General Secretary of the Communist Party of China\n"
                "        from: 1989-06-24\n        to: 2002-11-15\n        leader: true\n",
                "    sources:\n      - url: https://example.org/jiang\n        publisher: P\n        title: T\n",
            ),
            [],
            id="a_source_is_enough",
        ),
    ],
)
def test_one_edit(mini, edit, expected):
    """Each case replaces one piece of a file of the fixture (name, old, new); check reports exactly these problems (none: accepted)."""
    mini.replace(*edit)
    assert mini.problems() == expected
