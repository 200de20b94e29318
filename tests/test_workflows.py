"""The CI workflows, tested as far as they can be without GitHub: valid, pinned, least privilege,
and every command they run exists here."""

from __future__ import annotations

import re

import pytest
import yaml

from lipsteeth.cli import main

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(path):
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as 'on'.
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
class TestWorkflow:
    def test_every_action_is_pinned_to_a_commit(self, path):
        """Tags can move; a full commit SHA cannot."""
        unpinned = [s["uses"] for s in steps(load(path)) if "uses" in s and not re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", s["uses"])]
        assert unpinned == []

    def test_least_privilege(self, path):
        """Read-only by default; no pull_request_target (it would run fork code with write access)."""
        workflow = load(path)
        assert workflow["permissions"] == {"contents": "read"}
        assert "pull_request_target" not in workflow["on"]

    def test_every_command_exists(self, path):
        """make targets are in the Makefile, lipsteeth subcommands are in the CLI, scripts exist."""
        makefile = (ROOT / "Makefile").read_text()
        for step in steps(load(path)):
            command = step.get("run", "")
            for target in re.findall(r"\bmake (\S+)", command):
                assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"make {target}"
            for sub in re.findall(r"lipsteeth (\w+)", command):
                with pytest.raises(SystemExit) as help_exit:
                    main([sub, "--help"])
                assert help_exit.value.code == 0, f"lipsteeth {sub}"
            for script in re.findall(r"bash (\S+)", command):
                assert (ROOT / script).is_file(), script


def test_ci_runs_the_readme_test_command():
    """.ci/run calls the test command that the README's quick start gives."""
    readme = (ROOT / "README.md").read_text()
    quick = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    test_command = next(line.split("#")[0].strip() for line in quick.splitlines() if "test" in line)
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_pre_commit_runs_the_data_check():
    """The pre-commit hook checks the data whenever a data file changes."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    check = next(h for h in hooks if h["id"] == "lipsteeth-check")
    assert check["entry"].endswith("lipsteeth check") and check["files"] == "^data/"
