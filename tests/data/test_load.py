"""Loading untrusted YAML: what parsing may cost is bounded, and every refusal is located.

Every data file arrives in a pull request, so these are files an attacker (or an unlucky editor)
could write. Each case must end in located problems, quickly and in little memory, never in an
internal error, a hang or a message that echoes what a linked file holds."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from lipsteeth.data import load, validate
from lipsteeth.data.validate import load_dataset

from ..conftest import TODAY

EV = "events/events.yaml"


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The 'billion laughs': each anchor lists the one before it `width` times."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines.append(f"events: *a{levels - 1}")
    return "\n".join(lines) + "\n"


class TestAliases:
    def test_an_alias_bomb_is_refused_without_expanding_it(self, mini):
        """Nine levels of nine (387 million strings, gigabytes, if expanded) are refused by a check
        run with its memory capped at 1 GiB, which an expansion would exceed. (How long it takes is
        measured by `lipsteeth bench`, not here.)"""
        mini.write(EV, alias_bomb())

        def cap_memory():
            resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

        command = [sys.executable, "-m", "lipsteeth.cli", "--data", str(mini.path), "check"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, preexec_fn=cap_memory)
        assert result.returncode == 1, result.stderr
        assert "data/events/events.yaml:2:10: an alias (*a0) repeats a value written elsewhere" in result.stderr
        assert "aliases are not allowed in data files: write the value out" in result.stderr

    def test_a_recursive_alias_is_located(self, mini):
        """An anchor that contains its own alias would recurse forever when expanded."""
        mini.write(EV, "events: &loop [*loop]\n")
        assert mini.problems() == [
            "data/events/events.yaml:1:16: an alias (*loop) repeats a value written elsewhere; "
            "aliases are not allowed in data files: write the value out"
        ]

    def test_a_harmless_alias_is_refused_too(self, mini):
        """Editors never need aliases: even a small one is reported, at the alias."""
        mini.replace(EV, "    title: First nuclear test", "    title: &t First nuclear test\n    summary2: *t")
        assert mini.problems() == [
            "data/events/events.yaml:38:15: an alias (*t) repeats a value written elsewhere; "
            "aliases are not allowed in data files: write the value out"
        ]

    def test_the_first_ten_aliases_are_located_and_the_rest_counted_at_the_first_of_them(self, mini):
        """Ten aliases: ten lines. Eleven: the eleventh is named on its own line. Thirteen: the eleventh
        line counts the three left, at the eleventh alias (line 2, column 2 + 4 * 10)."""

        def problems_with(aliases: int) -> list[str]:
            mini.write(EV, "a: &x 1\nb: [" + ", ".join(["*x"] * aliases) + "]\n")
            return mini.problems()

        assert len(problems_with(10)) == 10
        eleven = problems_with(11)
        assert (
            len(eleven) == 11
            and eleven[-1] == "data/events/events.yaml:2:45: this alias too: aliases are not allowed in data files"
        )
        thirteen = problems_with(13)
        assert thirteen[:10] == eleven[:10]
        assert (
            thirteen[-1] == "data/events/events.yaml:2:45: this alias and 2 more after it: aliases are not allowed in data files"
        )


class TestNesting:
    def test_deep_nesting_is_located_not_a_crash(self, mini):
        """990 nested lists (libyaml allows 1,000) would overflow the builder's recursion."""
        mini.write(EV, "events: " + "[" * 990 + "]" * 990 + "\n")
        (problem,) = mini.problems()
        assert problem.startswith("data/events/events.yaml:1:33: events")
        assert problem.endswith("nested more than 24 levels deep; a data file needs far fewer")


class TestTags:
    @pytest.mark.parametrize(
        ("written", "message"),
        [
            ("!!int abc", "'abc' is not a valid !!int; remove the tag '!!int'"),
            ("!!bool maybe", "'maybe' is not a valid !!bool; remove the tag '!!bool'"),
            ("!!float abc", "'abc' is not a valid !!float; remove the tag '!!float'"),
            ("!python/object:os.system x", "the tag '!python/object:os.system' is not used in data files; remove it"),
        ],
    )
    def test_a_bad_tag_is_located(self, mini, written, message):
        mini.replace(EV, "    title: First nuclear test", f"    title: {written}")
        assert f"data/events/events.yaml:37:12: events[2].title: {message}" in mini.problems()


class TestCharacters:
    def test_a_control_character_gets_its_line_and_column(self, mini):
        """YAML refuses U+007F; the message names the character and where it is, not a byte offset."""
        mini.replace(EV, "title: First nuclear test", "title: First\x7f nuclear test")
        assert mini.problems() == ["data/events/events.yaml:37:17: the character U+007F is not allowed in YAML text; remove it"]

    def test_an_overlong_value_is_refused(self, mini):
        """A value far longer than any real one is not built at all."""
        mini.replace(EV, "summary: North Korea tests a nuclear device.", "summary: " + "x" * 30_000)
        assert "data/events/events.yaml:38:14: events[2].summary: a value of 30,000 characters; values are at most 20,000" in (
            mini.problems()
        )

    def test_a_byte_order_mark_is_accepted(self, mini):
        """Some editors on Windows save UTF-8 with a BOM; that is still UTF-8."""
        mini.file(EV).write_bytes(b"\xef\xbb\xbf" + mini.file(EV).read_bytes())
        assert mini.problems() == []


class TestFiles:
    def test_a_link_to_a_secret_is_refused_without_reading_it(self, mini, tmp_path):
        """A link to a file outside the repository: refused, and nothing of the file reaches the log."""
        secret = tmp_path / "secret.yaml"
        secret.write_text("password: hunter2\n")
        (mini.path / "events" / "leak.yaml").symlink_to(secret)
        problems = mini.problems()
        assert problems == [
            "data/events/leak.yaml:1:1: is a symbolic link; data files must be regular files in the repository (links are not followed)"
        ]
        assert "hunter2" not in "".join(problems) and "password" not in "".join(problems)

    def test_a_link_to_dev_zero_is_refused(self, mini):
        """Reading /dev/zero would never end; the link is refused before any read."""
        (mini.path / "events" / "zero.yaml").symlink_to("/dev/zero")
        assert mini.problems()[0].startswith("data/events/zero.yaml:1:1: is a symbolic link")

    def test_a_linked_people_file_is_refused(self, mini, tmp_path):
        """The fixed files are checked too, not only events."""
        moved = tmp_path / "people.yaml"
        mini.file("people.yaml").rename(moved)
        mini.file("people.yaml").symlink_to(moved)
        assert mini.problems() == [
            "data/people.yaml:1:1: is a symbolic link; data files must be regular files in the repository (links are not followed)"
        ]

    def test_a_folder_or_a_pipe_named_yaml_is_refused(self, mini):
        """Neither is a file; neither is read (a pipe would block)."""
        (mini.path / "events" / "folder.yaml").mkdir()
        os.mkfifo(mini.path / "events" / "pipe.yaml")
        assert mini.problems() == [
            "data/events/folder.yaml:1:1: is not a regular file (a folder, device or pipe); expected a YAML file",
            "data/events/pipe.yaml:1:1: is not a regular file (a folder, device or pipe); expected a YAML file",
        ]

    def test_a_huge_file_is_refused_before_it_is_read(self, mini, monkeypatch):
        """The size is checked first (here with a 1 KB limit, to keep the test small)."""
        monkeypatch.setattr(load, "MAX_FILE_BYTES", 1000)
        size = mini.file(EV).stat().st_size
        assert mini.problems() == [
            f"data/events/events.yaml:1:1: is {size:,} bytes; a data file is at most 1,000 bytes: split it (events files by years)"
        ]


class TestWhatReportingMayCost:
    """A file broken a million times over costs seconds, not minutes: long lists and wide mappings
    are refused whole, an entry lists its first problems, and the report its first thousand."""

    def test_a_list_too_long_is_refused_whole(self, mini, monkeypatch):
        monkeypatch.setattr(load, "MAX_ITEMS", 2)
        assert (
            mini.problems()[0] == "data/events/events.yaml:2:3: events: a list of 3 entries; lists hold at most 2: split the file"
        )

    def test_a_mapping_too_wide_is_refused_whole(self, mini, monkeypatch):
        monkeypatch.setattr(load, "MAX_FIELDS", 14)  # the visit has 15; the rest of the fixture fewer
        assert mini.problems() == ["data/events/events.yaml:13:5: events[1]: a mapping of 15 fields; a record has at most 14"]

    def test_an_entry_lists_its_first_problems_then_counts_the_rest(self, mini, monkeypatch):
        from lipsteeth.data import shape_check

        monkeypatch.setattr(shape_check, "MAX_PER_RECORD", 2)
        extra = "".join(f"    unknown{n}: 1\n" for n in range(5))
        mini.replace(EV, "    outcome: partial\n", "    outcome: partial\n" + extra)
        problems = [p for p in mini.problems() if p.startswith("data/events/events.yaml")]
        assert len(problems) == 3
        assert "data/events/events.yaml:2:5: events[0]: … and 3 more problems in this entry; fix these first" in problems

    def test_the_report_lists_the_first_thousand(self, mini, monkeypatch):
        from lipsteeth import errors

        monkeypatch.setattr(errors, "MAX_SHOWN", 2)
        mini.replace(EV, "    outcome: partial\n", "    outcome: partial\n" + "".join(f"    unknown{n}: 1\n" for n in range(4)))
        try:
            load_dataset(mini.path, today=TODAY)
        except errors.DataError as exc:
            report = exc.report().splitlines()
        assert len(report) == 4
        assert report[-2:] == [
            "… and 2 more problems after these; fix the first ones and check again.",
            "4 problems found in the data; nothing was built.",
        ]

    def test_the_data_files_together_are_bounded(self, mini, monkeypatch):
        monkeypatch.setattr(validate, "MAX_TOTAL_BYTES", (mini.path / "article.yaml").stat().st_size + 10)
        refused = {p.split(":")[0] for p in mini.problems() if ":1:1: not read: with it the data files would hold " in p}
        assert refused == {"data/people.yaml", "data/claims.yaml", "data/events/events.yaml"}  # only the article is read


class TestReuse:
    """Under `mkdocs serve` a save changes one file: with `reuse`, the files whose text is unchanged
    are not parsed again, and what changed is read as it is now."""

    @pytest.fixture
    def composed(self, monkeypatch) -> list[str]:
        """The text of each YAML document parsed while the test runs (by its first line)."""
        parsed: list[str] = []
        real_compose = load.yaml.compose

        def spy(text, **options):
            parsed.append(text.splitlines()[0] if text else "")
            return real_compose(text, **options)

        monkeypatch.setattr(load.yaml, "compose", spy)
        monkeypatch.setattr(load, "_PARSED", {})
        return parsed

    def test_only_the_changed_file_is_parsed_again(self, mini, composed):
        first = load_dataset(mini.path, today=TODAY, reuse=True)
        assert len(composed) == len(list(mini.path.rglob("*.yaml")))
        composed.clear()
        mini.replace("events/events.yaml", "title: First nuclear test", "title: First underground test")
        second = load_dataset(mini.path, today=TODAY, reuse=True)
        assert composed == ["events:"], "only the events file was parsed again"
        assert second.event_by_id["2006-10-first-nuclear-test"].title == "First underground test"
        assert second.people == first.people
        assert load_dataset(mini.path, today=TODAY) == second  # as a fresh read has it

    def test_only_the_changed_file_s_records_are_shape_checked_again(self, mini, composed, monkeypatch):
        checked: list[str] = []
        real_check = validate.validate_records
        monkeypatch.setattr(validate, "validate_records", lambda doc, *a: checked.append(doc.file) or real_check(doc, *a))
        monkeypatch.setattr(validate, "_CHECKED", {})
        load_dataset(mini.path, today=TODAY, reuse=True)
        assert "data/people.yaml" in checked
        checked.clear()
        mini.replace("events/events.yaml", "title: First nuclear test", "title: First underground test")
        second = load_dataset(mini.path, today=TODAY, reuse=True)
        assert checked == ["data/events/events.yaml"]
        assert second == load_dataset(mini.path, today=TODAY)  # as a fresh read has it
        mini.replace("people.yaml", "name: Kim Jong-il", "name: [Kim Jong-il")  # broken, then mended: checked again
        with pytest.raises(validate.DataError):
            load_dataset(mini.path, today=TODAY, reuse=True)
        mini.replace("people.yaml", "name: [Kim Jong-il", "name: Kim Jong-il")
        checked.clear()
        assert load_dataset(mini.path, today=TODAY, reuse=True) == second
        assert checked == ["data/people.yaml"]

    def test_a_file_with_problems_reports_them_at_every_read(self, mini, composed):
        load_dataset(mini.path, today=TODAY, reuse=True)
        mini.replace("people.yaml", "name: Kim Jong-il", "name: [Kim Jong-il")
        for _ in range(2):
            with pytest.raises(validate.DataError) as raised:
                load_dataset(mini.path, today=TODAY, reuse=True)
            assert [p.file for p in raised.value.problems] == ["data/people.yaml"]

    def test_without_reuse_every_file_is_parsed(self, mini, composed):
        load_dataset(mini.path, today=TODAY, reuse=True)
        composed.clear()
        load_dataset(mini.path, today=TODAY)
        assert len(composed) == len(list(mini.path.rglob("*.yaml")))
