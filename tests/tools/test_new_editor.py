"""What an editor expects of `lipsteeth new` at a terminal (#27): an unknown person can be added
there and then, the people are listed a page at a time or filtered, `end` follows `date`, a visit's
countries are offered as choices, more than one source can be given, and a new person is asked
for a role and a source. And `check` flags a person with neither a role nor a source."""

from __future__ import annotations

import sys

import pytest

from lipsteeth.data.model import KINDS

from .pty_session import Terminal, choice

EV = "events/events.yaml"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def test_end_is_asked_right_after_date_and_from_offers_the_visit_countries(mini):
    """The model puts `end` after `date`, so the questions do; `from` numbers the countries a visit
    in this record can have (China and North Korea, with their names), not every country."""
    term = Terminal("--data", str(mini.path), "new", "event")
    term.ask("kind:", choice(KINDS, "visit"))
    term.ask("date:", "2001-09-03")
    assert _question(term.expect("> ")).startswith("end: ")
    term.answer("2001-09-05")
    prompt = term.expect("> ")
    assert _question(prompt).startswith("from: ")
    assert prompt.splitlines()[-1] == "  1) CN (China)  2) KP (North Korea)"
    term.answer("2")
    term.expect("to: CN (the other country)")
    term.finish()


def _question(shown: str) -> str:
    """The question in what the terminal shows before a prompt (after the echo of the last answer)."""
    return next(line for line in shown.splitlines() if ": " in line and not line.startswith(" "))


def _visit_up_to_the_sources(term: Terminal) -> None:
    term.ask("people:", "jiang-zemin")
    term.ask("purpose:", "1")
    term.ask("level:", "1")
    term.ask("place:", "")
    term.ask("secret:", "")
    term.ask("postponed-announced:", "")
    term.ask("title:", "Jiang Zemin visits Pyongyang")
    term.ask("summary:", "Jiang Zemin meets Kim Jong-il in Pyongyang.")
    term.ask("note:", "")


def test_a_second_source_can_be_added(mini):
    """After the first source, another is offered; each is checked as the first is, and both are written."""
    term = Terminal("--data", str(mini.path), "new", "event", "--kind", "visit", "--date", "2001-09-03", "--from", "CN")
    term.ask("end:", "")
    _visit_up_to_the_sources(term)
    term.source("https://example.org/jiang", "Example News", "Jiang in Pyongyang")
    term.ask("Add another source? [y/N]", "y")
    assert "✗ " in term.refused("source-2-url:", "ftp://example.org/x", "https://example.com/jiang")
    term.ask("source-2-publisher:", "Another Paper")
    term.ask("source-2-title:", "Jiang arrives")
    term.ask("Add another source? [y/N]", "")
    term.accept("2001-09-jiang-zemin-visits-north-korea")
    assert term.finish() == 0
    after = mini.file(EV).read_text(encoding="utf-8")
    assert (
        "    sources:\n      - url: https://example.org/jiang\n        publisher: Example News\n        title: Jiang in Pyongyang\n"
        "      - url: https://example.com/jiang\n        publisher: Another Paper\n        title: Jiang arrives\n"
    ) in after
    assert mini.problems() == []


def test_the_people_are_listed_a_page_at_a_time_or_filtered(real_data):
    """`?` shows 20 people and offers more on Enter; `kim?` shows only those whose id or name has 'kim'."""
    term = Terminal("--data", str(real_data.path), "new", "event", "--kind", "visit", "--date", "2001-09-03", "--from", "CN")
    term.ask("end:", "")
    term.ask("people:", "?")
    page = term.expect("Enter shows more")
    listed = [line for line in page.splitlines() if line.startswith("  ") and ": " in line and "(" in line]
    assert len(listed) == 20
    assert "20 of 84" in page
    term.expect("> ")
    term.answer("")
    page = term.expect("Enter shows more")
    second = [line for line in page.splitlines() if line.startswith("  ") and ": " in line and "(" in line]
    assert len(second) == 20 and not set(second) & set(listed)
    assert "40 of 84" in page
    term.expect("> ")
    term.answer("kim?")
    shown = term.expect("\npeople:")
    found = [line for line in shown.splitlines() if line.startswith("  ") and ": " in line and "(" in line]
    assert found and all("kim" in line.lower() for line in found)
    assert "  kim-jong-il: Kim Jong-il (KP)" in found and "  jiang-zemin: Jiang Zemin (CN)" not in shown
    assert len(found) < 20
    term.expect("> ")
    term.answer("jiang-zemin")
    term.expect("purpose:")
    term.finish()


def test_an_unknown_person_can_be_added_there_and_then(mini):
    """Naming someone the record lacks offers to add them, asking what `new person` asks; the person
    and the event are both written, and the editors' schema lists the new id."""
    (mini.path / "schemas").mkdir(exist_ok=True)
    term = Terminal("--data", str(mini.path), "new", "event", "--kind", "visit", "--date", "2003-10-30", "--from", "CN")
    term.ask("end:", "")
    term.ask("people:", "wu-bangguo, kim-jong-il")
    term.expect("unknown person 'wu-bangguo'")
    term.ask("Add 'wu-bangguo' to data/people.yaml now? [y/N]", "")  # declined: asked again
    term.ask("people:", "wu-bangguo, kim-jong-il")
    term.ask("Add 'wu-bangguo' to data/people.yaml now? [y/N]", "y")
    term.ask("name:", "Wu Bangguo")
    term.ask("country:", "1")
    term.ask("hangul:", "")
    term.ask("hanzi:", "吴邦国")
    term.ask("aliases:", "")
    term.ask("role-title:", "Chairman of the Standing Committee of the National People's Congress")
    term.ask("role-from:", "2003-03-15")
    term.ask("role-to:", "2013-03-14")
    term.ask("role-leader:", "")
    term.source("https://example.org/wu", "Example News", "Wu Bangguo")
    term.ask("purpose:", "4")
    term.ask("level:", "2")
    term.ask("place:", "Pyongyang")
    term.ask("secret:", "")
    term.ask("postponed-announced:", "")
    term.ask("title:", "Wu Bangguo visits Pyongyang")
    term.ask("summary:", "Wu Bangguo meets Kim Jong-il.")
    term.ask("note:", "")
    term.source("https://example.org/wu-visit", "Example News", "Wu in Pyongyang")
    term.ask("Add another source? [y/N]", "")
    term.accept("2003-10-wu-bangguo-visits-pyongyang")
    term.expect("editors now offer 'wu-bangguo'")
    assert term.finish() == 0
    people = mini.file("people.yaml").read_text(encoding="utf-8")
    assert "  - id: wu-bangguo\n    name: Wu Bangguo\n" in people and "https://example.org/wu\n" in people
    assert "    people: [wu-bangguo, kim-jong-il]\n" in mini.file(EV).read_text(encoding="utf-8")
    assert '"wu-bangguo"' in (mini.path / "schemas" / "events.schema.json").read_text(encoding="utf-8")
    assert mini.problems() == []


def test_a_new_person_is_asked_for_a_role_and_a_source(mini):
    """The role's title and the source are required at the terminal; the role's dates are asked for."""
    term = Terminal("--data", str(mini.path), "new", "person")
    term.ask("name:", "Kim Yong-nam")
    term.ask("country:", "2")
    term.ask("hangul:", "")
    term.ask("hanzi:", "")
    term.ask("aliases:", "")
    term.ask("role-title:", "")
    term.expect("✗ Required: role-title; it cannot be left empty")
    term.ask("role-title:", "President of the Presidium of the Supreme People's Assembly")
    term.ask("role-from:", "1998-09-05")
    term.ask("role-to:", "2019-04-11")
    term.ask("role-leader:", "")
    term.ask("source-url:", "")
    term.expect("✗ Required: source-url; it cannot be left empty")
    term.source("https://example.org/kim-yong-nam", "Example News", "Kim Yong-nam")
    term.accept("kim-yong-nam")
    assert term.finish() == 0
    people = mini.file("people.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: kim-yong-nam\n    name: Kim Yong-nam\n    country: KP\n    roles:\n"
        "      - title: President of the Presidium of the Supreme People's Assembly\n"
        '        from: "1998-09-05"\n        to: "2019-04-11"\n'
        "    sources:\n      - url: https://example.org/kim-yong-nam\n"
    ) in people
    assert mini.problems() == []


class TestNewPersonNeedsARoleOrASource:
    def test_new_person_without_either_is_refused(self, mini, capsys):
        """On the command line, where nothing is asked, a person with neither is refused with the rule's words."""
        from lipsteeth.cli import main

        before = mini.file("people.yaml").read_bytes()
        assert main(["--data", str(mini.path), "new", "person", "--name", "Kim Yong-nam", "--country", "KP"]) == 1
        assert capsys.readouterr().err == (
            "the new person: a person needs at least one role or one source; expected 'roles' (an office with its dates) "
            "or 'sources' (a page that says who they are)\nThe new person was not added; nothing was written.\n"
        )
        assert mini.file("people.yaml").read_bytes() == before


def test_a_refused_event_leaves_the_new_person_unwritten_too(mini):
    """The person and the event are checked together before either file is replaced: one refused, neither written."""
    from lipsteeth.tools.editing import EntryRejected, add_event

    people, events = mini.file("people.yaml").read_bytes(), mini.file(EV).read_bytes()
    person = {"id": "wu-bangguo", "name": "Wu Bangguo", "country": "CN", "roles": [{"title": "Chairman"}]}
    event = {"date": "2003-10-30", "kind": "visit", "from": "CN", "to": "KP", "purpose": "working", "level": "top"}
    event |= {
        "title": "T",
        "summary": "S",
        "people": ["wu-bangguo"],
        "sources": [{"url": "https://example.org/", "publisher": "P"}],
    }
    with pytest.raises(EntryRejected) as refused:
        add_event(mini.path, event, (person,))
    assert refused.value.reasons == ["--sources: missing required field 'title'"]
    assert (mini.file("people.yaml").read_bytes(), mini.file(EV).read_bytes()) == (people, events)
    path, new_id = add_event(
        mini.path, event | {"sources": [{"url": "https://example.org/", "publisher": "P", "title": "T"}]}, (person,)
    )
    assert new_id == "2003-10-wu-bangguo-visits-north-korea" and "  - id: wu-bangguo\n" in mini.file("people.yaml").read_text()
    assert mini.problems() == []


def test_a_person_added_along_the_way_is_kept_by_a_stopped_run(mini):
    """Ctrl-C after the person's answers and before the event is written: nothing is written, the
    person's answers are kept with the event's, and the resumed run writes both."""
    term = Terminal("--data", str(mini.path), "new", "event", "--kind", "visit", "--date", "2003-10-30", "--from", "CN")
    term.ask("end:", "")
    term.ask("people:", "wu-bangguo")
    term.ask("Add 'wu-bangguo' to data/people.yaml now? [y/N]", "y")
    term.answers(("name:", "Wu Bangguo"), ("country:", "1"), ("hangul:", ""), ("hanzi:", ""), ("aliases:", ""))
    term.answers(("role-title:", "Chairman"), ("role-from:", ""), ("role-to:", ""), ("role-leader:", ""))
    term.source("https://example.org/wu", "Example News", "Wu Bangguo")
    term.expect("purpose:")
    term.expect("> ")
    term.interrupt("stopped (Ctrl-C); nothing was written.")
    assert term.finish() == 130
    assert "wu-bangguo" not in mini.file("people.yaml").read_text(encoding="utf-8")

    term = Terminal("--data", str(mini.path), "new", "event")
    term.ask("Resume them?", "")
    term.ask("end:", "")  # skipped before, so asked again; the people and the person are kept
    term.answers(("purpose:", "4"), ("level:", "2"), ("place:", ""), ("secret:", ""), ("postponed-announced:", ""))
    term.answers(("title:", "Wu Bangguo visits"), ("summary:", "A visit."), ("note:", ""))
    term.source("https://example.org/v", "P", "T")
    term.ask("Add another source? [y/N]", "")
    term.expect("] > ")
    term.answer("")
    term.expect("added wu-bangguo to")
    term.expect("added 2003-10-wu-bangguo-visits-north-korea")
    assert term.finish() == 0
    assert "  - id: wu-bangguo\n    name: Wu Bangguo\n    country: CN\n" in mini.file("people.yaml").read_text(encoding="utf-8")
    assert mini.problems() == []
