"""Typed facet values read the one way: canonical names, synonyms, case, accents and spacing;
unknown facets and values reported with what the person most likely meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentfinder.library.facet_values import (
    FacetValues,
    UnknownFacet,
    UnknownValue,
    closest_values,
    resolve_facet_values,
)
from contentfinder.library.taxonomy import Taxonomy, load_taxonomy
from tests.factories import TEST_TAXONOMY


@pytest.fixture
def taxonomy(tmp_path: Path) -> Taxonomy:
    (tmp_path / "taxonomy.toml").write_text(TEST_TAXONOMY, encoding="utf-8")
    return load_taxonomy(tmp_path)


@pytest.mark.parametrize(
    "typed",
    [
        {"persona": ["CFO"], "stage": ["decision"], "pain": ["cost reduction"]},
        {"persona": ["chief financial officer"], "stage": ["bofu"], "pain": ["TCO"]},
        {"Persona": ["cfo"], "STAGE": ["DÉCISION"], "pain": ["Cost  Reduction"]},
    ],
)
def test_names_synonyms_case_accents_and_spacing_give_the_canonical_value(
    taxonomy: Taxonomy, typed: dict[str, list[str]]
) -> None:
    assert resolve_facet_values(taxonomy, typed) == FacetValues(
        {"persona": ("CFO",), "stage": ("decision",), "pain": ("cost reduction",)}
    )


def test_values_keep_the_order_first_typed_once_each(taxonomy: Taxonomy) -> None:
    resolved = resolve_facet_values(
        taxonomy, {"persona": ["sales leader", "CFO", "finance leader"], "Persona": ["cfo"]}
    )
    assert resolved.values == {"persona": ("VP Sales", "CFO")} and resolved.unknown == ()


def test_unknown_facets_and_values_come_with_what_is_known(taxonomy: Taxonomy) -> None:
    resolved = resolve_facet_values(
        taxonomy, {"persona": ["CSIO", "CFO"], "colour": ["red"], "stage": ["zebra"]}
    )
    assert resolved.values == {"persona": ("CFO",)}
    assert resolved.unknown == (
        UnknownValue("persona", "CSIO", ("CISO",), ("CFO", "CISO", "VP Sales")),
        UnknownFacet("colour", taxonomy.facet_names),
        UnknownValue("stage", "zebra", (), ("awareness", "consideration", "decision")),
    )


def test_closest_values_put_the_fewest_edits_first(taxonomy: Taxonomy) -> None:
    persona = taxonomy.facet("persona")
    assert closest_values(persona, "CSIO") == ("CISO",)
    assert closest_values(persona, "chief financial oficer") == ("CFO",)
    assert closest_values(taxonomy.facet("stage"), "descision") == ("decision",)
    assert closest_values(persona, "astronaut") == ()
