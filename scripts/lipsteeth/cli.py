"""The `lipsteeth` command: check the data, build the site, and the editors' helpers."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .atomic import WriteFailed
from .data import files
from .data.dates import today
from .data.validate import load_dataset
from .errors import DataError, quoted
from .tools.options import EVENT_OPTIONS, PERSON_OPTIONS, record_from

# The README's picture of the home page (`make screenshot` redraws it).
SCREENSHOT = Path(".github") / "readme" / "home.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lipsteeth", description=__doc__)
    parser.add_argument("--data", type=Path, help="the data folder (default: data/ of the checkout around the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data and list every problem with its file:line:column")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: also print ::error annotations")
    build = commands.add_parser("build", help="build the site into a temporary folder, then swap it into place")
    build.add_argument(
        "--site-dir",
        type=Path,
        help="where the site goes (default: site/ of the checkout); a folder the build did not make is never replaced",
    )
    build.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="mkdocs (default, with Material) or zensical, which builds into site-zensical/ as zensical.yml says",
    )
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
    bench.add_argument(
        "--memory", action="store_true", help="also each stage's peak Python memory (runs those stages again under tracemalloc)"
    )
    preview = commands.add_parser("preview", help="serve the built site on 127.0.0.1 with gzip, as a production host would")
    preview.add_argument("--site-dir", type=Path, help="the built site (default: site/ of the checkout)")
    preview.add_argument("--port", type=int, default=8001)
    commands.add_parser("schema", help="regenerate the editors' JSON Schemas in data/schemas/ from the data model")
    shot = commands.add_parser("screenshot", help="a PNG of the built site's home page, for the README (needs chromium)")
    shot.add_argument("--site-dir", type=Path, help="the built site (default: site/ of the checkout)")
    shot.add_argument("--out", type=Path, help=f"where the PNG goes (default: {SCREENSHOT} in the checkout)")
    args = parser.parse_args(argv)
    args.project = find_project(Path.cwd())
    if args.data is None and args.command not in ("bench", "preview", "screenshot"):
        if args.project is None:
            print(f"lipsteeth: {NO_CHECKOUT}", file=sys.stderr)
            return 2
        args.data = args.project / "data"
    elif args.data is not None and not args.data.is_dir():
        print(f"lipsteeth: --data {args.data}: {NOT_A_DATA_FOLDER}", file=sys.stderr)
        return 2
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


NO_CHECKOUT = (
    "no data folder found: run lipsteeth inside a Lips and Teeth checkout (a folder holding mkdocs.yml and data/, "
    "or any folder below one), or name the data folder with --data DIR"
)


NOT_A_DATA_FOLDER = (
    f"no such folder; expected a data folder holding {files.ARTICLE_FILE}, {files.PEOPLE_FILE}, {files.CLAIMS_FILE} "
    f"and an {files.EVENTS_DIR} folder"
)


def find_project(start: Path) -> Path | None:
    """The checkout the command runs in: the nearest folder, from `start` up, holding mkdocs.yml and
    data/. Never the checkout the package happens to be installed from: a second worktree sharing
    a venv must check and build its own data."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    return None


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
    from .tools.run_mkdocs import STAMP, SiteDirRefused, build_site

    if args.engine == "zensical":
        return run_zensical_build(args)

    project = args.project or (args.data.parent if (args.data.parent / "mkdocs.yml").is_file() else None)
    if project is None:
        print(
            "lipsteeth build: no site configuration found: run it inside a Lips and Teeth checkout (a folder holding "
            "mkdocs.yml, docs/ and data/, or any folder below one); --data may then name another data folder",
            file=sys.stderr,
        )
        return 2
    site_dir = args.site_dir or project / "site"
    try:
        code = build_site(project, site_dir, args.data)
    except SiteDirRefused as exc:
        print(
            f"lipsteeth build: refused: {exc}. A build replaces the folder it builds into, so it builds only into a new "
            f"or empty folder or one a previous build made (it carries {STAMP}); nothing was touched. "
            "Choose another --site-dir (a new folder will do).",
            file=sys.stderr,
        )
        return 2
    print(f"site built in {site_dir}" if code == 0 else "build failed; the previous site is untouched", file=sys.stderr)
    return code


def run_zensical_build(args: argparse.Namespace) -> int:
    from .tools.run_zensical import zensical_build

    if args.site_dir is not None:
        print(
            "lipsteeth build: Zensical builds into the folder zensical.yml names (site-zensical/); --site-dir is for MkDocs",
            file=sys.stderr,
        )
        return 2
    result = zensical_build(files.ROOT, capture=False)
    if result.returncode and result.stderr:
        print(result.stderr, file=sys.stderr)
    print("site built in site-zensical" if result.returncode == 0 else "build failed", file=sys.stderr)
    return result.returncode


def run_schema(args: argparse.Namespace) -> int:
    from .data.schema import person_ids, write_schemas
    from .tools.editing import one_edit_at_a_time

    with one_edit_at_a_time(args.data):  # the people it lists cannot change under it (lipsteeth new person)
        written = write_schemas(args.data / "schemas", person_ids(args.data))
    for path in written:
        print(f"wrote {path}")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from .analyse.diff import diff_datasets
    from .history import data_at_revision, default_base, temporary_folder
    from .render.diff_report import render_markdown

    repo = args.data.resolve().parent  # the checkout whose data is compared, not the one lipsteeth is installed from
    if args.base is None:
        args.base = default_base(repo)
        if args.base is None:
            print("lipsteeth diff: neither origin/main nor main exists here; name a revision to compare with", file=sys.stderr)
            return 2
    with temporary_folder() as tmp:
        try:
            base = load_dataset(data_at_revision(repo, args.base, Path(tmp)))
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

    site_dir = args.site_dir or (args.project or files.ROOT) / "site"
    if not (site_dir / "index.html").is_file():
        print(f"lipsteeth preview: no built site in {site_dir}; run `make build` first", file=sys.stderr)
        return 2
    serve(site_dir, args.port)
    return 0


def run_screenshot(args: argparse.Namespace) -> int:
    from .tools.screenshot import NoBrowser, take

    project = args.project or files.ROOT
    site_dir, out = args.site_dir or project / "site", args.out or project / SCREENSHOT
    if not (site_dir / "index.html").is_file():
        print(f"lipsteeth screenshot: no built site in {site_dir}; run `make build` first", file=sys.stderr)
        return 2
    try:
        print(f"wrote {take(site_dir, out)}")
    except NoBrowser as exc:
        print(f"lipsteeth screenshot: {exc}", file=sys.stderr)
        return 2
    return 0


def run_bench(args: argparse.Namespace) -> int:
    if args.preview:
        from .tools import edit_preview

        edit_preview.run(args.project or files.ROOT, [None, *args.sizes], dirty=not args.full_rebuild)
        return 0
    from .tools.bench import run

    run(args.project or files.ROOT, args.sizes, memory=args.memory)
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Add an event or a person. With every required option given, nothing is asked; at a terminal,
    the rest is asked for, field by field, each answer checked as it is typed (tools.ask). Answers
    that cannot be written (stopped, refused) are kept as a draft the next run offers to resume."""
    from .tools.ask import ask_event, ask_person
    from .tools.drafts import discard_draft, draft_path, load_draft

    options = EVENT_OPTIONS if args.what == "event" else PERSON_OPTIONS
    names = {option.name for option in options}
    given = {k.replace("_", "-"): v for k, v in vars(args).items() if v is not None and k.replace("_", "-") in names}
    missing = [option for option in options if option.required and not given.get(option.name)]
    if missing and not sys.stdin.isatty():
        print(f"lipsteeth new {args.what}: missing {', '.join('--' + m.name for m in missing)}", file=sys.stderr)
        return 2
    try:
        dataset = load_dataset(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        print("Fix the data first; nothing was written.", file=sys.stderr)
        return 1
    if not missing:
        return _add_new(args, options, given)
    draft = draft_path(args.data, args.what)
    kept = load_draft(draft)
    try:
        resumed = bool(kept) and _resume(kept, args.what)
    except (EOFError, KeyboardInterrupt):
        print(f"\nlipsteeth new {args.what}: stopped; nothing was written, and the draft is kept.", file=sys.stderr)
        return 1
    if resumed:
        given = kept | given  # what the command line says wins; every answer is checked again
    try:
        if args.what == "event":
            ask_event(given, dataset, today())  # fills `given` in as the answers come
        else:
            ask_person(given, dataset)
        code = _add_new(args, options, given)
    except EOFError:
        return _keep(draft, given, args.what, "the input ended (Ctrl-D) before every field was answered", 1)
    except KeyboardInterrupt:
        return _keep(draft, given, args.what, "stopped (Ctrl-C)", 130)
    except Terminated:
        _keep(draft, given, args.what, "stopped (SIGTERM)", 143)
        raise
    if code != 0:
        return _keep(draft, given, args.what, "the entry could not be written", code)
    if resumed:
        discard_draft(draft)
    return 0


def _resume(kept: dict[str, str], what: str) -> bool:
    """Offer the answers an earlier run kept; Enter takes them."""
    shown = ", ".join(f"{name}: {kept[name]}" for name in ("kind", "date", "title", "name") if name in kept)
    print(f"An earlier `lipsteeth new {what}` kept {len(kept)} answers ({shown or ', '.join(kept)}).")
    reply = input("Resume them? Each is checked again. [Y/n] > ").strip().lower()
    return reply in ("", "y", "yes")


def _keep(draft: Path, answers: dict, what: str, why: str, code: int) -> int:
    """Keep the answers for the next run (or, if they cannot be saved, print them) and say so."""
    from .tools.drafts import save_draft
    from .tools.editing import entry_text
    from .tools.options import EVENT_ORDER, PERSON_ORDER

    if not answers:
        print(f"\nlipsteeth new {what}: {why}; nothing was written.", file=sys.stderr)
        return code
    try:
        kept = save_draft(draft, answers)
    except WriteFailed:
        options, order = (EVENT_OPTIONS, EVENT_ORDER) if what == "event" else (PERSON_OPTIONS, PERSON_ORDER)
        print(f"\nlipsteeth new {what}: {why}; nothing was written. Your answers, as YAML:", file=sys.stderr)
        print(entry_text(record_from(options, answers), order), file=sys.stderr)
        return code
    print(
        f"\nlipsteeth new {what}: {why}; nothing was written. Your {kept} answers are kept: "
        f"the next `lipsteeth new {what}` offers to resume them (draft: {draft}).",
        file=sys.stderr,
    )
    return code


def _add_new(args: argparse.Namespace, options, given: dict) -> int:
    """Write the entry the answers describe; 0, or 1 with the reasons it was refused."""
    from .tools.editing import EntryRejected, add_event, add_person
    from .tools.options import new_people

    record = record_from(options, given)
    # People added along with the event (named in it and offered at the terminal), written with it.
    added = tuple(
        record_from(PERSON_OPTIONS, answers)
        for person_id, answers in new_people(given).items()
        if person_id in record.get("people", ())
    )
    try:
        path, new_id = add_event(args.data, record, added) if args.what == "event" else add_person(args.data, record)
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
    for person in added:
        print(f"added {person['id']} to {args.data / 'people.yaml'}")
    print(f"added {new_id} to {path}")
    if (args.what == "person" or added) and (args.data / "schemas").is_dir():
        from .data.schema import person_ids, write_schemas
        from .tools.editing import one_edit_at_a_time

        # Read and written under the lock: two people added at once, each run's schemas list both
        # (outside it, the run that read first could write last and drop the other's person).
        with one_edit_at_a_time(args.data):
            write_schemas(args.data / "schemas", person_ids(args.data))
        offered = "', '".join(p["id"] for p in added) if added else new_id
        print(f"updated the editors' schemas in {args.data / 'schemas'}: editors now offer '{offered}'")
    return 0


def write_job_summary(error: DataError) -> None:
    """On GitHub Actions, every problem in the job summary too: a step shows at most ten annotations."""
    from .render.problems_report import render_markdown

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:  # the runner's file: appended to, as GitHub documents
            out.write(render_markdown(error))


# GitHub's escaping of workflow commands: in the message, '%' and line breaks; in a property, also
# ':' and ',', which would end the property. Unescaped, a line break starts a command of its own.
_GITHUB_MESSAGE = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_GITHUB_PROPERTY = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def github_annotation(problem) -> str:
    """A GitHub Actions workflow command that marks the line in the pull request's diff; every
    part that comes from the data (the file's name too) is escaped."""
    properties = {"file": problem.file, "line": problem.line, "col": problem.column}
    escaped = ",".join(f"{key}={str(value).translate(_GITHUB_PROPERTY)}" for key, value in properties.items())
    return f"::error {escaped}::{problem.described.translate(_GITHUB_MESSAGE)}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
