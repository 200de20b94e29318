"""The CI workflows, tested as far as they can be without GitHub: valid (actionlint), free of known
weaknesses (zizmor), pinned to commits of releases that run on Node 24, least privilege job by job,
and every command they run exists here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from lipsteeth.cli import main

from ..conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

# What each action needs of the job's GITHUB_TOKEN. A job gets exactly the union of what its
# actions need; an action missing here fails the tests until its needs are written down.
NEEDS: dict[str, dict[str, str]] = {
    # Clones with the token (its README, "Recommended permissions").
    "actions/checkout": {"contents": "read"},
    # Its README's "Recommended permissions"; the token only fetches Python builds from a public repository.
    "actions/setup-python": {"contents": "read"},
    # Reads the Pages settings (GET /repos/{owner}/{repo}/pages), which needs the Pages permission.
    "actions/configure-pages": {"pages": "read"},
    # The cache and artifact services are reached with the runner's own token, not GITHUB_TOKEN.
    "actions/cache": {},
    "actions/upload-artifact": {},
    "actions/upload-pages-artifact": {},
    # Creates a Pages deployment, with an OIDC token that proves which workflow and branch it comes from.
    "actions/deploy-pages": {"pages": "write", "id-token": "write"},
}

# The first major version of each action that runs on Node 24 (GitHub's runners no longer have Node 20).
# upload-pages-artifact is a composite action: v5 is its first to call an upload-artifact on Node 24.
NODE_24_SINCE = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/cache": 5,
    "actions/upload-artifact": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}

LEVELS = {"none": 0, "read": 1, "write": 2}

# The linters are test dependencies, installed next to this Python (the test extra).
VENV_BIN = Path(sys.executable).parent


def load(path):
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as 'on'.
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def action(uses):
    """'actions/cache/restore@<sha>' -> 'actions/cache' (the repository, whose needs are in NEEDS)."""
    return "/".join(uses.split("@")[0].split("/")[:2])


def called(job):
    """The workflow a job calls (`uses: $/.github/workflows/x.yml`, the self-repository form), or None."""
    uses = job.get("uses")
    return load(ROOT / uses.removeprefix("$/")) if uses else None


def needs_of(job):
    """The permissions a job's actions need together, each scope at the highest level asked for. A job
    that calls a workflow needs what the called workflow's jobs need (they can only have less)."""
    needed: dict[str, str] = {}
    if job.get("uses"):
        for inner in called(job)["jobs"].values():
            for scope, level in needs_of(inner).items():
                if LEVELS[level] > LEVELS[needed.get(scope, "none")]:
                    needed[scope] = level
        return needed
    for step in job.get("steps", []):
        if "uses" not in step:
            continue
        name = action(step["uses"])
        assert name in NEEDS, f"{name}: write down in NEEDS which permissions it needs"
        for scope, level in NEEDS[name].items():
            if LEVELS[level] > LEVELS[needed.get(scope, "none")]:
                needed[scope] = level
    return needed


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
class TestWorkflow:
    def test_every_action_is_pinned_to_a_commit(self, path):
        """Tags can move; a full commit SHA cannot."""
        unpinned = [s["uses"] for s in steps(load(path)) if "uses" in s and not re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", s["uses"])]
        assert unpinned == []

    def test_every_pin_names_a_release_on_node_24(self, path):
        """Each pin says which release it is (`# v7.0.1`), and that release runs on Node 24."""
        for line in path.read_text().splitlines():
            if not re.match(r"\s*(- )?uses:", line) or "uses: $/" in line:
                continue  # a workflow of this repository is not pinned: it is the same commit
            pin = re.search(r"uses: ([\w./-]+)@[0-9a-f]{40} # v(\d+)\.\d+\.\d+$", line)
            assert pin, f"no '# vX.Y.Z' after the commit: {line.strip()}"
            name, major = action(pin[1]), int(pin[2])
            assert name in NODE_24_SINCE, f"{name}: write down in NODE_24_SINCE its first major version on Node 24"
            assert major >= NODE_24_SINCE[name], f"{name} v{major} runs on Node 20: use v{NODE_24_SINCE[name]} or later"

    def test_least_privilege(self, path):
        """Nothing (or read-only) by default; no pull_request_target (it would run fork code with write access)."""
        workflow = load(path)
        assert set(workflow["permissions"].values()) <= {"read"}
        assert "pull_request_target" not in workflow["on"]

    def test_each_job_has_exactly_what_its_actions_need(self, path):
        """Every job states its permissions, and they are the union of what its actions need (NEEDS):
        nothing missing (the action would fail) and nothing more (a compromised step could use it)."""
        for name, job in load(path)["jobs"].items():
            assert isinstance(job.get("permissions"), dict), f"job {name}: no permissions block of its own"
            granted = {scope: level for scope, level in job["permissions"].items() if level != "none"}
            needed = needs_of(job)
            missing = {s: lv for s, lv in needed.items() if LEVELS[granted.get(s, "none")] < LEVELS[lv]}
            assert missing == {}, f"job {name} lacks what its actions need"
            assert granted == needed, f"job {name} has more than its actions need"

    def test_checkout_keeps_no_credentials(self, path):
        """The token is not left in .git/config (or beside it) for later steps or artifacts to leak."""
        for step in steps(load(path)):
            if "uses" in step and action(step["uses"]) == "actions/checkout":
                assert step.get("with", {}).get("persist-credentials") is False

    def test_every_job_has_a_timeout(self, path):
        """A hung job stops within minutes instead of GitHub's six hours (a job that calls a workflow
        cannot set one: the called workflow's jobs do, and this test reads them there)."""
        for name, job in load(path)["jobs"].items():
            if job.get("uses"):
                continue
            assert isinstance(job.get("timeout-minutes"), int) and job["timeout-minutes"] > 0, f"job {name}"

    def test_the_site_is_built_from_the_whole_history(self, path):
        """The changelog and each record's 'last changed' day come from git: a job that builds the
        site checks out every commit (fetch-depth 0), not the default single one."""
        for name, job in load(path)["jobs"].items():
            commands = " ".join(s.get("run", "") for s in job.get("steps", []))
            if re.search(r"\bmake build\b|lipsteeth build\b", commands):
                checkout = next(s for s in job["steps"] if "uses" in s and action(s["uses"]) == "actions/checkout")
                assert checkout.get("with", {}).get("fetch-depth") == 0, f"job {name}"

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


def test_a_main_whose_checks_fail_is_never_published():
    """The deployment runs only when the Check workflow calls it: after its `check` job (the tests, the
    data check and the strict build) passed, only for main, never for a pull request, and one at a time."""
    deploy = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert set(deploy["on"]) == {"workflow_call"}, "deploy.yml must not run on its own (a push would skip the tests)"
    check = load(ROOT / ".github" / "workflows" / "check.yml")
    publish = [job for job in check["jobs"].values() if job.get("uses") == "$/.github/workflows/deploy.yml"]
    assert len(publish) == 1
    job = publish[0]
    assert job["needs"] == "check" and "steps" in check["jobs"]["check"]
    assert "bash .ci/run" in "\n".join(s.get("run", "") for s in check["jobs"]["check"]["steps"])
    context = {"github": {"ref": "refs/heads/main", "event_name": "push"}}
    assert evaluate(job["if"], context) is True
    assert evaluate(job["if"], {"github": {"ref": "refs/heads/main", "event_name": "pull_request"}}) is False
    assert evaluate(job["if"], {"github": {"ref": "refs/heads/feature", "event_name": "push"}}) is False
    assert job["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_local_workflows_are_called_by_the_self_repository_form():
    """A job-level `uses` names a workflow of this repository ($/...), never another repository's."""
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            if "uses" in job:
                assert job["uses"].startswith("$/.github/workflows/"), f"{path.name}: job {name}"
                assert (ROOT / job["uses"].removeprefix("$/")).is_file()


def test_each_workflow_keeps_its_own_caches():
    """Two workflows saving one cache key would race (the second save fails): chart caches are keyed by
    workflow, and pip downloads are cached per lock (the installs stay hash-checked)."""
    keys = []
    for path in WORKFLOWS:
        for step in steps(load(path)):
            if "uses" not in step:
                continue
            if action(step["uses"]) == "actions/cache":
                keys.append(step["with"]["key"])
            if action(step["uses"]) == "actions/setup-python":
                assert step["with"].get("cache") == "pip", path.name
                assert step["with"]["cache-dependency-path"].startswith("requirements"), path.name
    assert len(keys) == len(set(keys)) >= 2


def test_the_workflows_match_githubs_schema():
    """check-jsonschema with the workflow schema it ships (SchemaStore's), as an editor would see them."""
    command = [linter("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_installs_only_what_building_needs():
    """The Pages build installs the package without its test extra, every file hash-checked from the
    build lock, and dates the build from the last commit as `make build` does (`make install` would add
    playwright and hypothesis)."""
    job = load(ROOT / ".github" / "workflows" / "deploy.yml")["jobs"]["build"]
    commands = "\n".join(s.get("run", "") for s in job["steps"])
    assert "[test]" not in commands and not re.search(r"\bmake\b", commands)
    assert re.search(r"pip install (--quiet )?--require-hashes --no-deps -r requirements-build\.lock$", commands, re.M)
    assert re.search(r"pip install (--quiet )?--no-deps --no-build-isolation -e \.$", commands, re.M)
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in commands


def pins(lock):
    """{name: version} of a lock, every pin with at least one hash."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9][\w.-]*)==(\S+)((?: \\\n\s+--hash=sha256:[0-9a-f]{64})*)", text, re.M)
    assert entries and all(hashes for _, _, hashes in entries), f"{lock}: a pin without a hash"
    return {name.lower().replace("_", "-"): version for name, version, _ in entries}


def test_the_build_lock_is_the_test_lock_without_the_test_tools():
    """The deployment builds with the very versions the tests ran with, and nothing the build does not need."""
    build, full = pins("requirements-build.lock"), pins("requirements.lock")
    assert {name: full.get(name) for name in build} == build
    assert "mkdocs-material" in build and "setuptools" in build
    assert not {"pytest", "playwright", "hypothesis", "frictionless"} & set(build)


def test_every_installed_dependency_is_locked():
    """What pyproject.toml asks for, the locks pin (a dependency added without `make lock` fails here):
    the package and its test extra in requirements.lock, the mutation extra in requirements-mutation.lock."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]

    def names(requirements):
        return {re.match(r"[A-Za-z0-9][\w.-]*", d)[0].lower().replace("_", "-") for d in requirements}

    assert names(project["dependencies"] + extras["test"]) - set(pins("requirements.lock")) == set()
    assert names(extras["mutation"]) - set(pins("requirements-mutation.lock")) == set()


def test_the_test_install_carries_no_mutation_tools():
    """CI installs requirements.lock every run and never runs mutmut: it is in its own lock, which pins
    everything the test lock pins at the same version (`make mutation` installs it on top)."""
    tests, mutation = pins("requirements.lock"), pins("requirements-mutation.lock")
    assert "mutmut" not in tests and "mutmut" in mutation
    assert {name: mutation.get(name) for name in tests} == tests


# A small evaluator of GitHub's expressions (`a == 'x' && b || c`), enough to test what the Check
# workflow's concurrency settings do for each kind of run.
TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||[()!])|(?P<name>[\w.-]+))")


def evaluate(expression, context):
    expression = expression.strip()
    tokens = []
    position = 0
    while position < len(expression):
        match = TOKEN.match(expression, position)
        assert match, f"cannot read {expression[position:]!r}"
        tokens.append(match)
        position = match.end()

    def value(token):
        if token["string"]:
            return token["string"][1:-1].replace("''", "'")
        if token["name"] in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[token["name"]]
        if re.fullmatch(r"\d+", token["name"]):
            return int(token["name"])
        found = context
        for part in token["name"].split("."):
            found = found.get(part) if isinstance(found, dict) else None
        return found

    def parse(level=0):
        # level 0: ||, 1: &&, 2: == and !=, 3: ! and operands. && and || return an operand, as in GitHub.
        if level == 3:
            token = tokens.pop(0)
            if token["op"] == "!":
                return not parse(3)
            if token["op"] == "(":
                inner = parse(0)
                assert tokens.pop(0)["op"] == ")"
                return inner
            return value(token)
        operators = [["||"], ["&&"], ["==", "!="]][level]
        left = parse(level + 1)
        while tokens and tokens[0]["op"] in operators:
            operator = tokens.pop(0)["op"]
            right = parse(level + 1)
            if operator == "||":
                left = left or right
            elif operator == "&&":
                left = left and right
            else:
                same = (
                    str(left).lower() == str(right).lower() if isinstance(left, str) or isinstance(right, str) else left == right
                )
                left = same if operator == "==" else not same
        return left

    result = parse()
    assert not tokens, f"unread: {[t[0] for t in tokens]}"
    return result


def resolve(setting, context):
    """A workflow value: a whole ${{ }} gives the expression's value; ${{ }} inside text is interpolated."""
    whole = re.fullmatch(r"\$\{\{((?:(?!\}\}).)*)\}\}", str(setting).strip())
    if whole:
        return evaluate(whole[1], context)
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: "" if (v := evaluate(m[1], context)) is None else str(v), str(setting))


def test_the_check_cancels_superseded_runs_but_never_on_main():
    """A new push to a pull request cancels its running check; a run on main is never cancelled, and
    never left pending where a later run would replace it (GitHub cancels a group's pending run)."""
    concurrency = load(ROOT / ".github" / "workflows" / "check.yml")["concurrency"]

    def run(run_id, ref, pr=None):
        event = {"pull_request": {"number": pr}} if pr else {}
        context = {"github": {"workflow": "Check", "run_id": run_id, "ref": ref, "event": event}}
        return resolve(concurrency["group"], context), resolve(concurrency["cancel-in-progress"], context)

    # Two pushes to one pull request: the second cancels the first.
    first, second = run(1, "refs/pull/7/merge", pr=7), run(2, "refs/pull/7/merge", pr=7)
    assert first[0] == second[0] and second[1] is True
    # Another pull request is another group.
    assert run(3, "refs/pull/8/merge", pr=8)[0] != first[0]
    # Runs on main: each in a group of its own (neither cancelled nor left pending to be replaced),
    # and never cancelling.
    main_runs = [run(run_id, "refs/heads/main") for run_id in (4, 5)]
    assert main_runs[0][0] != main_runs[1][0]
    assert [cancel for _, cancel in main_runs] == [False, False]


def linter(name):
    tool = VENV_BIN / name
    assert tool.is_file(), f"{name} is missing from {VENV_BIN}: it is in the test extra (make install)"
    return str(tool)


def test_actionlint_finds_nothing():
    """actionlint: workflow syntax, expressions, permission scopes, action inputs, and every `run:`
    script through shellcheck (without it actionlint skips the scripts silently)."""
    command = [linter("actionlint"), f"-shellcheck={linter('shellcheck')}", "-pyflakes=", "-no-color", "-oneline"]
    result = subprocess.run([*command, *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    """zizmor, offline: template injection, credential persistence, excessive permissions, unpinned
    actions, cache poisoning, dangerous triggers... every finding, informational ones included."""
    command = [linter("zizmor"), "--offline", "--no-progress", "--format", "plain", ".github/workflows"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command():
    """.ci/run calls the test command that the README's quick start gives."""
    readme = (ROOT / "README.md").read_text()
    quick = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    test_command = next(line.split("#")[0].strip() for line in quick.splitlines() if "test" in line)
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_pre_commit_runs_the_data_check():
    """The pre-commit hook checks the data whenever a data file changes, through make, which installs
    what the check needs on first use (so the hook works in a fresh clone)."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    check = next(h for h in hooks if h["id"] == "lipsteeth-check")
    assert check["entry"] == "make --silent check" and check["files"] == "^data/"
    makefile = (ROOT / "Makefile").read_text()
    target = re.search(r"^check: (.*?)\n((?:\t.*\n)+)", makefile, re.M)
    assert "$(STAMP)" in target[1] and "lipsteeth check" in target[2]


def test_vscode_knows_every_custom_tag_in_mkdocs_yml():
    """mkdocs.yml opens without errors in VS Code: each YAML tag it uses is declared to the YAML
    extension, with the kind of node it tags."""
    config = (ROOT / "mkdocs.yml").read_text()
    used = {
        f"{tag} {'sequence' if value.startswith('[') else 'scalar'}" for tag, value in re.findall(r"(![A-Za-z_]+) +(\S)", config)
    }
    assert used, "mkdocs.yml uses no tags: drop this test"
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert used <= set(settings["yaml.customTags"])
    assert "redhat.vscode-yaml" in json.loads((ROOT / ".vscode" / "extensions.json").read_text())["recommendations"]


def test_a_failing_test_is_annotated_on_github(tmp_path):
    """On GitHub Actions (GITHUB_ACTIONS=true) a failed test prints a workflow command naming its file
    and line, so the pull request shows it there; run here on a test that fails on purpose."""
    (tmp_path / "test_fails.py").write_text("def test_fails():\n    assert 1 == 2\n", encoding="utf-8")
    environment = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "test_fails.py"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 1
    assert re.search(r"^::error file=test_fails\.py,line=2", result.stdout + result.stderr, re.M), result.stdout


def test_lint_problems_are_annotated_on_github():
    """`make test` runs ruff with GitHub's output format when GITHUB_ACTIONS is set, and plainly elsewhere."""
    on_github = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"}
    )
    local = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, env={"PATH": os.environ["PATH"]})
    assert "ruff check --output-format=github scripts tests" in on_github.stdout
    assert "ruff check  scripts tests" in local.stdout or "ruff check scripts tests" in local.stdout


@pytest.mark.parametrize("page", ["README.md", "docs/contributing/index.md"])
def test_the_one_manual_pages_step_is_written_where_a_maintainer_looks(page):
    """configure-pages fails on a fresh repository until Pages' source is set to GitHub Actions: the
    README's publishing section and the contributing page both say so."""
    text = (ROOT / page).read_text(encoding="utf-8")
    assert re.search(r"Settings → Pages.*\*\*Source\*\* to \*\*GitHub Actions\*\*", text)
    assert "deploy.yml" in text
