"""The site plan: every generated file, as {docs-relative path: content}.

MkDocs (through scripts/mkdocs_hooks.py), the tests and the `lipsteeth` command all call `plan`,
so nothing here depends on MkDocs.
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import analyses, changelog, claimpages, exports, figures, indexes, pages, reference, strips
from .claims import check_all
from .dataset import Dataset
from .gcpause import gc_paused
from .model import KINDS
from .validate import data_files, load_dataset


def chart_cache(data_dir: Path) -> Path:
    return data_dir.parent / ".cache" / "lipsteeth" / "charts"


def fingerprint(data_dir: Path) -> tuple:
    """What the data files are right now: name, size and modification time of each."""
    return tuple((p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in data_files(data_dir) if p.exists())


def load_once(data_dir: Path):
    """The validated dataset, read again only when a data file changed since the last call.

    One MkDocs build asks for it at several steps (before the build, for the pages, for the
    search index); this keeps that to one read without state that outlives the files."""
    return _load_for(data_dir, fingerprint(data_dir))


@functools.lru_cache(maxsize=1)
def _load_for(data_dir: Path, _fingerprint: tuple):
    return load_dataset(data_dir)


def drawings_once(data_dir: Path) -> figures.Drawings:
    """The charts for the current data: from the disk cache, and looked up once per change of the files."""
    return _drawings_for(data_dir, fingerprint(data_dir))


@functools.lru_cache(maxsize=1)
def _drawings_for(data_dir: Path, _fingerprint: tuple) -> figures.Drawings:
    return figures.draw_all(load_once(data_dir), chart_cache(data_dir))


def plan(data_dir: Path) -> dict[str, str | bytes]:
    """Load, validate and render; raises DataError (with every problem) before anything is written."""
    return plan_for(load_once(data_dir), history=changelog.history(data_dir.parent), drawings=drawings_once(data_dir))


@gc_paused()
def plan_for(
    dataset: Dataset, history: list[tuple[str, str]] = (), drawings: figures.Drawings | None = None
) -> dict[str, str | bytes]:
    """Every generated file. Charts are drawn here unless `drawings` come from a cache."""
    verdicts = check_all(dataset)
    drawings = drawings if drawings is not None else figures.draw_all(dataset, None)
    files: dict[str, str | bytes] = {
        indexes.TIMELINE_PATH: indexes.timeline_page(dataset, figures.chart_block(drawings, "record", indexes.TIMELINE_PATH)),
        pages.ARTICLE_PATH: claimpages.annotated_article(dataset, verdicts),
        claimpages.CLAIMS_INDEX: claimpages.claims_index(dataset, verdicts),
        claimpages.ANALYSIS_PATH: claimpages.analysis_page(
            dataset,
            figures.chart_block(drawings, "test-to-visit", claimpages.ANALYSIS_PATH),
            figures.chart_block(drawings, "visits-per-year", claimpages.ANALYSIS_PATH),
        ),
        "people/index.md": indexes.people_index(dataset),
        reference.REFERENCE_PATH: reference.reference_page(),
        "years/index.md": indexes.years_index(dataset),
        "kinds/index.md": indexes.kinds_index(dataset),
        "eras/index.md": indexes.eras_index(dataset),
        "assets/lipsteeth-marks.css": strips.palette_css(),
        "data/events.json": exports.events_json(dataset),
        "data/events.csv": exports.events_csv(dataset),
        "data/people.json": exports.people_json(dataset),
        changelog.CHANGELOG_PATH: changelog.changelog_page(list(history)),
        "data/claims.json": exports.claims_json(dataset, verdicts),
    }
    for event in dataset.events:
        citing = tuple((c, verdicts[c.id]) for c in dataset.claims if event.id in c.events)
        files[pages.event_path(event.id)] = pages.event_page(dataset, event, citing)
    for claim in dataset.claims:
        files[claimpages.claim_path(claim.id)] = claimpages.claim_page(dataset, claim, verdicts[claim.id])
    for person in dataset.people:
        files[pages.person_path(person.id)] = pages.person_page(dataset, person)
    for year in analyses.years(dataset):
        files[pages.year_path(year)] = indexes.year_page(dataset, year)
    for kind in KINDS:
        files[pages.kind_path(kind)] = indexes.kind_page(dataset, kind)
    for era in analyses.eras(dataset):
        files[pages.era_path(era.id)] = indexes.era_page(dataset, era)
    return dict(sorted(files.items()))
