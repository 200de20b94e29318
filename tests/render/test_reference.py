"""The field reference page covers every record the editors' schemas describe, read off them."""

from __future__ import annotations

import re

from lipsteeth.data.schema import SCHEMAS
from lipsteeth.render.reference import documented_models, heading, reference_page


def test_every_record_of_every_schema_has_a_section():
    """Each model the JSON Schemas define (their $defs, which pydantic fills from the model) is a
    section of the page, and nothing else is: a model added to the data files is documented with
    no list to update (Series, Observation, Missing and Article were once left out)."""
    defined = {name for model in SCHEMAS.values() for name in model.model_json_schema()["$defs"]}
    assert {m.__name__ for m in documented_models()} == defined
    sections = re.findall(r"^## (.+)$", reference_page(), flags=re.MULTILINE)
    assert sections == [heading(m) for m in documented_models()]
    assert {"Series", "Observation", "Missing", "Article"} <= set(sections)


def test_a_section_says_where_its_record_sits():
    page = reference_page()
    assert (
        "## Event\n\nOne entry under `events:` in `data/events/*.yaml`. A dated event in China–North Korea relations.\n" in page
    )
    assert "## Observation\n\nEach item of a series' `observations`." in page
    assert "## Date check\n\nEach item of a claim's `assertions` whose `check` is `date`." in page


def test_a_heading_spells_out_an_abbreviated_class_name():
    from lipsteeth.data.model import ArticleRef, DateCheck

    assert (heading(ArticleRef), heading(DateCheck)) == ("Article reference", "Date check")


def test_a_field_its_kind_requires_says_so():
    """A visit's countries, purpose and level are optional to the model and required of visits by
    their kind's declaration: the Required column says which."""
    rows = {line.split(" | ")[0]: line for line in reference_page().split("## Postponement")[0].split("## Event")[1].splitlines()}
    assert rows["| `purpose`"].split(" | ")[1] == "for visits"
    assert rows["| `place`"].split(" | ")[1] == "no"
    assert rows["| `kind`"].split(" | ")[1] == "yes"


def test_the_models_schemas_are_made_once_per_process(monkeypatch):
    """Making the models' JSON Schemas was nine tenths of this page's cost, paid at every build
    (every save under `mkdocs serve`); a later page reads the same schemas and is the same page."""
    from pydantic import BaseModel

    from lipsteeth.render import reference

    first = reference_page()
    made = []
    real_schema = BaseModel.model_json_schema.__func__
    monkeypatch.setattr(BaseModel, "model_json_schema", classmethod(lambda cls, **k: made.append(cls) or real_schema(cls, **k)))
    assert reference_page() == first
    assert made == []
    reference._schema_properties.cache_clear()
    assert reference_page() == first
    assert made, "the spy sees a schema being made"
