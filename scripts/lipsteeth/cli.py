"""The `lipsteeth` command: check the data, build the site, and the editors' helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
from pathlib import Path

from .atomic import WriteFailed
from .data import files
from .data.validate import load_dataset
from .errors import DataError, quoted
from .tools.options import EVENT_OPTIONS, PERSON_OPTIONS, record_from

# The README's picture of the home page (`make screenshot` redraws it).
SCREENSHOT = Path(".github") / "readme" / "home.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lipsteeth", description=__doc__)
    parser.add_argument("--data", type=Path, default=files.DATA, help="the data folder (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data and list every problem with its file:line:column")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: also print ::error annotations")
    build = commands.add_parser("build", help="build the site into a temporary folder, then swap it into place")
    build.add_argument("--site-dir", type=Path, default=files.ROOT / "site", help="where the site goes (default: %(default)s)")
    new = commands.add_parser("new", help="add an event or a person to the right data file (asks for what is missing)")
    kinds = new.add_subparsers(dest="what", required=True)
    event = kinds.add_parser("event", help="add an event, inserted in date order into data/events/")
    for option in EVENT_OPTIONS:
        event.add_argument(f"--{option.name}", help=option.help.replace("%", "%%"))
    person = kinds.add_parser("person", help="add a person to data/people.yaml")
    for option in PERSON_OPTIONS:
        person.add_argument(f"--{option.name}", help=option.help.replace("%", "%%"))
    diff = commands.add_parser("diff", help="what the data changes against a git revision: events, people, verdicts")
    diff.add_argument("base", nargs="?", help="a git revision (default: origin/main where it exists, else main)")
    bench = commands.add_parser("bench", help="time each stage and the whole build on synthetic data (prints a table)")
    bench.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="numbers of events (default: %(default)s)"
    )
    bench.add_argument(
        "--preview",
        action="store_true",
        help="instead: the seconds from saving an event's title to mkdocs serve showing it, at the real record and --sizes",
    )
    bench.add_argument("--full-rebuild", action="store_true", help="with --preview: serve without --dirty, rebuilding every page")
    preview = commands.add_parser("preview", help="serve the built site on 127.0.0.1 with gzip, as a production host would")
    preview.add_argument("--site-dir", type=Path, default=files.ROOT / "site")
    preview.add_argument("--port", type=int, default=8001)
    commands.add_parser("schema", help="regenerate the editors' JSON Schemas in data/schemas/ from the data model")
    shot = commands.add_parser("screenshot", help="a PNG of the built site's home page, for the README (needs chromium)")
    shot.add_argument("--site-dir", type=Path, default=files.ROOT / "site")
    shot.add_argument("--out", type=Path, default=files.ROOT / SCREENSHOT, help="where the PNG goes (default: %(default)s)")
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except Terminated:
        print("lipsteeth: stopped (SIGTERM); any file being written is unchanged.", file=sys.stderr)
        return 143
    except WriteFailed as exc:
        print(f"lipsteeth: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the machine said no (a read-only folder, a full disk): say what and where
        print(
            f"lipsteeth: {exc.strerror or exc}{f' ({exc.filename})' if exc.filename else ''}; nothing was changed.",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # a bug, not bad data: say so in one line (LIPSTEETH_DEBUG=1 shows the traceback)
        if os.environ.get("LIPSTEETH_DEBUG"):
            raise
        print(
            f"lipsteeth: internal error ({type(exc).__name__}: {exc}); please report it. LIPSTEETH_DEBUG=1 shows details.",
            file=sys.stderr,
        )
        return 3
    finally:
        signal.signal(signal.SIGTERM, previous)


class Terminated(Exception):
    """SIGTERM, raised where the program is, so that `finally` blocks (a temporary file to
    remove, a child process to stop) still run."""


def _terminated(signum, frame) -> None:
    raise Terminated


def _run(args: argparse.Namespace) -> int:
    return {
        "check": run_check,
        "build": run_build,
        "schema": run_schema,
        "new": run_new,
        "diff": run_diff,
        "bench": run_bench,
        "preview": run_preview,
        "screenshot": run_screenshot,
    }[args.command](args)


def run_check(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        if args.format == "github":
            for problem in exc.problems:
                print(github_annotation(problem))
            write_job_summary(exc)
        return 1
    print(f"ok: {len(dataset.events)} events, {len(dataset.people)} people, {len(dataset.claims)} claims")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from .tools.run_mkdocs import build_site

    code = build_site(files.ROOT, args.site_dir)
    print(f"site built in {args.site_dir}" if code == 0 else "build failed; the previous site is untouched", file=sys.stderr)
    return code


def run_schema(args: argparse.Namespace) -> int:
    from .data.schema import person_ids, write_schemas

    for path in write_schemas(args.data / "schemas", person_ids(args.data)):
        print(f"wrote {path}")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from .analyse.diff import diff_datasets
    from .history import data_at_revision, default_base, temporary_folder
    from .render.diff_report import render_markdown

    if args.base is None:
        args.base = default_base(files.ROOT)
        if args.base is None:
            print("lipsteeth diff: neither origin/main nor main exists here; name a revision to compare with", file=sys.stderr)
            return 2
    with temporary_folder() as tmp:
        try:
            base = load_dataset(data_at_revision(files.ROOT, args.base, Path(tmp)))
        except ValueError as exc:
            print(f"lipsteeth diff: {exc}", file=sys.stderr)
            return 2
        except DataError:
            print(
                f"lipsteeth diff: the data at {quoted(args.base)} does not validate; nothing to compare against", file=sys.stderr
            )
            return 2
    try:
        current = load_dataset(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(render_markdown(diff_datasets(base, current), args.base))
    return 0


def run_preview(args: argparse.Namespace) -> int:
    from .tools.preview import serve

    if not (args.site_dir / "index.html").is_file():
        print(f"lipsteeth preview: no built site in {args.site_dir}; run `make build` first", file=sys.stderr)
        return 2
    serve(args.site_dir, args.port)
    return 0


def run_screenshot(args: argparse.Namespace) -> int:
    from .tools.screenshot import NoBrowser, take

    if not (args.site_dir / "index.html").is_file():
        print(f"lipsteeth screenshot: no built site in {args.site_dir}; run `make build` first", file=sys.stderr)
        return 2
    try:
        print(f"wrote {take(args.site_dir, args.out)}")
    except NoBrowser as exc:
        print(f"lipsteeth screenshot: {exc}", file=sys.stderr)
        return 2
    return 0


def run_bench(args: argparse.Namespace) -> int:
    if args.preview:
        from .tools import edit_preview

        edit_preview.run(files.ROOT, [None, *args.sizes], dirty=not args.full_rebuild)
        return 0
    from .tools.bench import run

    run(files.ROOT, args.sizes)
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Add an event or a person. With every required option given, nothing is asked; at a terminal,
    the rest is asked for, field by field, each answer checked as it is typed (tools.ask)."""
    from .tools.ask import ask_event, ask_person
    from .tools.editing import EntryRejected, add_event, add_person

    options = EVENT_OPTIONS if args.what == "event" else PERSON_OPTIONS
    given = {k.replace("_", "-"): v for k, v in vars(args).items() if v is not None and k not in ("data", "command", "what")}
    missing = [option for option in options if option.required and not given.get(option.name)]
    if missing and not sys.stdin.isatty():
        print(f"lipsteeth new {args.what}: missing {', '.join('--' + m.name for m in missing)}", file=sys.stderr)
        return 2
    try:
        dataset = load_dataset(args.data)
        if missing:
            given = ask_event(given, dataset, dt.date.today()) if args.what == "event" else ask_person(given, dataset)
    except EOFError:
        print(
            f"\nlipsteeth new {args.what}: the input ended (Ctrl-D) before every field was answered; nothing was written.",
            file=sys.stderr,
        )
        return 1
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        print("Fix the data first; nothing was written.", file=sys.stderr)
        return 1
    try:
        add = add_event if args.what == "event" else add_person
        path, new_id = add(args.data, record_from(options, given))
    except EntryRejected as exc:
        print("\n".join(exc.reasons), file=sys.stderr)
        print(f"The new {args.what} was not added; nothing was written.", file=sys.stderr)
        return 1
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"lipsteeth new {args.what}: {exc}; nothing was written.", file=sys.stderr)
        return 1
    print(f"added {new_id} to {path}")
    if args.what == "person" and (args.data / "schemas").is_dir():
        from .data.schema import person_ids, write_schemas

        write_schemas(args.data / "schemas", person_ids(args.data))
        print(f"updated the editors' schemas in {args.data / 'schemas'}: editors now offer '{new_id}'")
    return 0


def write_job_summary(error: DataError) -> None:
    """On GitHub Actions, every problem in the job summary too: a step shows at most ten annotations."""
    from .render.problems_report import render_markdown

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:  # the runner's file: appended to, as GitHub documents
            out.write(render_markdown(error))


def github_annotation(problem) -> str:
    """A GitHub Actions workflow command that marks the line in the pull request's diff."""
    message = problem.described.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={problem.file},line={problem.line},col={problem.column}::{message}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
