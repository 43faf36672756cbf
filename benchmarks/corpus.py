"""A synthetic, deterministic library of sales collateral for benchmarks.

`generate(root, n, seed)` writes `n` assets in nested folders: PDF (fpdf2), PPTX, DOCX, XLSX,
Markdown, HTML and plain text, 1-30 pages or slides each, with ~300-500 words of B2B-sales prose
per page. About half carry their tags in embedded properties (core-properties keywords, PDF
/Keywords, Markdown front matter, HTML <meta>), a quarter are tagged in `catalog.csv`, the rest
are untagged. Facet values come from the built-in taxonomy (`resources/taxonomy.toml`), read at
generation time.

Everything is derived from `(seed, asset index)`, so the same arguments give the same library.
Files are built on every core; a marker file written last makes a half-generated folder count
as missing, so `cached_library(n, seed)` regenerates it.

Run it on its own: `.venv/bin/python benchmarks/corpus.py --n 200 [--seed 7] [--root DIR]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import random
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DATA_DIR = Path(__file__).resolve().parent / ".data"
MARKER = ".corpus-complete"  # hidden: the library scanner skips it
MANIFEST = ".corpus-manifest.json"
GENERATOR_VERSION = 3  # bump when the output changes, so cached libraries are rebuilt
FIXED_DATE = (2024, 3, 1, 9, 0, 0)

# The mix of the side-by-side measurement against Recoll (issue 14): 35% PDF, 25% PPTX,
# 25% DOCX, the rest spreadsheets, Markdown and HTML.
FORMAT_SHARES: dict[str, float] = {
    "pdf": 0.35,
    "pptx": 0.25,
    "docx": 0.25,
    "xlsx": 0.05,
    "md": 0.05,
    "html": 0.05,
}

# fmt: off
# --------------------------------------------------------------------------------------------
# Vocabulary: B2B sales, finance, security, migration, ROI, compliance (ASCII / Latin-1 only,
# because the PDF core fonts know nothing else).

TOPICS: dict[str, tuple[str, ...]] = {
    "finance": (
        "accounts payable", "accounts receivable", "general ledger", "month-end close",
        "reconciliation", "accruals", "cash flow", "working capital", "days sales outstanding",
        "EBITDA", "gross margin", "operating expenses", "capex", "opex", "budget", "forecast",
        "variance analysis", "revenue recognition", "ASC 606", "IFRS 15", "invoice",
        "purchase order", "three-way match", "approval workflow", "expense report",
        "corporate card", "vendor payments", "early payment discounts", "FP&A", "consolidation",
        "intercompany", "multi-entity", "multi-currency", "FX exposure", "treasury", "liquidity",
        "audit committee", "chart of accounts", "journal entries", "cost center",
        "headcount planning", "board reporting", "KPI dashboard", "unit economics",
        "net present value", "cost of capital", "spend management", "procure-to-pay",
        "order-to-cash", "record-to-report", "billing", "collections", "dunning", "credit memo",
        "subscription revenue", "annual recurring revenue", "churn", "cash application",
    ),
    "security": (
        "zero trust", "single sign-on", "SAML", "OAuth", "multi-factor authentication",
        "role-based access control", "least privilege", "encryption at rest",
        "encryption in transit", "AES-256", "TLS 1.3", "key management", "penetration testing",
        "vulnerability scanning", "incident response", "SIEM", "threat detection",
        "data loss prevention", "audit logs", "access reviews", "identity provider",
        "endpoint protection", "security questionnaire", "vendor risk assessment", "bug bounty",
        "disaster recovery", "business continuity", "backup", "segregation of duties",
        "tenant isolation", "secrets management", "phishing", "ransomware", "patch management",
    ),
    "migration": (
        "data migration", "cutover weekend", "parallel run", "legacy ERP", "on-premise",
        "mainframe", "cloud migration", "lift and shift", "replatforming", "data mapping",
        "data cleansing", "field mapping", "historical data", "go-live", "hypercare", "sandbox",
        "staging environment", "rollback plan", "change freeze", "integration testing",
        "user acceptance testing", "phased rollout", "SAP ECC", "Oracle E-Business Suite",
        "Dynamics GP", "NetSuite", "QuickBooks", "webhooks", "ETL", "middleware", "iPaaS",
        "data warehouse", "Snowflake", "master data",
    ),
    "roi": (
        "return on investment", "ROI", "payback", "business case", "total cost of ownership",
        "hard savings", "soft savings", "productivity gains", "hours saved", "FTE",
        "headcount avoidance", "cost per invoice", "time to value", "benchmark", "baseline",
        "efficiency", "throughput", "cycle time", "error rate", "straight-through processing",
        "touchless processing", "automation rate", "license costs", "implementation fees",
        "three-year model", "sensitivity analysis", "break-even", "value realization",
    ),
    "compliance": (
        "SOC 2 Type II", "ISO 27001", "GDPR", "CCPA", "HIPAA", "SOX", "PCI DSS", "FedRAMP",
        "data residency", "retention policy", "audit trail", "internal controls",
        "control testing", "evidence collection", "policy management", "regulatory reporting",
        "e-invoicing mandate", "tax compliance", "VAT", "1099 reporting", "sanctions screening",
        "KYC", "AML", "data processing agreement", "subprocessors", "privacy impact assessment",
        "right to be forgotten", "consent management", "attestation",
    ),
    "sales": (
        "discovery call", "champion", "economic buyer", "decision criteria", "MEDDICC",
        "mutual action plan", "proof of concept", "pilot", "quarterly business review",
        "procurement process", "redlines", "master services agreement", "order form",
        "pricing tiers", "multi-year discount", "renewal", "expansion", "upsell",
        "reference call", "objection handling", "competitive displacement", "win rate",
        "pipeline", "quota", "forecast call", "deal review", "stakeholder map",
        "executive sponsor", "legal review", "onboarding", "customer success", "adoption",
        "NPS", "health score",
    ),
    "technology": (
        "cloud-native", "multi-tenant", "SaaS", "REST API", "GraphQL", "event-driven",
        "microservices", "uptime", "SLA", "latency", "scalability", "data model", "analytics",
        "machine learning", "AI assistant", "OCR", "anomaly detection", "workflow engine",
        "rules engine", "mobile app", "dashboard", "real-time sync", "release notes", "roadmap",
    ),
}

PRODUCTS = (
    "LedgerLine", "SpendGuard", "PayFlow", "CloseRight", "VaultSync", "Forecastly", "InvoiceIQ",
    "TrustBridge", "DataHarbor", "ApprovalHub", "CashPilot", "AuditLens", "ContractKeeper",
    "RevenueRadar", "PolicyPoint",
)
CUSTOMERS = (
    "Acme Manufacturing", "Northwind Traders", "Contoso Bank", "Globex Logistics", "Initech",
    "Umbrella Health", "Stark Industrial", "Wayne Energy", "Tyrell Systems", "Cyberdyne Software",
    "Soylent Foods", "Hooli", "Vandelay Imports", "Wonka Retail", "Pied Piper", "Oscorp Pharma",
    "Gringotts Credit Union", "Monarch University", "Bluth Homes", "Dunder Paper",
    "Massive Dynamic", "Aperture Labs", "Nakatomi Trading", "Cogswell Cogs", "Sirius Freight",
    "Kruger Utilities", "Lacroix Assurances", "Müller Maschinenbau", "Société des Eaux du Nord",
    "Brightwater County",
)
COMPETITORS = (
    "LegacySoft", "FinStack", "SpendWise", "ClosePro", "PaperTrail Systems", "OldGuard ERP",
    "QuickLedger", "Brightline",
)
METRICS = (
    "days to close", "invoice processing cost", "days sales outstanding",
    "manual touches per invoice", "audit prep time", "late payments", "duplicate payments",
    "onboarding time", "forecast error", "security review time", "time to first value",
    "reporting lag", "unplanned spend", "exception rate",
)
OWNERS = ("Dana Whitfield", "Raj Patel", "Marie Dubois", "Tom Becker", "Aiko Tanaka", "Sam Ortiz")
FREE_TAGS = (
    "emea", "north america", "q3 launch", "2024 refresh", "analyst report", "partner co-marketing",
    "enterprise", "mid-market", "field event", "gartner",
)

TEMPLATES = (
    "{customer} cut {metric} by {pct}% within {months} months of rolling out {product}.",
    "With {product}, {persona} teams get {t} and {t2} in one place instead of three tools.",
    "Most {industry} organizations still handle {t} in spreadsheets, which slows {t2} and hides "
    "risk until the auditors arrive.",
    "Unlike {competitor}, {product} handles {t} natively, so there is no custom code to maintain.",
    "The business case rests on {t}: a typical {industry} customer sees payback in {months} "
    "months.",
    "Ask the {persona} how much time the team spends on {t} every month, then put a number on it.",
    "Our {t} capability was built for {pain}, the issue raised most often in discovery calls.",
    "{customer} replaced {competitor} and moved {n} users to {product} over a single weekend.",
    "Before {product}, {customer} needed {n} people to manage {t}; today two analysts do it.",
    "{product} connects to your {t} through prebuilt connectors, so {t2} stays in sync.",
    "A {industry} customer reported {pct}% fewer exceptions in {t} after the first quarter.",
    "When the {persona} raises {pain}, lead with {t} and the {customer} story.",
    "Expect questions about {t} and {t2} during the security review; the answers are in the "
    "trust portal.",
    "The {t} module ships with templates for {industry}, which shortens the time to go-live.",
    "Position {product} as the way to end {pain} without adding headcount.",
    "Every plan includes {t}, {t2} and unlimited read-only users.",
    "Implementation typically takes {weeks} weeks, including {t} and user acceptance testing.",
    "{customer} now closes the books in {days} days instead of {days2}.",
    "{competitor} will claim parity on {t}; ask the prospect to test it with their own data.",
    "For {industry} teams, {t} is rarely the goal; {pain} is what keeps the {persona} up at night.",
    "Tie {t} to a metric the {persona} already reports on, such as {metric}.",
    "{product} keeps a full history of {t}, which makes {t2} a report rather than a project.",
)
FILLER = (
    "This guide explains what changes for each team and what stays the same.",
    "Start with the process that causes the most rework, not the one that is easiest to automate.",
    "The numbers below come from customer interviews and anonymized usage data.",
    "Nobody buys software to admire it; they buy it to stop a recurring headache.",
    "Keep the first meeting short and leave with a clear next step.",
    "Every organization is different, so treat these figures as a starting point.",
    "Finance, IT and the business each define success differently, and all three must agree.",
    "The rollout plan below has been used by teams of ten and teams of ten thousand.",
    "Good documentation and a named owner matter more than any single feature.",
    "We recommend a short pilot with real data before any commitment.",
    "Most of the effort goes into agreeing on definitions, not into configuration.",
    "Change management is easier when people can see their own numbers improve.",
    "The project team met weekly and reviewed a single shared dashboard.",
    "Questions that come up late in a deal usually could have been answered early.",
    "Share this document with the prospect only after the discovery call.",
    "Each section ends with questions to ask and proof points to use.",
    "Budgets are tight, so every investment has to earn its place quickly.",
    "Leadership wanted fewer surprises and a faster view of the numbers.",
    "The old process relied on email, shared drives and a lot of goodwill.",
    "Adoption grew steadily once the first team showed results.",
    "Support was available around the clock during the first month.",
    "These steps can run in parallel when the team has the capacity.",
    "Talk track, proof points and objections are listed in the appendix.",
    "The customer asked us not to publish their exact volumes.",
    "A clear owner for each decision kept the project on schedule.",
    "Pricing depends on volume, entities and the modules selected.",
    "The checklist at the end helps you qualify the opportunity.",
    "Use plain language; the audience is busy and rarely technical.",
)
HEADINGS = (
    "Why {t} matters", "How {customer} approached {t}", "{t}: what to expect", "The challenge",
    "The solution", "Results", "Frequently asked questions", "Implementation timeline",
    "Pricing and packaging", "Next steps", "Key capabilities", "Proof points",
    "Handling objections about {t}", "{product} at a glance", "Questions to ask the {persona}",
    "Security and compliance", "Integrations", "About {customer}", "The business case",
)
TITLES: dict[str, tuple[str, ...]] = {
    "case study": ("{customer} {verb} {metric} with {product}", "{customer} customer story",
                   "How {customer} tackled {pain}"),
    "battlecard": ("{product} vs {competitor}", "Battlecard - {competitor}",
                   "Competing against {competitor}"),
    "one-pager": ("{product} one-pager", "{product} for {industry}", "{pain} in one page"),
    "whitepaper": ("The state of {t}", "{t} in {industry}: a research report",
                   "Rethinking {t}"),
    "ebook": ("The {persona} guide to {pain}", "{t} explained", "A practical ebook on {t}"),
    "guide": ("{t} playbook", "Implementation guide - {product}", "Field guide to {pain}"),
    "webinar": ("Webinar - {t} for {persona} teams", "Live session: {pain} with {product}"),
    "email template": ("Email - follow-up after {t} demo", "Cold email - {persona} {pain}",
                       "Email sequence - {industry}"),
    "roi calculator": ("{product} ROI calculator", "TCO model - {product} vs {competitor}",
                       "Business case calculator - {industry}"),
    "datasheet": ("{product} datasheet", "{product} technical specifications"),
    "presentation": ("{product} sales deck", "{product} pitch for {industry}",
                     "First call deck - {pain}"),
    "blog post": ("Five lessons about {t}", "What {persona} leaders get wrong about {t}",
                  "Blog - {pain} in {industry}"),
    "solution brief": ("{product} solution brief", "{product} and {t}: integration brief"),
    "faq": ("{product} FAQ", "Security FAQ - {product}", "{t} questions and answers"),
    "checklist": ("{t} checklist", "Go-live checklist - {product}", "{pain} readiness checklist"),
    "price list": ("{product} price list", "Pricing sheet {year}", "Rate card - {industry}"),
}
VERBS = ("cuts", "halves", "reduces", "improves", "transforms")

# Which content types each format carries, and the page (slide, section) range of each type.
TYPES_BY_FORMAT: dict[str, tuple[str, ...]] = {
    "pdf": ("case study", "whitepaper", "ebook", "datasheet", "one-pager", "solution brief",
            "checklist", "guide", "battlecard"),
    "docx": ("guide", "case study", "email template", "checklist", "one-pager", "whitepaper",
             "faq"),
    "pptx": ("presentation", "webinar", "battlecard", "case study"),
    "xlsx": ("roi calculator", "price list"),
    "md": ("blog post", "faq", "guide", "email template"),
    "html": ("blog post", "faq", "solution brief"),
    "txt": ("email template", "faq", "checklist"),
}
PAGES_BY_TYPE: dict[str, tuple[int, int]] = {
    "case study": (2, 5), "battlecard": (1, 3), "one-pager": (1, 1), "whitepaper": (8, 30),
    "ebook": (10, 30), "guide": (4, 20), "webinar": (15, 30), "email template": (1, 2),
    "roi calculator": (1, 5), "datasheet": (1, 2), "presentation": (8, 30), "blog post": (1, 4),
    "solution brief": (2, 4), "faq": (2, 6), "checklist": (1, 3), "price list": (1, 4),
}
FOLDERS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "case study": ("Case Studies/{Industry}", "Customer Stories/{year}"),
    "battlecard": ("Competitive/Battlecards", "Competitive/{competitor}"),
    "one-pager": ("Product/{product}", "Marketing/One-pagers"),
    "whitepaper": ("Marketing/Whitepapers", "Thought Leadership/{year}"),
    "ebook": ("Marketing/Ebooks",),
    "guide": ("Enablement/Playbooks", "Enablement/Guides/{product}"),
    "webinar": ("Marketing/Webinars/{year}",),
    "email template": ("Templates/Email", "Enablement/Sequences/{Industry}"),
    "roi calculator": ("Tools/ROI", "Pricing/Calculators"),
    "datasheet": ("Product/{product}/Datasheets",),
    "presentation": ("Sales Decks/{year}", "Sales Decks/{Industry}"),
    "blog post": ("Marketing/Blog/{year}",),
    "solution brief": ("Product/{product}", "Partners/Solution Briefs"),
    "faq": ("Enablement/FAQ", "Security & Compliance"),
    "checklist": ("Enablement/Checklists",),
    "price list": ("Pricing/{year}",),
}
YEARS = ("2022", "2023", "2024", "2025")

# Soft preferences, used only where the taxonomy knows the value.
PERSONAS_BY_TOPIC: dict[str, tuple[str, ...]] = {
    "finance": ("CFO", "Procurement", "Operations"),
    "security": ("CISO", "CIO", "IT Manager", "Legal"),
    "migration": ("CIO", "CTO", "IT Manager"),
    "roi": ("CFO", "CEO", "Procurement"),
    "compliance": ("CISO", "Legal", "CFO"),
    "sales": ("VP Sales", "Sales Ops", "Marketing"),
    "technology": ("CTO", "CIO", "IT Manager"),
}
PAINS_BY_TOPIC: dict[str, tuple[str, ...]] = {
    "finance": ("cost reduction", "slow reporting", "manual processes", "spend visibility",
                "forecast accuracy"),
    "security": ("security compliance", "data privacy", "fraud risk"),
    "migration": ("legacy migration", "integration complexity", "data silos", "time to value"),
    "roi": ("cost reduction", "time to value", "vendor consolidation"),
    "compliance": ("audit readiness", "security compliance", "data privacy"),
    "sales": ("user adoption", "forecast accuracy", "scalability"),
    "technology": ("scalability", "integration complexity", "data silos"),
}
# fmt: on


# --------------------------------------------------------------------------------------------
# The taxonomy, read lazily.


@dataclass(frozen=True)
class FacetTerms:
    name: str
    values: tuple[str, ...]
    synonyms: dict[str, tuple[str, ...]]


@cache
def taxonomy_terms() -> dict[str, FacetTerms]:
    """Facet values and synonyms of the default taxonomy, read when first needed."""
    from contentfinder.library.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(None)
    return {
        facet.name: FacetTerms(
            facet.name,
            tuple(v.name for v in facet.values),
            {v.name: v.synonyms for v in facet.values},
        )
        for facet in taxonomy.facets
    }


def _values(facet: str) -> tuple[str, ...]:
    terms = taxonomy_terms().get(facet)
    return terms.values if terms else ()


def _phrase(rng: random.Random, facet: str, fallback: str) -> str:
    """A value or one of its synonyms, as prose would mention it."""
    terms = taxonomy_terms().get(facet)
    if not terms or not terms.values:
        return fallback
    value = rng.choice(terms.values)
    return rng.choice((value, *terms.synonyms.get(value, ())))


# --------------------------------------------------------------------------------------------
# Asset specifications: everything about one asset except its words, decided in the parent.


@dataclass(frozen=True)
class AssetSpec:
    index: int
    id: str  # path below the root, '/'-separated
    fmt: str
    content_type: str
    topic: str
    pages: int
    title: str
    tag_mode: str  # "embedded", "catalog" or "none"
    tags: dict[str, list[str]] = field(default_factory=dict)
    free_tags: list[str] = field(default_factory=list)
    keyword_style: str = "explicit"
    content_seed: str = ""


def plan_library(n: int, seed: int) -> list[AssetSpec]:
    """The deterministic list of `n` asset specifications."""
    rng = random.Random(f"plan-{seed}")
    formats = _format_sequence(n, rng)
    used: set[str] = set()
    specs = []
    for index, fmt in enumerate(formats):
        asset_rng = random.Random(f"asset-{seed}-{index}")
        specs.append(_plan_asset(index, fmt, asset_rng, used, seed))
    return specs


def _format_sequence(n: int, rng: random.Random) -> list[str]:
    counts = {fmt: int(n * share) for fmt, share in FORMAT_SHARES.items()}
    counts["pdf"] += n - sum(counts.values())
    formats = [fmt for fmt, count in counts.items() for _ in range(count)]
    rng.shuffle(formats)
    return formats


def _plan_asset(index: int, fmt: str, rng: random.Random, used: set[str], seed: int) -> AssetSpec:
    content_type = rng.choice(TYPES_BY_FORMAT[fmt])
    topic = rng.choice(tuple(TOPICS))
    low, high = PAGES_BY_TYPE[content_type]
    pages = min(30, max(1, round(rng.triangular(low, high, low))))
    slots = _slots(rng, topic)
    title = rng.choice(TITLES[content_type]).format(**slots)
    title = title[0].upper() + title[1:]
    folder = rng.choice(FOLDERS_BY_TYPE[content_type]).format(**slots)
    asset_id = _unique_name(folder, _file_stem(title), fmt, used)
    roll = rng.random()
    tag_mode = "embedded" if roll < 0.5 else "catalog" if roll < 0.75 else "none"
    if tag_mode == "embedded" and fmt == "txt":  # plain text has nowhere to keep tags
        tag_mode = "catalog"
    return AssetSpec(
        index=index,
        id=asset_id,
        fmt=fmt,
        content_type=content_type,
        topic=topic,
        pages=pages,
        title=title,
        tag_mode=tag_mode,
        tags=_choose_tags(rng, topic, content_type) if tag_mode != "none" else {},
        free_tags=rng.sample(FREE_TAGS, rng.choice((0, 0, 1, 2))) if tag_mode != "none" else [],
        keyword_style=rng.choice(("explicit", "bare", "synonyms", "split")),
        content_seed=f"content-{seed}-{index}",
    )


def _file_stem(title: str) -> str:
    cleaned = "".join(c for c in title if c not in '\\/:*?"<>|')
    return " ".join(cleaned.split())[:80]


def _unique_name(folder: str, stem: str, fmt: str, used: set[str]) -> str:
    candidate, version = f"{folder}/{stem}.{fmt}", 1
    while candidate.lower() in used:
        version += 1
        candidate = f"{folder}/{stem} v{version}.{fmt}"
    used.add(candidate.lower())
    return candidate


def _prefer(rng: random.Random, facet: str, preferred: tuple[str, ...], count: int) -> list[str]:
    known = _values(facet)
    pool = [v for v in preferred if v in known] if rng.random() < 0.8 else []
    pool = pool or list(known)
    return rng.sample(pool, min(count, len(pool)))


def _choose_tags(rng: random.Random, topic: str, content_type: str) -> dict[str, list[str]]:
    terms = taxonomy_terms()
    tags = {
        "persona": _prefer(rng, "persona", PERSONAS_BY_TOPIC[topic], rng.choice((1, 1, 2))),
        "stage": _prefer(rng, "stage", (), 1),
        "pain": _prefer(rng, "pain", PAINS_BY_TOPIC[topic], rng.choice((1, 2, 2, 3))),
    }
    if "industry" in terms and rng.random() < 0.6:
        tags["industry"] = _prefer(rng, "industry", (), rng.choice((1, 1, 2)))
    if "content_type" in terms and content_type in terms["content_type"].values:
        tags["content_type"] = [content_type]
    return {facet: values for facet, values in tags.items() if values}


# --------------------------------------------------------------------------------------------
# Prose.


def _slots(rng: random.Random, topic: str) -> dict[str, str]:
    """Values for every placeholder the templates use; topical terms favour the asset's topic."""

    def term() -> str:
        pool = TOPICS[topic] if rng.random() < 0.7 else TOPICS[rng.choice(tuple(TOPICS))]
        return rng.choice(pool)

    days = rng.randint(3, 8)
    industry = _phrase(rng, "industry", "manufacturing")
    return {
        "t": term(),
        "t2": term(),
        "product": rng.choice(PRODUCTS),
        "customer": rng.choice(CUSTOMERS),
        "competitor": rng.choice(COMPETITORS),
        "metric": rng.choice(METRICS),
        "pct": str(rng.randint(12, 74)),
        "months": str(rng.randint(3, 18)),
        "weeks": str(rng.randint(4, 16)),
        "n": str(rng.randint(40, 4000)),
        "days": str(days),
        "days2": str(days + rng.randint(4, 12)),
        "persona": _phrase(rng, "persona", "CFO"),
        "pain": _phrase(rng, "pain", "cost reduction"),
        "industry": industry,
        "Industry": (rng.choice(_values("industry")) if _values("industry") else industry).title(),
        "verb": rng.choice(VERBS),
        "year": rng.choice(YEARS),
    }


class Prose:
    """Sentences, paragraphs and pages built from a few templates; seeded per asset."""

    def __init__(self, seed: str, topic: str) -> None:
        self.rng = random.Random(seed)
        self.topic = topic

    def sentence(self) -> str:
        if self.rng.random() < 0.35:
            return self.rng.choice(FILLER)
        return self.rng.choice(TEMPLATES).format(**_slots(self.rng, self.topic))

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def heading(self) -> str:
        return self.rng.choice(HEADINGS).format(**_slots(self.rng, self.topic))

    def bullets(self, count: int) -> list[str]:
        return [self.sentence().rstrip(".") for _ in range(count)]

    def page(self, words: tuple[int, int] = (300, 500)) -> list[str]:
        """Paragraphs adding up to a page's worth of words."""
        target = self.rng.randint(*words)
        paragraphs: list[str] = []
        count = 0
        while count < target:
            paragraph = self.paragraph()
            paragraphs.append(paragraph)
            count += paragraph.count(" ") + 1
        return paragraphs

    def numbers(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


# --------------------------------------------------------------------------------------------
# Embedded tags in the shapes marketers' tools leave behind.


def keyword_parts(spec: AssetSpec) -> dict[str, str]:
    """Property name -> keyword string (keywords, subject, category) for embedded tagging."""
    if spec.tag_mode != "embedded":
        return {}
    rng = random.Random(f"keywords-{spec.content_seed}")
    free = list(spec.free_tags)
    if spec.keyword_style == "explicit":
        parts = [f"{facet}: {value}" for facet, values in spec.tags.items() for value in values]
        return {"keywords": "; ".join(parts + free)}
    if spec.keyword_style == "synonyms":
        parts = [
            _synonym(rng, facet, value) for facet, values in spec.tags.items() for value in values
        ]
        return {"keywords": ", ".join(parts + free)}
    if spec.keyword_style == "split":
        rest = {f: v for f, v in spec.tags.items() if f not in ("stage", "content_type")}
        result = {"keywords": "; ".join([v for vs in rest.values() for v in vs] + free)}
        if spec.tags.get("stage"):
            result["subject"] = f"stage: {spec.tags['stage'][0]}"
        if spec.tags.get("content_type"):
            result["category"] = spec.tags["content_type"][0]
        return result
    return {"keywords": "; ".join([v for vs in spec.tags.values() for v in vs] + free)}


def _synonym(rng: random.Random, facet: str, value: str) -> str:
    terms = taxonomy_terms().get(facet)
    synonyms = terms.synonyms.get(value, ()) if terms else ()
    return rng.choice(synonyms) if synonyms else value


# --------------------------------------------------------------------------------------------
# Writers, one per format. Each writes the whole file at `path`.


def _core_properties(props: object, spec: AssetSpec) -> None:
    from datetime import datetime

    parts = keyword_parts(spec)
    props.title = spec.title if spec.tag_mode != "none" or spec.index % 2 else ""
    props.keywords = parts.get("keywords", "")
    props.subject = parts.get("subject", "")
    props.category = parts.get("category", "")
    props.creator = OWNERS[spec.index % len(OWNERS)]
    props.created = datetime(*FIXED_DATE)
    props.modified = datetime(*FIXED_DATE)


def write_pdf(path: Path, spec: AssetSpec, prose: Prose) -> None:
    from datetime import UTC, datetime

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(*FIXED_DATE, tzinfo=UTC))
    pdf.set_auto_page_break(True, margin=12)
    for number in range(spec.pages):
        pdf.add_page()
        pdf.set_font("helvetica", style="B", size=15 if number == 0 else 12)
        _pdf_lines(pdf, spec.title if number == 0 else prose.heading(), 7, PDF_HEADING_CHARS)
        pdf.ln(2)
        pdf.set_font("helvetica", size=9.5)
        for paragraph in prose.page((300, 450)):
            _pdf_lines(pdf, paragraph, 4.4, PDF_BODY_CHARS)
            pdf.ln(1.5)
    parts = keyword_parts(spec)
    if spec.tag_mode != "none" or spec.index % 2:
        pdf.set_title(_latin1(spec.title))
    if parts.get("keywords"):
        pdf.set_keywords(_latin1(parts["keywords"]))
    if parts.get("subject") or parts.get("category"):
        pdf.set_subject(_latin1(parts.get("subject") or parts.get("category", "")))
    pdf.set_author(OWNERS[spec.index % len(OWNERS)])
    pdf.output(str(path))


# Lines wrapped here, by characters, and written as single cells: fpdf2's multi_cell measures
# the line so far at every character (quadratic), which made a PDF cost 170 ms and a
# 50,000-asset library over an hour. Helvetica averages about half an em, so at 9.5 pt a
# 190 mm line holds about 110 characters; fewer, so no line is clipped.
PDF_BODY_CHARS = 100
PDF_HEADING_CHARS = 70


def _pdf_lines(pdf: object, text: str, height: float, width: int) -> None:
    for line in textwrap.wrap(_latin1(text), width) or [""]:
        pdf.cell(0, height, line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def write_docx(path: Path, spec: AssetSpec, prose: Prose) -> None:
    import docx

    document = docx.Document()
    document.add_heading(spec.title, level=0)
    for number in range(spec.pages):
        if number:
            document.add_heading(prose.heading(), level=1)
        paragraphs = prose.page()
        for position, paragraph in enumerate(paragraphs):
            document.add_paragraph(paragraph)
            if position == 1 and number % 3 == 1:
                for bullet in prose.bullets(4):
                    document.add_paragraph(bullet, style="List Bullet")
        if number % 4 == 2:
            _docx_table(document, prose)
    _core_properties(document.core_properties, spec)
    document.save(str(path))


def _docx_table(document: object, prose: Prose) -> None:
    table = document.add_table(rows=4, cols=3)
    for row, (label, before, after) in enumerate(
        [("Metric", "Before", "After")]
        + [
            (m, str(prose.numbers(10, 90)), str(prose.numbers(2, 40)))
            for m in prose.rng.sample(METRICS, 3)
        ]
    ):
        for column, text in enumerate((label, before, after)):
            table.cell(row, column).text = text


def write_pptx(path: Path, spec: AssetSpec, prose: Prose) -> None:
    from pptx import Presentation

    deck = Presentation()
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = spec.title
    cover.placeholders[1].text = prose.sentence()
    for _ in range(spec.pages - 1):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = prose.heading()
        frame = slide.placeholders[1].text_frame
        bullets = prose.bullets(prose.numbers(3, 6))
        frame.text = bullets[0]
        for bullet in bullets[1:]:
            frame.add_paragraph().text = bullet
        if prose.rng.random() < 0.6:
            slide.notes_slide.notes_text_frame.text = prose.paragraph((5, 9))
    _core_properties(deck.core_properties, spec)
    deck.save(str(path))


def write_xlsx(path: Path, spec: AssetSpec, prose: Prose) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    names = ("Summary", "Inputs", "Model", "Pricing", "Assumptions")
    for number in range(spec.pages):
        sheet = workbook.active if number == 0 else workbook.create_sheet()
        sheet.title = names[number % len(names)] + (f" {number}" if number >= len(names) else "")
        sheet.append([spec.title if number == 0 else prose.heading()])
        sheet.append(["Item", "Description", "Year 1", "Year 2", "Year 3", "Notes"])
        for _ in range(prose.numbers(20, 80)):
            slots = _slots(prose.rng, spec.topic)
            sheet.append(
                [
                    slots["t"],
                    prose.sentence(),
                    prose.numbers(1_000, 250_000),
                    prose.numbers(1_000, 250_000),
                    prose.numbers(1_000, 250_000),
                    prose.sentence() if prose.rng.random() < 0.3 else "",
                ]
            )
    props = workbook.properties
    parts = keyword_parts(spec)
    props.title = spec.title
    props.keywords = parts.get("keywords") or None
    props.subject = parts.get("subject") or None
    props.category = parts.get("category") or None
    props.creator = OWNERS[spec.index % len(OWNERS)]
    workbook.save(str(path))


def write_markdown(path: Path, spec: AssetSpec, prose: Prose) -> None:
    lines: list[str] = []
    if spec.tag_mode == "embedded":
        lines += ["---", f'title: "{spec.title}"']
        for facet, values in spec.tags.items():
            shown = values if len(values) > 1 or prose.rng.random() < 0.5 else values[0]
            lines.append(f"{facet}: {json.dumps(shown, ensure_ascii=False)}")
        lines += ["---", ""]
    lines += [f"# {spec.title}", ""]
    for number in range(spec.pages):
        if number:
            lines += [f"## {prose.heading()}", ""]
        for position, paragraph in enumerate(prose.page()):
            lines += [paragraph, ""]
            if position == 0 and number % 2:
                lines += [f"- {b}" for b in prose.bullets(4)] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_html(path: Path, spec: AssetSpec, prose: Prose) -> None:
    from html import escape

    parts = keyword_parts(spec)
    head = [f"<title>{escape(spec.title)}</title>", '<meta charset="utf-8">']
    if parts:
        joined = "; ".join(parts.values())
        head.append(f'<meta name="keywords" content="{escape(joined)}">')
    body = [f"<h1>{escape(spec.title)}</h1>"]
    for number in range(spec.pages):
        if number:
            body.append(f"<h2>{escape(prose.heading())}</h2>")
        body += [f"<p>{escape(p)}</p>" for p in prose.page()]
        if number % 2:
            body.append(
                "<ul>" + "".join(f"<li>{escape(b)}</li>" for b in prose.bullets(4)) + "</ul>"
            )
    html = (
        '<!DOCTYPE html>\n<html lang="en"><head>'
        + "".join(head)
        + "<style>body{font-family:sans-serif}</style></head>\n<body>\n<nav>Home | Library</nav>"
        + "\n".join(body)
        + "\n<footer>Internal use only</footer></body></html>\n"
    )
    path.write_text(html, encoding="utf-8")


def write_text(path: Path, spec: AssetSpec, prose: Prose) -> None:
    lines = [spec.title, "=" * len(spec.title), ""]
    for number in range(spec.pages):
        if number:
            heading = prose.heading()
            lines += [heading, "-" * len(heading), ""]
        for paragraph in prose.page():
            lines += [paragraph, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


WRITERS: dict[str, Callable[[Path, AssetSpec, Prose], None]] = {
    "pdf": write_pdf,
    "docx": write_docx,
    "pptx": write_pptx,
    "xlsx": write_xlsx,
    "md": write_markdown,
    "html": write_html,
    "txt": write_text,
}


def write_asset(root: Path, spec: AssetSpec) -> int:
    """Write one asset (to a temporary name, then renamed into place); returns its size."""
    target = root / spec.id
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    try:
        WRITERS[spec.fmt](temp, spec, Prose(spec.content_seed, spec.topic))
        os.replace(temp, target)  # a new inode: hard-linked copies keep the old content
    finally:
        temp.unlink(missing_ok=True)
    return target.stat().st_size


def _write_job(job: tuple[str, dict[str, object]]) -> tuple[str, int]:
    root, spec = job
    asset = AssetSpec(**spec)  # type: ignore[arg-type]
    return asset.fmt, write_asset(Path(root), asset)


# --------------------------------------------------------------------------------------------
# The catalog.


def write_catalog(root: Path, specs: Iterable[AssetSpec], seed: int) -> int:
    """`catalog.csv` rows for the catalog-tagged assets; returns how many."""
    facets = [
        f for f in ("persona", "stage", "pain", "industry", "content_type") if f in taxonomy_terms()
    ]
    header = ["path", "title", *facets, "expires", "owner", "summary"]
    rng = random.Random(f"catalog-{seed}")
    rows = []
    for spec in specs:
        if spec.tag_mode != "catalog":
            continue
        expires = rng.choice(("",) * 7 + ("2023-06-30", "2024-12-31", "2031-12-31"))
        summary = Prose(f"summary-{spec.content_seed}", spec.topic).sentence()
        rows.append(
            [
                spec.id,
                spec.title if rng.random() < 0.7 else "",
                *(";".join(spec.tags.get(f, [])) for f in facets),
                expires,
                rng.choice(OWNERS),
                summary,
            ]
        )
    with (root / "catalog.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


# --------------------------------------------------------------------------------------------
# Generation, caching and modification.


def library_path(n: int, seed: int = 7) -> Path:
    return DATA_DIR / f"library-{n}-{seed}"


def cached_library(n: int, seed: int = 7) -> Path:
    """The cached library for (n, seed), generated first when missing or half-written."""
    root = library_path(n, seed)
    generate(root, n, seed)
    return root


def is_complete(root: Path, n: int, seed: int) -> bool:
    try:
        marker = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        marker.get("n") == n
        and marker.get("seed") == seed
        and marker.get("version") == GENERATOR_VERSION
    )


def generate(root: Path, n: int, seed: int = 7, *, workers: int | None = None) -> None:
    """Write a library of `n` assets at `root`; reuse it when a complete one is there."""
    if is_complete(root, n, seed):
        print(f"corpus: reusing {root} ({n} assets, seed {seed})", flush=True)
        return
    started = time.perf_counter()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    specs = plan_library(n, seed)
    catalog_rows = write_catalog(root, specs, seed)
    (root / MANIFEST).write_text(json.dumps([asdict(s) for s in specs]), encoding="utf-8")
    total_bytes = _write_all(root, specs, workers or os.cpu_count() or 1, started)
    seconds = time.perf_counter() - started
    marker = {
        "n": n,
        "seed": seed,
        "version": GENERATOR_VERSION,
        "seconds": round(seconds, 1),
        "bytes": total_bytes,
        "catalog_rows": catalog_rows,
    }
    (root / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    print(
        f"corpus: generated {n} assets, {total_bytes / 2**20:.1f} MB, {catalog_rows} catalog "
        f"rows, in {seconds:.1f} s -> {root}",
        flush=True,
    )


def _write_all(root: Path, specs: list[AssetSpec], workers: int, started: float) -> int:
    # Biggest first, so the pool does not end on one long ebook.
    ordered = sorted(specs, key=lambda s: -s.pages * (4 if s.fmt == "pdf" else 1))
    jobs = [(str(root), asdict(spec)) for spec in ordered]
    total, done, step = 0, 0, max(1, len(jobs) // 20)
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(max(1, workers)) as pool:
        for _fmt, size in pool.imap_unordered(_write_job, jobs, chunksize=2):
            total += size
            done += 1
            if done % step == 0 or done == len(jobs):
                print(
                    f"corpus: {done}/{len(jobs)} files ({100 * done // len(jobs)}%), "
                    f"{total / 2**20:.1f} MB, {time.perf_counter() - started:.1f} s",
                    flush=True,
                )
    return total


def load_manifest(root: Path) -> list[AssetSpec]:
    data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return [AssetSpec(**item) for item in data]


def modify(root: Path, count: int, seed: int, *, skip: Iterable[str] = ()) -> list[str]:
    """Rewrite `count` assets with new text (formats taken in turn), so their size and time
    change; returns their ids. Files are replaced, never written in place, so a hard-linked
    copy of the library keeps the original content."""
    chosen = _pick_for_change(load_manifest(root), count, seed, set(skip))
    for revision, spec in enumerate(chosen, start=1):
        old_size = (root / spec.id).stat().st_size
        rng = random.Random(f"modify-{seed}-{spec.index}")
        for attempt in range(5):
            changed = replace(
                spec,
                pages=min(30, max(1, spec.pages + rng.choice((-1, 1, 1)))),
                content_seed=f"{spec.content_seed}-r{seed}-{revision}-{attempt}",
            )
            if write_asset(root, changed) != old_size:
                break
    return [spec.id for spec in chosen]


def _pick_for_change(
    specs: list[AssetSpec], count: int, seed: int, skip: set[str]
) -> list[AssetSpec]:
    rng = random.Random(f"pick-{seed}")
    by_format: dict[str, list[AssetSpec]] = {}
    for spec in specs:
        if spec.id not in skip:
            by_format.setdefault(spec.fmt, []).append(spec)
    for group in by_format.values():
        rng.shuffle(group)
    chosen: list[AssetSpec] = []
    formats = sorted(by_format)
    while len(chosen) < count and any(by_format.values()):
        for fmt in formats:
            if by_format[fmt] and len(chosen) < count:
                chosen.append(by_format[fmt].pop())
    return chosen


def vocabulary() -> list[str]:
    """Words and phrases the library's text uses, for building queries."""
    words = {term for terms in TOPICS.values() for term in terms}
    words.update(PRODUCTS, METRICS, (c.split()[0] for c in CUSTOMERS), COMPETITORS)
    return sorted(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--root", type=Path, help="default: benchmarks/.data/library-<n>-<seed>")
    args = parser.parse_args(argv)
    generate(args.root or library_path(args.n, args.seed), args.n, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
