"""The `lipsteeth` command: check the data, build the site, and the editors' helpers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .errors import DataError
from .validate import load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lipsteeth", description=__doc__)
    parser.add_argument("--data", type=Path, default=paths.DATA, help="the data folder (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data and list every problem with its file:line:column")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: also print ::error annotations")
    build = commands.add_parser("build", help="build the site into a temporary folder, then swap it into place")
    build.add_argument("--site-dir", type=Path, default=paths.ROOT / "site", help="where the site goes (default: %(default)s)")
    commands.add_parser("schema", help="regenerate the editors' JSON Schemas in data/schemas/ from the data model")
    args = parser.parse_args(argv)
    return {"check": run_check, "build": run_build, "schema": run_schema}[args.command](args)


def run_check(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        if args.format == "github":
            for problem in exc.problems:
                print(github_annotation(problem))
        return 1
    print(f"ok: {len(dataset.events)} events, {len(dataset.people)} people, {len(dataset.claims)} claims")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from .build import build_site

    code = build_site(paths.ROOT, args.site_dir)
    print(f"site built in {args.site_dir}" if code == 0 else "build failed; the previous site is untouched", file=sys.stderr)
    return code


def run_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.data / "schemas"):
        print(f"wrote {path}")
    return 0


def github_annotation(problem) -> str:
    """A GitHub Actions workflow command that marks the line in the pull request's diff."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={problem.file},line={problem.line},col={problem.column}::{message}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
