"""`build_kit` on the sample library, indexed and given the team's history by the real CLI:
the deal's filters from deals.toml and the taxonomy's synonyms, the best assets with the tags
that put them there, won-deal evidence first, and the filter dropped (and said) when the
library has nothing for the deal's industry."""

from __future__ import annotations

from contentfinder.deals.kit import Kit, build_kit
from contentfinder.deals.mapping import load_deal_mapping
from contentfinder.deals.model import Deal
from contentfinder.deals.store import load_deals
from contentfinder.library.opened import Library
from contentfinder.search.session import SearchSession
from contentfinder.usage.identity import load_identity
from contentfinder.usage.store import load_events
from tests.deals.conftest import (
    BATTLECARD,
    CASE_STUDY,
    DEMO,
    HARBOR,
    PLAYBOOK,
    ROI,
    SHOP,
    Prepared,
)


def kit_for(prepared: Prepared, deal: Deal, limit: int = 10) -> Kit:
    settings = prepared.settings
    library = Library(settings)
    mapping = load_deal_mapping(settings.library, library.taxonomy)
    with SearchSession.for_library(library) as session:
        return build_kit(
            session,
            mapping,
            deal,
            deals=load_deals(settings.usage_db),
            events=load_events(settings, None).events,
            user_id=load_identity(settings.home).user_id,
            limit=limit,
        )


def test_filters_come_from_deals_toml_and_the_taxonomys_synonyms(no_history: Prepared) -> None:
    kit = kit_for(no_history, HARBOR)
    # stage and industry through deals.toml; "VP Finance" is a synonym of CFO in the taxonomy
    assert kit.filters == {
        "stage": ("decision",),
        "industry": ("manufacturing",),
        "persona": ("CFO",),
    }
    assert kit.relaxed == ""


def test_the_manufacturing_case_study_is_the_best_asset_and_says_why(no_history: Prepared) -> None:
    kit = kit_for(no_history, HARBOR)
    best = [k for k in kit.hits if "best" in k.sources]
    assert best and best == kit.hits  # no history: every asset is the library's own choice
    assert best[0].hit.id == CASE_STUDY
    assert best[0].reason == "tagged decision, manufacturing, CFO"
    # The others fit the stage and persona but not the industry, and say only what fits.
    assert all(k.reason == "tagged decision, CFO" for k in best[1:])
    assert len(kit.hits) == 10


def test_won_deal_evidence_comes_first(with_history: Prepared) -> None:
    kit = kit_for(with_history, HARBOR)
    first = kit.hits[0]
    assert first.hit.id == ROI
    assert first.sources[0] == "won"
    assert first.reason.split(" · ")[0] == "used in 1 won manufacturing deal at this stage"
    # The best assets follow, the case study first among them.
    assert [k.hit.id for k in kit.hits if "best" in k.sources][0] == CASE_STUDY
    assert kit.hits[1].hit.id == CASE_STUDY
    by_id = {k.hit.id: k for k in kit.hits}
    assert len(by_id) == len(kit.hits)
    # Uses in a won bank deal, a lost deal and a won deal at another stage are no evidence.
    for other in (PLAYBOOK, BATTLECARD, DEMO):
        assert other not in by_id or "won" not in by_id[other].sources


def test_the_limit_holds_with_evidence(with_history: Prepared) -> None:
    kit = kit_for(with_history, HARBOR, limit=3)
    assert [k.hit.id for k in kit.hits][:2] == [ROI, CASE_STUDY]
    assert len(kit.hits) == 3


def test_an_industry_the_library_has_nothing_for_is_dropped_and_said(no_history: Prepared) -> None:
    kit = kit_for(no_history, SHOP)
    assert kit.filters["industry"] == ("retail",)
    assert kit.relaxed == "Nothing for retail yet: shown without it."
    assert kit.hits
    assert all(k.reason == "tagged decision, CFO" for k in kit.hits)
    assert all("retail" not in k.hit.tags.get("industry", ()) for k in kit.hits)
