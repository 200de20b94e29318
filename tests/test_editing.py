"""`lipsteeth new`: entries land in the right place and nothing else in the file changes."""

from __future__ import annotations

import pytest

from lipsteeth.cli import main
from lipsteeth.data.dates import PartialDate
from lipsteeth.tools.editing import EntryRejected, add_event, add_person, propose_id

EV = "events/events.yaml"
SOURCE = [{"url": "https://example.org/new", "publisher": "Example News", "title": "A new page"}]


def fields(**overrides):
    base = {
        "date": "2003-10-29",
        "kind": "visit",
        "title": "Wu Bangguo visits Pyongyang",
        "summary": "A visit.",
        "people": [],
        "sources": SOURCE,
    }
    base.update({"from": "CN", "to": "KP"})
    base.update(overrides)
    return base


class TestAddEvent:
    def test_inserted_in_date_order_and_nothing_else_changes(self, mini):
        """The new entry goes between the 2000 visit and the 2006 test; every other line is untouched."""
        before = mini.file(EV).read_text()
        mini.write(EV, "# A comment the editor wrote\n" + before)
        before = mini.file(EV).read_text()
        path, new_id = add_event(mini.path, fields())
        after = path.read_text()
        assert new_id == "2003-10-wu-bangguo-visits-pyongyang"
        cut = before.index("  - id: 2006-10")
        entry = after[cut : after.index("  - id: 2006-10")]
        assert entry.startswith('  - id: 2003-10-wu-bangguo-visits-pyongyang\n    date: "2003-10-29"\n    kind: visit\n')
        assert after == before[:cut] + entry + before[cut:]
        assert mini.problems() == []

    def test_a_later_event_is_appended(self, mini):
        """An event after every other goes at the end."""
        path, _ = add_event(mini.path, fields(date="2010"))
        assert path.read_text().rstrip().endswith("title: A new page")

    def test_invalid_entry_is_refused_and_the_file_is_untouched(self, mini):
        """Each problem with the new entry names the option that gave it, and nothing is written."""
        before = mini.file(EV).read_text()
        with pytest.raises(EntryRejected) as caught:
            add_event(
                mini.path,
                fields(people=["jiang-zeming"], sources=[{"url": "javascript:alert(1)", "publisher": "x", "title": "y"}]),
            )
        assert caught.value.reasons == [
            "--people: unknown person 'jiang-zeming'; expected an id from data/people.yaml (did you mean 'jiang-zemin'?)",
            "--source-url: expected an http:// or https:// address, got 'javascript:alert(1)'",
        ]
        assert mini.file(EV).read_text() == before

    def test_an_end_before_the_start_names_the_option(self, mini):
        """A meaning check on the new entry is also said of its option."""
        with pytest.raises(EntryRejected) as caught:
            add_event(mini.path, fields(end="2003-10-01"))
        assert caught.value.reasons == ["--end: expected a date on or after the start (2003-10-29), got '2003-10-01'"]

    def test_a_year_no_file_is_named_for_is_refused(self, mini):
        """With year-named files, an event from a year none covers is not put in the wrong one."""
        mini.file(EV).rename(mini.file("events/1998-2011.yaml"))
        with pytest.raises(ValueError, match="no file in data/events/ is named for 1850"):
            add_event(mini.path, fields(date="1850"))

    def test_proposed_ids_are_unique(self):
        """A taken id gets -2, then -3."""
        date = PartialDate.parse("2000-05-29")
        taken = {"2000-05-kim-visits", "2000-05-kim-visits-2"}
        assert propose_id(date, "Kim visits", taken) == "2000-05-kim-visits-3"
        assert propose_id(PartialDate.parse("1998"), "Taepodong-1 über Japan!", set()) == "1998-taepodong-1-uber-japan"


class TestAddPerson:
    def test_person_is_appended_with_native_names(self, mini):
        """A new person gets an id from the name and keeps the scripts given."""
        path, new_id = add_person(
            mini.path, {"name": "Wu Bangguo", "country": "CN", "names": {"hanzi": "吴邦国"}, "aliases": ["Wu Pang-kuo"]}
        )
        assert new_id == "wu-bangguo"
        assert path.read_text().endswith(
            "  - id: wu-bangguo\n    name: Wu Bangguo\n    names:\n      hanzi: 吴邦国\n    aliases: [Wu Pang-kuo]\n    country: CN\n"
        )
        assert mini.problems() == []


class TestCommand:
    def test_missing_fields_without_a_terminal_are_named(self, mini, capsys, monkeypatch):
        """In CI (no terminal to ask) the command says which options are missing."""
        monkeypatch.setattr("sys.stdin.isatty", lambda: False)
        assert main(["--data", str(mini.path), "new", "event", "--date", "2003"]) == 2
        assert "missing --kind, --title, --summary, --source-url, --source-publisher, --source-title" in capsys.readouterr().err

    def test_prompts_for_what_is_missing(self, mini, monkeypatch, capsys):
        """At a terminal, each missing field is asked for."""
        answers = iter(["Wu Bangguo visits Pyongyang", "A visit.", "https://example.org/a", "Example News", "Headline"])
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
        code = main(
            ["--data", str(mini.path), "new", "event", "--date", "2003-10", "--kind", "visit", "--from", "CN", "--to", "KP"]
        )
        assert code == 0
        assert "added 2003-10-wu-bangguo-visits-pyongyang" in capsys.readouterr().out
