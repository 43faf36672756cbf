"""Generate `resources/sample-library/`: the bundled demo library (SPEC §1).

The library belongs to a fictional B2B SaaS vendor, Northwind Ledger, Inc., a finance-operations
platform with four products: Ledger Core (multi-entity general ledger hub), Spend Guard (spend
management: requests, approvals, virtual cards, budgets), Close Assist (month-end close
automation: reconciliations, flux analysis, close checklists) and Pay Hub (accounts-payable
automation: invoice capture, matching, payment runs). Competitors: Quillstone (all-in-one
suite), legacy ERP add-on modules, Vantor AP (point AP tool). ERP partner: Meridian ERP.

    .venv/bin/python scripts/make_sample_library.py          # (re)write the library
    .venv/bin/python scripts/make_sample_library.py --table  # print the table below

The script is deterministic: fixed texts, fixed dates (document properties, zip entry times,
PDF creation dates, file modification times), no randomness. It deletes and rewrites
`resources/sample-library/` and touches nothing else. The library's `taxonomy.toml` is the
built-in default (`resources/taxonomy.toml`) plus a `product` facet.

Tagging routes (SPEC §1), one block per asset below. Routes:
  explicit   embedded keyword string with `facet: value` parts
  bare       embedded keyword string with bare canonical values
  synonyms   embedded keyword string with synonyms ("TOFU", "chief financial officer")
  variants   embedded values in other case / with accents ("cfo", "Considération")
  free       embedded parts that are no taxonomy term (kept as free tags: "Q3 launch")
  front      Markdown YAML front matter, one key per facet (string or list)
  meta       HTML <title> and <meta name="keywords">
  catalog    catalog.csv row tags a file that has no embedded tags
  override   catalog.csv cells replace what the file itself says (per column)
  info-only  catalog.csv row with owner/summary/expires only: empty cells override nothing
  untagged   no embedded tags, no catalog row
  expired    catalog `expires` in the past (2025-06-30); `far-future`: expires 2099-12-31
  heading    no title property anywhere: the title comes from the first heading
Owners and dates: the catalog's `owner` wins; without one, the file's author is the owner
(core property author, PDF /Author, front matter `author`/`owner`, <meta name="author">). A few
catalog rows give a `published` date; the others are dated by the day the index first saw them.

<!-- route-table -->
Case Studies/Harbor Steel Fabrication - Manufacturing Case Study.pdf  [pdf]
    routes: explicit
    intent: CFO, Operations / decision / manual processes, cost reduction
Case Studies/Mercer Valley Health - Close Automation.docx  [docx]
    routes: synonyms, free (category, subject)
    intent: CFO / decision / audit readiness, slow reporting
Case Studies/Bluewater Credit Union.pdf  [pdf]
    routes: catalog (no embedded tags, catalog title)
    intent: CFO, CISO / decision / audit readiness, spend visibility
Case Studies/Trellis Home Goods - Retail.docx  [docx]
    routes: bare
    intent: CFO, Procurement / consideration / spend visibility, vendor consolidation
Case Studies/Kestrel Freight - Logistics.md  [md]
    routes: front (lists, synonyms: Controller, MOFU, success story)
    intent: CFO / consideration / manual processes, integration complexity
Case Studies/Cedar County - Public Sector.html  [html]
    routes: meta (bare + synonym 'government')
    intent: CFO, Procurement / decision / audit readiness, spend visibility
Case Studies/Alder State University.htm  [htm]
    routes: meta (synonyms: finance leader, BOFU, higher ed, maverick spend)
    intent: CFO / decision / spend visibility, cost reduction
Case Studies/Ridgeline Power Cooperative.txt  [txt]
    routes: catalog (plain text, no title property)
    intent: CFO, Operations / consideration / forecast accuracy, data silos
Case Studies/Fenwick and Hale Consulting.pdf  [pdf]
    routes: explicit, override (catalog replaces persona and stage)
    intent: CFO, Operations / decision / slow reporting
Case Studies/Lumen Analytics - SaaS Scale-up.markdown  [markdown]
    routes: front (.markdown, variants: cfo, Consideration, DATA SILOS, SaaS)
    intent: CFO, CEO / consideration / scalability, data silos
Battlecards/Northwind vs Quillstone.docx  [docx]
    routes: explicit, free ('Internal only', 'Competitive: Quillstone')
    intent: VP Sales, Sales Ops / decision / vendor consolidation, time to value
Battlecards/Northwind vs Legacy ERP Add-ons.pdf  [pdf]
    routes: synonyms (bofu, cro, revops, legacy systems, tool sprawl, battle card), free
    intent: VP Sales, Sales Ops / decision / legacy migration, vendor consolidation
Decks/Modern Finance Operations Webinar.pptx  [pptx]
    routes: synonyms (TOFU, chief financial officer, controller, webinar), free ('Spend Guard
            4.0', category)
    intent: CFO / awareness / slow reporting, manual processes
Decks/Northwind Ledger Corporate Overview.pptx  [pptx]
    routes: catalog (embedded title only), far-future (expires 2099-12-31)
    intent: CEO, CFO, CIO / awareness / vendor consolidation, data silos
Decks/Close Assist Product Demo.pptx  [pptx]
    routes: variants (cfo, Considération, SLOW REPORTING, Audit Trail, product: close assist)
    intent: CFO / consideration / slow reporting, audit readiness
Guides/ROI Guide - Building the Business Case.pdf  [pdf]
    routes: bare (PDF /Keywords), free (/Subject: 'Business case', 'ROI')
    intent: CFO, Procurement / decision / cost reduction, time to value
Guides/Implementation and Migration Guide.docx  [docx]
    routes: synonyms (IT director, IT admin, bofu, migration downtime, cutover, integrations,
            implementation guide), subject -> product
    intent: CIO, IT Manager / decision / legacy migration, integration complexity
Guides/Objection Handling Guide.md  [md]
    routes: front (lists, content_type synonym 'playbook')
    intent: VP Sales, Sales Ops / consideration / cost reduction, user adoption, legacy
            migration
Guides/Customer Onboarding Checklist.docx  [docx]
    routes: synonyms (onboarding, adoption, ttv, IT admin, COO, checklist), category 'Customer
            Success' -> stage
    intent: Operations, IT Manager / retention / user adoption, time to value
Guides/Month-End Close Playbook.pdf  [pdf]
    routes: catalog (tags from the catalog, title from PDF /Title)
    intent: CFO / awareness / slow reporting, manual processes
Guides/Discovery Call Question Bank.docx  [docx]
    routes: untagged, heading (no core properties)
    intent: (none; for VP Sales / Sales Ops, consideration)
Security/Security and Compliance Whitepaper.pdf  [pdf]
    routes: explicit, info-only (catalog row with owner and summary, empty tag cells)
    intent: CISO, CIO, IT Manager / consideration / security compliance, audit readiness, data
            privacy
Security/Data Processing and Privacy FAQ.html  [html]
    routes: meta (bare CISO, Legal + synonyms GDPR, data residency, FAQ, evaluation)
    intent: CISO, Legal / consideration / data privacy
Security/Security Questionnaire Responses.xlsx  [xlsx]
    routes: explicit + bare + synonyms mixed (persona: CISO; IT Manager; MOFU; SOC 2; SSO;
            encryption), free ('questionnaire')
    intent: CISO, IT Manager / consideration / audit readiness, security compliance
Email Templates/Cold Outreach - CFO Spend Visibility.txt  [txt]
    routes: untagged, heading
    intent: (none; for CFO / awareness / spend visibility)
Email Templates/Follow-up After Demo.md  [md]
    routes: front (strings; synonyms bofu, follow-up email)
    intent: CFO / decision / time to value
Email Templates/Renewal Check-in.txt  [txt]
    routes: catalog (plain text)
    intent: CFO, Operations / retention / user adoption, time to value
One-pagers/Spend Guard One-Pager.pdf  [pdf]
    routes: bare + synonyms (maverick spend, fraud, sell sheet), /Subject -> product
    intent: CFO, Procurement / awareness / spend visibility, fraud risk
One-pagers/Ledger Core Datasheet.pdf  [pdf]
    routes: explicit (content_type, product) + bare (CIO, CTO) + synonyms (mofu, integrations)
    intent: CIO, CTO / consideration / scalability, integration complexity
Pricing/TCO Calculator.xlsx  [xlsx]
    routes: bare + synonyms (roi calculator, tco, AP automation -> product Pay Hub), free
            category
    intent: CFO, Procurement / decision / cost reduction
Pricing/Pricing FAQ.docx  [docx]
    routes: bare (faq, CFO, decision, cost reduction), override (catalog replaces persona and
            pain)
    intent: Procurement, CFO, VP Sales / decision / cost reduction, vendor consolidation
Pricing/Price List 2025 H1.xlsx  [xlsx]
    routes: catalog, expired (expires 2025-06-30)
    intent: Procurement, VP Sales / decision / cost reduction
Partners/Meridian ERP Integration Brief.docx  [docx]
    routes: bare (CIO, IT Manager, consideration, ..., Ledger Core -> product), free ('Meridian
            ERP')
    intent: CIO, IT Manager / consideration / integration complexity, data silos
Blog/Five Signs Your Month-End Close Is Too Slow.html  [html]
    routes: meta (synonyms: top of funnel, blog, Controller, close cycle, spreadsheets)
    intent: CFO / awareness / slow reporting, manual processes
<!-- /route-table -->

Plus `Brand/northwind-logo.png`, an unsupported file (the index report lists it).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import os
import re
import shutil
import struct
import sys
import textwrap
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TAXONOMY = ROOT / "resources" / "taxonomy.toml"
LIBRARY = ROOT / "resources" / "sample-library"
VENDOR = "Northwind Ledger"
COMPANY = "Northwind Ledger, Inc."
CATALOG_HEADER = (
    "path", "title", "persona", "stage", "pain", "industry", "content_type", "expires",
    "published", "owner", "summary",
)  # fmt: skip

Cell = str | int | float
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    """A titled block of body text: a document section, a slide, or a workbook sheet."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    table: tuple[Row, ...] = ()  # the first row is the header; "=..." strings are formulas
    notes: str = ""  # speaker notes (PPTX only)


@dataclass(frozen=True)
class Embedded:
    """What the file itself says about itself (SPEC §1, "Embedded properties")."""

    title: str = ""
    subject: str = ""
    keywords: str = ""
    category: str = ""
    author: str = ""
    front_matter: tuple[tuple[str, str | tuple[str, ...]], ...] = ()  # Markdown only


@dataclass(frozen=True)
class CatalogRow:
    """One row of `catalog.csv`; an empty cell leaves the file's own value alone."""

    title: str = ""
    persona: str = ""
    stage: str = ""
    pain: str = ""
    industry: str = ""
    content_type: str = ""
    expires: str = ""
    published: str = ""  # ISO date; empty: the day the index first saw the file
    owner: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Asset:
    path: str  # the asset id: relative to the library root, "/"-separated
    routes: str  # tagging routes exercised (see the module docstring)
    intent: str  # what a rep should find it for: persona / stage / pain
    published: date  # document dates and the file's modification time
    heading: str  # the body's first heading ("" = none)
    sections: tuple[Section, ...]
    embedded: Embedded = field(default_factory=Embedded)
    catalog: CatalogRow | None = None

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()


# ============================================================================================
# The library, one asset per entry.
# ============================================================================================

ASSETS: tuple[Asset, ...] = (
    # ---------------------------------------------------------------- Case Studies
    Asset(
        path="Case Studies/Harbor Steel Fabrication - Manufacturing Case Study.pdf",
        routes="explicit",
        intent="CFO, Operations / decision / manual processes, cost reduction",
        published=date(2025, 9, 16),
        heading="Harbor Steel Fabrication: 71% lower cost per invoice and a 9-month payback",
        embedded=Embedded(
            title="Harbor Steel Fabrication cuts AP cost per invoice by 71% with Pay Hub",
            subject="Customer case study: manufacturing",
            keywords=(
                "persona: CFO; persona: Operations; stage: decision; pain: manual processes; "
                "pain: cost reduction; industry: manufacturing; content_type: case study; "
                "product: Pay Hub; product: Spend Guard"
            ),
            author="Northwind Ledger Customer Marketing",
        ),
        sections=(
            Section(
                "At a glance",
                paragraphs=(
                    "Harbor Steel Fabrication is a family-owned metal fabricator with four "
                    "plants in Ohio and Pennsylvania, 1,150 employees and annual revenue of "
                    "$310 million. The company builds structural steel assemblies, conveyor "
                    "frames and custom weldments for OEM customers in agriculture, mining "
                    "equipment and material handling.",
                    "In 2024 the finance team processed roughly 5,800 supplier invoices a "
                    "month, most of them on paper or as PDF attachments, keyed by hand into "
                    "an on-premise ERP. Three plant controllers spent the last week of every "
                    "month chasing approvals on the shop floor.",
                ),
                table=(
                    ("Metric", "Before", "After 12 months"),
                    ("Fully loaded cost per invoice", "$11.40", "$3.30"),
                    ("Invoice cycle time (receipt to approval)", "14.2 days", "3.1 days"),
                    ("Early-payment discounts captured", "$38,000 / year", "$412,000 / year"),
                    ("Duplicate payments recovered or prevented", "unknown", "$96,500"),
                    ("AP headcount", "7 FTE", "4 FTE (3 redeployed to FP&A)"),
                ),
            ),
            Section(
                "The challenge: a paper trail across four plants",
                paragraphs=(
                    "Every plant bought its own consumables, tooling and maintenance "
                    "services. Packing slips lived in receiving, purchase orders lived in "
                    "the ERP, and invoices arrived at a central mailbox in Toledo. Matching "
                    "the three took an AP clerk an average of nine minutes per invoice, and "
                    "about one invoice in six needed a phone call to a plant to resolve a "
                    "quantity or price variance.",
                    'CFO Maria Ellison described the situation plainly: "We were paying '
                    "late fees to our own steel service centers while sitting on cash. Our "
                    "suppliers offered 2/10 net 30 and we almost never qualified because an "
                    'invoice needed eleven days just to reach the right approver."',
                    "Month-end accruals were estimates. Without a reliable view of received-"
                    "but-not-invoiced goods, the controllers booked a large manual accrual "
                    "and reversed it the following month, which made plant-level margins "
                    "swing by as much as two points from month to month.",
                ),
            ),
            Section(
                "The solution: Pay Hub and Spend Guard on top of the existing ERP",
                paragraphs=(
                    "Harbor Steel kept its ERP as the system of record and added Northwind "
                    "Pay Hub for invoice capture, three-way matching and payment runs, and "
                    "Spend Guard for purchase requests from the plants. Suppliers now email "
                    "invoices to a single capture address; Pay Hub reads header and line "
                    "data, matches lines to the purchase order and the goods receipt, and "
                    "routes only the exceptions to a person.",
                    "Plant managers approve from their phones. Approval rules follow the "
                    "delegation-of-authority matrix the audit committee already signed off: "
                    "under $5,000 the plant manager, up to $50,000 the plant controller, "
                    "above that the CFO. Spend Guard issues single-use virtual cards for "
                    "urgent maintenance purchases, so emergency buys no longer bypass the "
                    "PO process.",
                ),
                bullets=(
                    "Go-live in 11 weeks, one plant at a time, with no change to the ERP's "
                    "chart of accounts.",
                    "86% of invoices now match without a human touch; the rest arrive in "
                    "an exception queue with the variance already highlighted.",
                    "Duplicate detection flagged 212 invoices in the first year, "
                    "including 19 resubmitted with a changed invoice number.",
                ),
            ),
            Section(
                "The results: ROI in nine months",
                paragraphs=(
                    "Harbor Steel measured return on investment the way its board reviews "
                    "any capital project: hard savings only, against the three-year "
                    "subscription and implementation cost. Lower processing cost, captured "
                    "discounts and prevented duplicate payments paid back the investment in "
                    "nine months; the three-year ROI is 412%.",
                    "The softer gains matter as much to the plant teams. Accruals are now "
                    "driven by actual receipts, the close moved from day 9 to day 5, and "
                    "the three AP clerks who moved to FP&A build the weekly cash forecast "
                    "that the lending bank asks for.",
                    '"The business case was about cost per invoice. What I value now is '
                    'that I can see committed spend by plant before it hits the P&L," '
                    "said Ellison.",
                ),
            ),
            Section(
                "Why manufacturers choose Northwind Ledger",
                bullets=(
                    "Works beside the ERP you already run; no rip-and-replace.",
                    "Line-level three-way matching built for PO-heavy, multi-site buying.",
                    "Approval rules that mirror your delegation of authority.",
                    "Fixed-fee implementation with a named solution architect.",
                ),
                paragraphs=(
                    "Talk to your Northwind Ledger account executive about a cost-per-"
                    "invoice assessment for your plants, or model your own numbers with "
                    "the TCO calculator.",
                ),
            ),
        ),
    ),
    Asset(
        path="Case Studies/Mercer Valley Health - Close Automation.docx",
        routes="synonyms, free (category, subject)",
        intent="CFO / decision / audit readiness, slow reporting",
        published=date(2025, 11, 4),
        heading="Mercer Valley Health closes the books in four days",
        embedded=Embedded(
            title="Mercer Valley Health: from a 12-day to a 4-day close with Close Assist",
            subject="Healthcare finance transformation",
            keywords=(
                "chief financial officer, controller, BOFU, hospitals, audit prep, slow close, "
                "customer story, Close Assist"
            ),
            category="Customer Stories",
            author="Marco Ruiz",
        ),
        sections=(
            Section(
                "Customer profile",
                paragraphs=(
                    "Mercer Valley Health is a not-for-profit health system with three "
                    "acute-care hospitals, 42 outpatient clinics and a home-health agency "
                    "serving 600,000 people in central California. Its finance organisation "
                    "of 64 people reports across 17 legal entities, including a captive "
                    "insurance company and a charitable foundation.",
                ),
                table=(
                    ("", "Before Close Assist", "After"),
                    ("Business days to close", "12", "4"),
                    ("Balance-sheet reconciliations done in spreadsheets", "1,140", "0"),
                    ("Reconciliations auto-certified each month", "0", "610"),
                    ("External audit fieldwork", "7 weeks", "4 weeks"),
                    ("Audit adjustments (prior year vs. current)", "23", "4"),
                ),
            ),
            Section(
                "A close that ran into the next month",
                paragraphs=(
                    "Before the project, Mercer Valley's close took twelve business days. "
                    "Reconciliations for cash, patient receivables, third-party payer "
                    "settlements and intercompany balances lived in more than a thousand "
                    "workbooks on a shared drive. Reviewers signed off by initialling a "
                    "printed cover sheet, and nobody could say on day six which accounts "
                    "were still open.",
                    "The external auditors noticed. The prior-year management letter cited "
                    "inconsistent evidence of review on reconciliations and late posting of "
                    "intercompany eliminations, a finding the audit committee asked the CFO "
                    "to resolve before the next year-end.",
                ),
            ),
            Section(
                "What changed",
                paragraphs=(
                    "The controller's team rolled out Close Assist in two waves. Wave one "
                    "moved the close checklist, with owners, due dates and dependencies, out "
                    "of a spreadsheet and into Close Assist, giving leadership a live "
                    "dashboard of progress by entity. Wave two connected bank feeds and the "
                    "general ledger so that high-volume, low-risk accounts reconcile "
                    "themselves when balances tie within a set threshold.",
                    "Every reconciliation now carries its supporting documents, the preparer, "
                    "the reviewer and a timestamp. When auditors ask for evidence, staff "
                    "export a binder for the period instead of searching the shared drive.",
                ),
                bullets=(
                    "Auto-certification rules for 610 low-risk accounts.",
                    "Flux analysis that asks for an explanation when a balance moves more "
                    "than 10% and $25,000 month over month.",
                    "Intercompany matching across all 17 entities, with eliminations "
                    "posted on day two.",
                ),
            ),
            Section(
                "Results",
                paragraphs=(
                    "Within two quarters the close fell from twelve to four business days. "
                    "The following audit closed with no findings on reconciliations, "
                    "fieldwork was three weeks shorter, and the system saved an estimated "
                    "$180,000 in audit fees and overtime in the first year.",
                    '"Our board gets a flash P&L on day three now, not day fifteen. That '
                    'changes what we can do about a bad month," said Priya Anand, Vice '
                    "President of Finance and Corporate Controller.",
                ),
            ),
            Section(
                "About Close Assist",
                paragraphs=(
                    "Close Assist is Northwind Ledger's close-management application: "
                    "checklists, account reconciliations, transaction matching, flux "
                    "analysis and journal-entry workflows with a complete audit trail. "
                    "It connects to Ledger Core and to the major cloud and on-premise ERPs.",
                ),
            ),
        ),
    ),
    Asset(
        path="Case Studies/Bluewater Credit Union.pdf",
        routes="catalog (no embedded tags, catalog title)",
        intent="CFO, CISO / decision / audit readiness, spend visibility",
        published=date(2025, 5, 20),
        heading="Bluewater Credit Union",
        sections=(
            Section(
                "Overview",
                paragraphs=(
                    "Bluewater Credit Union serves 240,000 members from 31 branches along "
                    "the Gulf Coast and manages $4.2 billion in assets. Like every regulated "
                    "financial institution it answers to examiners for how money leaves the "
                    "building: who requested a purchase, who approved it, and whether the "
                    "vendor was vetted before the first payment.",
                    "In 2024 an internal audit found that 28% of non-payroll spend, about "
                    "$19 million, flowed through corporate cards and reimbursements with no "
                    "pre-approval and no contract on file. Branch managers bought "
                    "marketing services, facilities work and software subscriptions on "
                    "their own cards because the purchase-order process took three weeks.",
                ),
            ),
            Section(
                "Requirements",
                bullets=(
                    "Pre-approval for every purchase above $1,000, enforced before the money "
                    "moves, not discovered at reconciliation.",
                    "Vendor due diligence (W-9, OFAC screening, insurance certificates, "
                    "information-security questionnaire for software vendors) completed "
                    "before a vendor can be paid.",
                    "An audit trail that satisfies NCUA examiners and the supervisory "
                    "committee without manual evidence gathering.",
                    "Single sign-on through the credit union's identity provider and "
                    "data hosted in the United States.",
                ),
            ),
            Section(
                "Implementation",
                paragraphs=(
                    "Bluewater deployed Spend Guard in 90 days. Purchase requests start in a "
                    "simple intake form; Spend Guard routes them through budget owner, "
                    "procurement and, for software, the information-security team. "
                    "Approved requests generate a virtual card limited to the vendor, the "
                    "amount and the month, so card spend is pre-approved by design.",
                    "Vendor onboarding runs in the same workflow. The CISO's team reviews "
                    "security questionnaires inside Spend Guard, and a vendor cannot "
                    "receive a payment until its risk tier and documents are complete.",
                ),
                table=(
                    ("Control", "Before", "With Spend Guard"),
                    ("Spend without pre-approval", "28% of non-payroll spend", "under 2%"),
                    ("Vendors paid without due diligence file", "140", "0"),
                    ("Time from request to approved PO", "19 days", "2.5 days"),
                    ("Evidence requests from examiners answered", "in weeks", "same day"),
                ),
            ),
            Section(
                "Outcome",
                paragraphs=(
                    "The following NCUA examination closed with no findings on third-party "
                    "risk management, and the supervisory committee now reviews a monthly "
                    "spend report instead of a sample of receipts. Finance gained live "
                    "visibility into committed spend by branch and cost center, and renewals "
                    "of 63 software subscriptions were renegotiated or cancelled, saving "
                    "$740,000 a year.",
                    '"Audit readiness used to be a project. Now it is simply how we buy," '
                    "said Daniel Reyes, Chief Financial Officer of Bluewater Credit Union.",
                ),
            ),
        ),
        catalog=CatalogRow(
            title="Bluewater Credit Union: audit-ready spend controls in 90 days",
            persona="CFO;CISO",
            stage="decision",
            pain="audit readiness;spend visibility",
            industry="financial services",
            content_type="case study",
            published="2025-05-20",
            owner="Marco Ruiz",
            summary="How a $4.2B credit union put pre-approval and vendor due diligence in "
            "front of every payment and passed its NCUA exam with no findings.",
        ),
    ),
    Asset(
        path="Case Studies/Trellis Home Goods - Retail.docx",
        routes="bare",
        intent="CFO, Procurement / consideration / spend visibility, vendor consolidation",
        published=date(2025, 7, 8),
        heading="Trellis Home Goods puts 100% of indirect spend under management",
        embedded=Embedded(
            title="Trellis Home Goods: indirect spend under control across 140 stores",
            keywords="CFO, Procurement, consideration, spend visibility, vendor consolidation, "
            "retail, case study",
            author="Marco Ruiz",
        ),
        sections=(
            Section(
                "About Trellis Home Goods",
                paragraphs=(
                    "Trellis Home Goods is a specialty retailer of furniture, lighting and "
                    "home decor with 140 stores in the United States and Canada and an "
                    "e-commerce business that now accounts for a third of sales. Revenue "
                    "in fiscal 2024 was $1.1 billion.",
                ),
            ),
            Section(
                "The problem: indirect spend nobody owned",
                paragraphs=(
                    "Merchandise buying at Trellis is disciplined; indirect spend was not. "
                    "Store maintenance, fixtures, cleaning contracts, marketing agencies "
                    "and software were bought by store managers, regional directors and "
                    "head-office teams, each with their own preferred suppliers. The "
                    "procurement team of four could see purchase orders, but half of "
                    "indirect spend never had one.",
                    "A spend analysis in early 2024 counted 2,300 active indirect "
                    "suppliers, 61 of them providing janitorial services alone, and three "
                    "separate contracts with the same point-of-sale support provider at "
                    "three different rates.",
                ),
            ),
            Section(
                "Evaluating the options",
                paragraphs=(
                    "Trellis considered extending its ERP's procurement module, buying a "
                    "full source-to-pay suite, and a lighter spend-management layer. The "
                    "ERP module required every requester to learn the ERP. The suites "
                    "priced in the high six figures with a nine-month implementation. "
                    "Spend Guard met the requirements at roughly a third of the cost and "
                    "could run alongside the ERP from day one.",
                ),
                table=(
                    ("Criterion", "ERP module", "S2P suite", "Spend Guard"),
                    ("Time to first approved request", "6+ months", "9 months", "5 weeks"),
                    ("Requester training", "half day", "2 hours", "15 minutes"),
                    ("Catalog and guided buying", "limited", "yes", "yes"),
                    ("Virtual cards for stores", "no", "add-on", "included"),
                    ("Three-year cost (index)", "100", "310", "112"),
                ),
            ),
            Section(
                "Results after one year",
                bullets=(
                    "100% of indirect spend starts with a request; store managers use a "
                    "guided-buying catalog on a tablet in the stock room.",
                    "Active indirect suppliers fell from 2,300 to 840; janitorial "
                    "suppliers from 61 to 6 regional contracts.",
                    "$6.8 million in annualised savings from consolidation and "
                    "renegotiation, audited by the FP&A team.",
                    "Budget owners see committed, not just paid, spend against budget every day.",
                ),
                paragraphs=(
                    '"Consolidating vendors was the prize, but we could only do it once '
                    'we could see the spend," said Janelle Brooks, Senior Director of '
                    "Indirect Procurement.",
                ),
            ),
        ),
    ),
    Asset(
        path="Case Studies/Kestrel Freight - Logistics.md",
        routes="front (lists, synonyms: Controller, MOFU, success story)",
        intent="CFO / consideration / manual processes, integration complexity",
        published=date(2025, 10, 14),
        heading="Kestrel Freight automates carrier invoice auditing",
        embedded=Embedded(
            front_matter=(
                ("title", "Kestrel Freight: carrier invoices audited and paid in 48 hours"),
                ("persona", ("CFO", "Controller")),
                ("stage", "MOFU"),
                ("pain", ("manual processes", "integration complexity")),
                ("industry", "logistics"),
                ("content_type", "success story"),
                ("product", "Pay Hub"),
                ("author", "Marco Ruiz"),
            ),
        ),
        sections=(
            Section(
                "Company",
                paragraphs=(
                    "Kestrel Freight is an asset-light third-party logistics provider "
                    "headquartered in Memphis, Tennessee. It brokers truckload, LTL and "
                    "intermodal shipments for 900 shippers and pays more than 6,000 "
                    "carriers, from national fleets to owner-operators with a single truck.",
                ),
            ),
            Section(
                "Challenge",
                paragraphs=(
                    "Carrier invoices are small, numerous and error-prone: accessorial "
                    "charges for detention, lumper fees and fuel surcharges rarely match "
                    "the rate confirmation. Kestrel's payables team of 22 audited 48,000 "
                    "carrier invoices a month against load data exported nightly from its "
                    "transportation management system (TMS) into spreadsheets.",
                    "Carriers waited 35 days on average to be paid. Quick-pay requests, "
                    "which Kestrel charges a fee for, piled up in a shared inbox. Every new "
                    "TMS field meant another fragile macro.",
                ),
            ),
            Section(
                "Solution",
                paragraphs=(
                    "Kestrel connected Pay Hub to its TMS through Northwind's REST API and "
                    "webhooks, so each delivered load creates an expected payable with the "
                    "agreed rate and approved accessorials. When the carrier's invoice and "
                    "proof of delivery arrive, Pay Hub matches them to the load; "
                    "differences within tolerance are approved automatically, larger ones "
                    "go to the carrier-relations desk with the rate confirmation attached.",
                ),
                bullets=(
                    "TMS integration built in three weeks with Northwind's prebuilt "
                    "connector framework, no middleware.",
                    "Accessorial rules per customer contract, maintained by the pricing team.",
                    "Quick-pay as a self-service option in the carrier portal.",
                ),
            ),
            Section(
                "Results",
                table=(
                    ("Measure", "Before", "After"),
                    ("Invoices audited per AP specialist per day", "110", "480"),
                    ("Average days to pay a carrier", "35", "2 (quick-pay) / 21 (standard)"),
                    ("Overbilled accessorials caught per month", "$41,000", "$187,000"),
                    ("Spreadsheet macros maintained", "37", "0"),
                ),
                paragraphs=(
                    "Faster, predictable payment became a recruiting tool: Kestrel's "
                    "carrier network grew 18% in a year in a tight capacity market, and "
                    "quick-pay fees now generate $1.3 million in annual revenue.",
                ),
            ),
        ),
    ),
    Asset(
        path="Case Studies/Cedar County - Public Sector.html",
        routes="meta (bare + synonym 'government')",
        intent="CFO, Procurement / decision / audit readiness, spend visibility",
        published=date(2025, 3, 11),
        heading="Cedar County modernises purchasing and passes its single audit",
        embedded=Embedded(
            title="Cedar County: transparent purchasing for a county of 410,000 residents",
            keywords="CFO, Procurement, decision, audit readiness, spend visibility, "
            "government, case study",
            subject="How a county finance department replaced paper requisitions and "
            "met federal grant reporting rules.",
            author="Marco Ruiz",
        ),
        sections=(
            Section(
                "The county",
                paragraphs=(
                    "Cedar County, Oregon, runs 38 departments, from the sheriff's office to "
                    "parks and public health, on a general fund of $690 million. About $120 "
                    "million a year in federal and state grants comes with strict rules on "
                    "how purchases are competed, approved and documented.",
                ),
            ),
            Section(
                "Paper requisitions and a finding",
                paragraphs=(
                    "Requisitions were paper forms routed by interoffice mail. Department "
                    "heads could not see their remaining budget before signing, and the "
                    "finance office learned about over-commitments at year-end. The prior "
                    "single audit reported a significant deficiency: the county could not "
                    "show that grant-funded purchases followed its procurement policy for "
                    "competitive quotes.",
                ),
            ),
            Section(
                "What the county deployed",
                bullets=(
                    "Spend Guard requisitions with budget checks against the adopted "
                    "budget, by fund, department and grant.",
                    "Quote thresholds built into the workflow: three written quotes above "
                    "$10,000, formal solicitation above $150,000.",
                    "A public transparency export that publishes approved purchase orders "
                    "to the county's open-data portal every night.",
                    "Pay Hub for invoice matching, with grant codes carried from the "
                    "requisition to the payment.",
                ),
            ),
            Section(
                "Results",
                table=(
                    ("Measure", "Before", "After"),
                    ("Requisition to purchase order", "23 days", "4 days"),
                    ("Grant purchases lacking quote documentation", "14% sampled", "0%"),
                    ("Budget over-commitments found at year-end", "31", "0"),
                    ("Single-audit findings on procurement", "1 significant deficiency", "none"),
                ),
                paragraphs=(
                    '"The auditors sampled sixty grant purchases and every one had its '
                    "quotes, approvals and budget check attached. That had never happened "
                    "before,\" said Linda Marsh, the county's Finance Director.",
                ),
            ),
        ),
    ),
    Asset(
        path="Case Studies/Alder State University.htm",
        routes="meta (synonyms: finance leader, BOFU, higher ed, maverick spend)",
        intent="CFO / decision / spend visibility, cost reduction",
        published=date(2024, 10, 2),
        heading="Alder State University reins in decentralised spending",
        embedded=Embedded(
            title="Alder State University | Northwind Ledger customer story",
            keywords="finance leader; BOFU; higher ed; maverick spend; budget pressure; "
            "customer story",
            author="Marco Ruiz",
        ),
        sections=(
            Section(
                "A decentralised campus",
                paragraphs=(
                    "Alder State University enrols 27,000 students across two campuses and "
                    "runs $210 million in sponsored research. Spending authority sits with "
                    "more than 400 department administrators, principal investigators and "
                    "lab managers, which is how universities work and why central finance "
                    "struggles to see spend until it has happened.",
                    "Facing a state funding cut of 6% and flat enrolment, the Vice "
                    "President for Finance set a goal to find $9 million in administrative "
                    "savings without centralising every purchase.",
                ),
            ),
            Section(
                "Guided buying instead of central control",
                paragraphs=(
                    "The university used Spend Guard to make the preferred way to buy also "
                    "the easiest one. Lab supplies, IT equipment and travel now start from "
                    "a guided-buying page with negotiated catalogs; purchases from a "
                    "contracted supplier under $5,000 need no further approval. Anything "
                    "off-contract routes to the department's budget owner and, for "
                    "research funds, the sponsored-programs office.",
                    "Purchasing cards were replaced by virtual cards tied to a request, so "
                    "the card statement reconciles itself.",
                ),
            ),
            Section(
                "Outcomes in the first year",
                bullets=(
                    "On-contract spend rose from 38% to 81%.",
                    "$7.4 million in savings from catalog pricing and consolidated "
                    "contracts for lab consumables and computers.",
                    "P-card reconciliation effort down by 11,000 hours across departments.",
                    "Sponsored-research purchases checked for allowability before the "
                    "order is placed, not at the audit.",
                ),
            ),
        ),
    ),
    Asset(
        path="Case Studies/Ridgeline Power Cooperative.txt",
        routes="catalog (plain text, no title property)",
        intent="CFO, Operations / consideration / forecast accuracy, data silos",
        published=date(2025, 8, 26),
        heading="CUSTOMER SNAPSHOT: RIDGELINE POWER COOPERATIVE",
        sections=(
            Section(
                "Who they are",
                paragraphs=(
                    "Ridgeline Power Cooperative is a member-owned electric distribution "
                    "cooperative serving 96,000 meters across rural Colorado and Wyoming. "
                    "It buys wholesale power, maintains 9,400 miles of line, and is "
                    "investing $400 million over five years in grid hardening and solar "
                    "interconnections.",
                ),
            ),
            Section(
                "What was hard",
                paragraphs=(
                    "Capital projects, storm restoration and wholesale power purchases "
                    "made cash needs lumpy. The treasury team built a 13-week cash forecast "
                    "by pulling data from five systems: the ERP, the work-order system, the "
                    "customer billing platform, the bank portals and a spreadsheet of "
                    "expected FEMA reimbursements. It took three days every week, and the "
                    "forecast missed actual cash by 14% on average.",
                ),
            ),
            Section(
                "What they did",
                paragraphs=(
                    "Ridgeline consolidated its entities and capital-project sub-ledgers in "
                    "Ledger Core and connected billing, work orders and bank accounts to "
                    "it, so the cash forecast starts from one reconciled dataset. Committed "
                    "spend from Spend Guard purchase orders feeds the outflow side of the "
                    "forecast automatically.",
                ),
            ),
            Section(
                "Results",
                table=(
                    ("Measure", "Before", "After"),
                    ("Weekly forecast preparation", "3 days", "4 hours"),
                    ("13-week forecast error", "14%", "3.5%"),
                    ("Undrawn credit line kept as a buffer", "$60M", "$35M"),
                ),
                paragraphs=(
                    "A more accurate forecast let the board reduce the committed credit "
                    "facility by $25 million, saving $190,000 a year in unused-commitment "
                    "fees.",
                    "Contact: customer-marketing@northwindledger.example",
                ),
            ),
        ),
        catalog=CatalogRow(
            title="Ridgeline Power Cooperative: a 13-week cash forecast you can trust",
            persona="CFO;Operations",
            stage="consideration",
            pain="forecast accuracy;data silos",
            industry="energy",
            content_type="case study",
            owner="Marco Ruiz",
            summary="An electric cooperative cut cash-forecast error from 14% to 3.5% by "
            "consolidating five data sources in Ledger Core.",
        ),
    ),
    Asset(
        path="Case Studies/Fenwick and Hale Consulting.pdf",
        routes="explicit, override (catalog replaces persona and stage)",
        intent="CFO, Operations / decision / slow reporting",
        published=date(2025, 2, 18),
        heading="Fenwick & Hale Consulting: project margins the day after month-end",
        embedded=Embedded(
            title="Fenwick & Hale Consulting case study",
            keywords=(
                "persona: CFO; stage: awareness; pain: slow reporting; "
                "industry: professional services; content_type: case study"
            ),
        ),
        sections=(
            Section(
                "The firm",
                paragraphs=(
                    "Fenwick & Hale is a management-consulting firm with 1,400 consultants "
                    "in 11 offices in North America and the United Kingdom. Partners are "
                    "paid on project margin, which makes timely, trusted project "
                    "profitability reporting a board-level topic.",
                ),
            ),
            Section(
                "Waiting three weeks for margins",
                paragraphs=(
                    "Project margins depended on time entries, expense reports, "
                    "subcontractor invoices and revenue recognition across two currencies "
                    "and four legal entities. The close took eleven days and margin reports "
                    "followed a week later, by which time partners had already staffed the "
                    "next month. Intercompany recharges between the US and UK entities were "
                    "reconciled by hand in a 40-tab workbook.",
                ),
            ),
            Section(
                "The approach",
                bullets=(
                    "Ledger Core as the consolidation layer for the four entities, with "
                    "automated intercompany recharges and eliminations in USD and GBP.",
                    "Close Assist for the close checklist and for reconciliations of "
                    "work-in-progress, deferred revenue and subcontractor accruals.",
                    "Pay Hub to capture subcontractor invoices against project codes, so "
                    "costs reach the right project before the period closes.",
                ),
            ),
            Section(
                "Results",
                table=(
                    ("Measure", "Before", "After"),
                    ("Close", "11 business days", "3 business days"),
                    ("Project margin report available", "day 18", "day 4"),
                    ("Intercompany differences at close", "$1.2M average", "under $5K"),
                ),
                paragraphs=(
                    "Partners now review margins for every engagement in the first week of "
                    "the month. The CFO, Eleanor Hale, credits the faster numbers with "
                    'improving realised rates by 2.3 points in a year: "When the data is '
                    'fresh, people act on it."',
                ),
            ),
            Section(
                "Implementation timeline",
                table=(
                    ("Month", "Milestone"),
                    ("1", "Design workshops; entity, currency and project dimensions agreed"),
                    ("2", "Ledger Core consolidation live for the US entities"),
                    ("3", "UK entities, GBP translation and intercompany recharges live"),
                    ("4", "Close Assist checklist and reconciliations in production"),
                    ("5", "Pay Hub capturing subcontractor invoices by project code"),
                ),
                paragraphs=(
                    "The firm ran its first close on the new platform in month three, in "
                    "parallel with the old workbook, and retired the workbook after the "
                    "second parallel close matched to the penny.",
                ),
            ),
            Section(
                "Lessons from the project",
                bullets=(
                    "Agree intercompany recharge rules with both country controllers before "
                    "configuring anything; the software was the easy part.",
                    "Make partners the audience for the first reports: once margins arrived "
                    "on day four, adoption of time-entry deadlines followed by itself.",
                    "Keep the project codes identical in the PSA tool, the ledger and AP, "
                    "or subcontractor costs land on the wrong engagement.",
                    "Start with the reconciliations auditors look at first: work in "
                    "progress, deferred revenue and accrued subcontractor costs.",
                ),
                paragraphs=(
                    "Fenwick & Hale now plans to extend Spend Guard to partner travel and "
                    "client-rechargeable expenses, so that rebillable costs reach the "
                    "client invoice in the same month they are incurred.",
                ),
            ),
        ),
        catalog=CatalogRow(
            persona="CFO;Operations",
            stage="decision",
            owner="Marco Ruiz",
            summary="A consulting firm cut its close from 11 to 3 days and gets project "
            "margins on day 4.",
        ),
    ),
    Asset(
        path="Case Studies/Lumen Analytics - SaaS Scale-up.markdown",
        routes="front (.markdown, variants: cfo, Consideration, DATA SILOS, SaaS)",
        intent="CFO, CEO / consideration / scalability, data silos",
        published=date(2025, 6, 3),
        heading="Lumen Analytics scales from 2 to 9 entities without adding accountants",
        embedded=Embedded(
            front_matter=(
                ("title", "Lumen Analytics: multi-entity growth on Ledger Core"),
                ("persona", ("cfo", "Ceo")),
                ("stage", "Consideration"),
                ("pain", ("Scalability", "DATA SILOS")),
                ("industry", "SaaS"),
                ("content_type", "Case Study"),
                ("product", ("ledger core", "Close Assist")),
                ("author", "Marco Ruiz"),
            ),
        ),
        sections=(
            Section(
                "Growing faster than the finance team",
                paragraphs=(
                    "Lumen Analytics sells product-analytics software to mid-market "
                    "software companies. In 30 months it grew from $18 million to $95 "
                    "million in annual recurring revenue, opened subsidiaries in Ireland, "
                    "Germany, Australia and Singapore, and acquired two smaller competitors.",
                    "Each new entity arrived with its own accounting package. Billing data "
                    "lived in the subscription platform, payroll in three providers, and "
                    "the consolidation in a workbook the VP of Finance was reluctant to let "
                    "anyone else open.",
                ),
            ),
            Section(
                "Why Ledger Core",
                bullets=(
                    "Native multi-entity and multi-currency accounting: a new subsidiary is "
                    "a configuration, not a project.",
                    "Real-time consolidation with automated intercompany eliminations and "
                    "currency translation.",
                    "Prebuilt connectors for the subscription billing platform, payroll "
                    "providers and banks, so data silos disappear at the source.",
                    "An audit trail that satisfied the Big Four auditor in Lumen's first "
                    "audit as a Series D company.",
                ),
            ),
            Section(
                "Results",
                table=(
                    ("Measure", "2023", "2025"),
                    ("Legal entities", "2", "9"),
                    ("Finance and accounting headcount", "7", "8"),
                    ("Days to close", "15", "5"),
                    ("Board package delivered", "day 20", "day 7"),
                ),
                paragraphs=(
                    'Integrating the two acquisitions took six weeks each. "We added '
                    "seven entities and one accountant. The system scaled; the team did "
                    'not have to," said CEO Tomas Lindqvist.',
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Battlecards
    Asset(
        path="Battlecards/Northwind vs Quillstone.docx",
        routes="explicit, free ('Internal only', 'Competitive: Quillstone')",
        intent="VP Sales, Sales Ops / decision / vendor consolidation, time to value",
        published=date(2025, 10, 1),
        heading="Battlecard: Northwind Ledger vs Quillstone",
        embedded=Embedded(
            title="Battlecard: Northwind Ledger vs Quillstone",
            subject="Competitive: Quillstone",
            keywords=(
                "persona: VP Sales; persona: Sales Ops; stage: decision; "
                "pain: vendor consolidation; pain: time to value; content_type: battlecard; "
                "Internal only"
            ),
            author="Priya Natarajan",
        ),
        sections=(
            Section(
                "Who they are",
                paragraphs=(
                    "Quillstone sells an all-in-one finance suite (general ledger, AP, "
                    "expenses, planning) to mid-market companies, usually as a replacement "
                    "for the customer's ERP. They win on the promise of one vendor and one "
                    "contract. Expect them in roughly a third of our competitive deals "
                    "above 500 employees. Internal only: do not forward this document to "
                    "prospects.",
                ),
            ),
            Section(
                "Where we win",
                bullets=(
                    "Time to value: our customers go live in 8-12 weeks because we work "
                    "beside the ERP; Quillstone projects run 6-12 months because they "
                    "replace it.",
                    "Depth in AP and spend: line-level three-way match, virtual cards, "
                    "vendor risk workflows. Quillstone's AP is a module, not a product.",
                    "Risk: no ERP migration, no cut-over weekend, no re-training of the "
                    "whole finance team.",
                    "Open integrations: published REST API and prebuilt ERP connectors; "
                    "Quillstone charges for API access above a call quota.",
                ),
            ),
            Section(
                "Where they win, and how to respond",
                table=(
                    ("They say", "You say"),
                    (
                        "One vendor instead of four point solutions.",
                        "Consolidation is the goal, but not at the cost of a re-implementation. "
                        "We are one platform with four products on one data model and one "
                        "contract.",
                    ),
                    (
                        "Our suite is cheaper per module.",
                        "Compare three-year total cost including implementation and "
                        "the internal team. Use the TCO calculator; our typical TCO is "
                        "35-45% lower.",
                    ),
                    (
                        "Northwind still needs an ERP.",
                        "Yes, and most buyers want to keep theirs. Ask what replacing the "
                        "ERP would cost them in downtime and audit risk.",
                    ),
                ),
            ),
            Section(
                "Landmines to lay early",
                bullets=(
                    "Ask: how many months until your AP team processes its first invoice "
                    "in the new system?",
                    "Ask: who carries the risk if the ERP migration slips past year-end?",
                    "Ask for a customer reference who went live in under six months.",
                ),
            ),
            Section(
                "Proof points",
                bullets=(
                    "Harbor Steel Fabrication: live in 11 weeks, 9-month payback.",
                    "Trellis Home Goods: chose Spend Guard over an S2P suite at a third "
                    "of the cost.",
                    "Win rate against Quillstone in FY25: 58% (n = 43).",
                ),
            ),
        ),
    ),
    Asset(
        path="Battlecards/Northwind vs Legacy ERP Add-ons.pdf",
        routes="synonyms (bofu, cro, revops, legacy systems, tool sprawl, battle card), free",
        intent="VP Sales, Sales Ops / decision / legacy migration, vendor consolidation",
        published=date(2025, 8, 12),
        heading="Competing against legacy ERP add-on modules",
        embedded=Embedded(
            title="Battlecard: Northwind Ledger vs legacy ERP add-on modules",
            keywords="bofu, cro, revops, legacy systems, tool sprawl, battle card, Q3 launch",
            author="Priya Natarajan",
        ),
        sections=(
            Section(
                "The situation",
                paragraphs=(
                    "In many deals our real competitor is the prospect's incumbent ERP "
                    "vendor offering its own AP, procurement or close add-on, often "
                    "bundled into a renewal at a steep discount. The IT team likes it "
                    "because it is one less vendor; finance usually does not, because the "
                    "add-on inherits the limits of the on-premise system it bolts onto.",
                ),
            ),
            Section(
                "Qualify the pain",
                bullets=(
                    "How many of your invoices are still keyed by hand today?",
                    "When did your ERP vendor last ship a meaningful release of that module?",
                    "How long does a customisation take, and who maintains it at upgrade time?",
                    "What happens to the add-on when you move to the vendor's cloud ERP?",
                ),
            ),
            Section(
                "Comparison",
                table=(
                    ("Capability", "Legacy ERP add-on", "Northwind Ledger"),
                    ("Invoice capture", "OCR partner, extra fee", "built-in, line-level"),
                    ("Release cadence", "annual, with upgrade project", "monthly, no upgrade"),
                    ("Mobile approvals", "limited or third party", "native iOS and Android"),
                    ("Works across several ERPs", "no", "yes"),
                    ("Typical deployment", "6-9 months", "8-12 weeks"),
                ),
            ),
            Section(
                "Objections and answers",
                paragraphs=(
                    '"It is included in our renewal." Included is not free: ask for the '
                    "implementation estimate, the OCR fees and the internal IT time. Our "
                    "TCO calculator usually shows the bundled module costs more over three "
                    "years once services are counted.",
                    '"We are moving to the vendor\'s cloud ERP anyway." Then the add-on '
                    "will be re-implemented in two years. Northwind works with the old and "
                    "the new ERP, so AP automation does not wait for the ERP migration and "
                    "is not disrupted by the cut-over.",
                    '"IT wants fewer vendors." Northwind replaces the OCR partner, the '
                    "card program's portal and the close spreadsheets: usually three "
                    "vendors fewer, not one more.",
                ),
            ),
            Section(
                "Talking to IT",
                paragraphs=(
                    "IT teams often favour the add-on because it lives inside the ERP they "
                    "already secure and support. Respect that instinct and answer it with "
                    "facts: Northwind connects through the ERP's published APIs, signs in "
                    "through the company's identity provider, holds SOC 1, SOC 2 Type II "
                    "and ISO 27001 reports, and needs no servers, agents or upgrade "
                    "projects on the customer's side unless the ERP is on-premise.",
                    "Ask the IT lead how many hours the last ERP upgrade spent retesting "
                    "customisations in the AP module. That number is usually the most "
                    "persuasive line in the total-cost comparison, because it recurs with "
                    "every upgrade for as long as the add-on stays.",
                ),
            ),
            Section(
                "Proof points",
                bullets=(
                    "Harbor Steel Fabrication kept its on-premise ERP and went live with "
                    "Pay Hub in 11 weeks; the ERP vendor's AP module had been quoted at "
                    "seven months.",
                    "Lumen Analytics replaced three local accounting packages with Ledger "
                    "Core instead of extending the parent company's ERP to every subsidiary.",
                    "Win rate against incumbent ERP add-ons in FY25: 64% when finance "
                    "sponsors the evaluation, 31% when IT runs it alone. Get finance in "
                    "the room early.",
                ),
            ),
            Section(
                "Q3 launch talking points",
                bullets=(
                    "Spend Guard 4.0 adds budget holds on purchase requests.",
                    "New connector for the two most common on-premise ERPs, certified by "
                    "Meridian ERP for coexistence during migrations.",
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Decks
    Asset(
        path="Decks/Modern Finance Operations Webinar.pptx",
        routes="synonyms (TOFU, chief financial officer, controller, webinar), free "
        "('Spend Guard 4.0', category)",
        intent="CFO / awareness / slow reporting, manual processes",
        published=date(2025, 9, 23),
        heading="Finance Forward: Running a Modern Finance Operation",
        embedded=Embedded(
            title="Finance Forward webinar: running a modern finance operation",
            keywords=(
                "TOFU; webinar; chief financial officer; controller; slow reporting; "
                "manual processes; Spend Guard 4.0"
            ),
            category="Webinar series: Finance Forward",
            subject="Webinar deck with speaker notes",
            author="Dana Whitfield",
        ),
        sections=(
            Section(
                "Finance Forward: Running a Modern Finance Operation",
                paragraphs=(
                    "Live webinar, 45 minutes. Speakers: Dana Whitfield, Northwind Ledger, "
                    "and Priya Anand, VP Finance, Mercer Valley Health",
                ),
                notes="Welcome everyone. Introduce yourself and Priya. Remind attendees "
                "that the recording and slides will be emailed within 24 hours and that "
                "questions go in the Q&A panel, not the chat.",
            ),
            Section(
                "Where finance teams spend their time",
                bullets=(
                    "42% of finance staff time goes to collecting and reconciling data",
                    "The median mid-market close takes 9.5 business days",
                    "1 in 4 invoices still arrives on paper",
                    "Only 31% of CFOs trust their cash forecast beyond four weeks",
                ),
                notes="These figures come from our 2025 benchmark survey of 612 finance "
                "leaders. Pause on the close statistic and ask the audience to vote in "
                "the poll: how many days does your close take?",
            ),
            Section(
                "Three signs the operating model has hit its limit",
                bullets=(
                    "Reporting arrives too late to change decisions",
                    "Headcount grows in step with transaction volume",
                    "Controls depend on individual heroes and spreadsheets",
                ),
                notes="Tell the story of a controller who kept the close running from a "
                "workbook nobody else could open. Everyone has one of those.",
            ),
            Section(
                "Benchmark: manual vs automated finance operations",
                table=(
                    ("Process", "Manual median", "Automated top quartile"),
                    ("Cost per invoice", "$10.90", "$2.80"),
                    ("Days to close", "9.5", "4"),
                    ("Invoices per AP FTE per year", "6,100", "23,000"),
                    ("Forecast error (13-week)", "12%", "4%"),
                ),
                notes="Source: Northwind Ledger 2025 Finance Operations Benchmark. "
                "Emphasise that the top quartile is not bigger companies; it is companies "
                "that automated the repetitive work.",
            ),
            Section(
                "Customer story: Mercer Valley Health",
                bullets=(
                    "17 entities, 3 hospitals, 42 clinics",
                    "Close cut from 12 days to 4",
                    "610 reconciliations certified automatically every month",
                    "Zero audit findings on reconciliations",
                ),
                notes="Hand over to Priya for five minutes. Her key message: start with "
                "the close checklist, not with the hardest reconciliation.",
            ),
            Section(
                "A practical roadmap",
                bullets=(
                    "Quarter 1: make the close visible (checklist, owners, due dates)",
                    "Quarter 2: automate high-volume reconciliations and invoice capture",
                    "Quarter 3: put spend under pre-approval with budgets and virtual cards",
                    "Quarter 4: move from monthly reporting to continuous accounting",
                ),
                notes="Stress that each step pays for itself. Nobody should try to do "
                "all four at once.",
            ),
            Section(
                "What is new: Spend Guard 4.0",
                bullets=(
                    "Budget holds when a purchase request is approved",
                    "Real-time committed-spend dashboards by cost center",
                    "Virtual cards with merchant and amount locks",
                ),
                notes="Keep this to one minute; this is a thought-leadership session, "
                "not a demo. Offer a demo in the follow-up email.",
            ),
            Section(
                "Questions and next steps",
                bullets=(
                    "Download the Month-End Close Playbook",
                    "Benchmark your close with our free assessment",
                    "Book a 30-minute conversation with a finance-operations specialist",
                ),
                notes="Read out the two or three best questions from the Q&A panel. Close on time.",
            ),
        ),
    ),
    Asset(
        path="Decks/Northwind Ledger Corporate Overview.pptx",
        routes="catalog (embedded title only), far-future (expires 2099-12-31)",
        intent="CEO, CFO, CIO / awareness / vendor consolidation, data silos",
        published=date(2025, 1, 14),
        heading="Northwind Ledger: the finance operations platform",
        embedded=Embedded(title="Northwind Ledger corporate overview", author="Dana Whitfield"),
        sections=(
            Section(
                "Northwind Ledger",
                paragraphs=("The finance operations platform for growing companies",),
                notes="Use this deck for first meetings. Keep it to 20 minutes and leave "
                "the rest for discovery questions.",
            ),
            Section(
                "Who we are",
                bullets=(
                    "Founded 2016, headquartered in Chicago, offices in Dublin and Sydney",
                    "2,400 customers in 31 countries",
                    "$48 billion in annual spend processed",
                    "SOC 1 Type II, SOC 2 Type II and ISO 27001 certified",
                ),
                notes="Update the customer count every quarter from the investor deck.",
            ),
            Section(
                "The problem we solve",
                bullets=(
                    "Finance data is spread across the ERP, banks, cards, spreadsheets and inboxes",
                    "Every new entity, supplier or system adds manual work",
                    "Point solutions multiply vendors, logins and integrations",
                ),
                notes="Ask the prospect which of these sounds most familiar, then spend "
                "the meeting there.",
            ),
            Section(
                "One platform, four products",
                table=(
                    ("Product", "What it does", "Typical buyer"),
                    ("Ledger Core", "Multi-entity ledger hub and consolidation", "CFO, controller"),
                    (
                        "Spend Guard",
                        "Requests, approvals, budgets, virtual cards",
                        "CFO, procurement",
                    ),
                    (
                        "Close Assist",
                        "Close checklists, reconciliations, flux analysis",
                        "Controller",
                    ),
                    ("Pay Hub", "Invoice capture, matching, payment runs", "AP manager, CFO"),
                ),
                notes="All four share one data model, one security model and one contract.",
            ),
            Section(
                "How customers start",
                bullets=(
                    "Start with one product where the pain is sharpest",
                    "Live in 8 to 12 weeks beside the existing ERP",
                    "Expand to the next product on the same platform",
                ),
                notes="68% of customers add a second product within 18 months.",
            ),
            Section(
                "Customers",
                bullets=(
                    "Harbor Steel Fabrication: 9-month payback on AP automation",
                    "Mercer Valley Health: close cut from 12 to 4 days",
                    "Trellis Home Goods: $6.8 million saved through vendor consolidation",
                    "Lumen Analytics: from 2 to 9 entities with one extra accountant",
                ),
            ),
            Section(
                "Next steps",
                bullets=(
                    "Discovery workshop with finance and IT (90 minutes)",
                    "Tailored demo on your own process",
                    "Business case with the TCO calculator",
                ),
            ),
        ),
        catalog=CatalogRow(
            persona="CEO;CFO;CIO",
            stage="awareness",
            pain="vendor consolidation;data silos",
            content_type="presentation",
            expires="2099-12-31",
            published="2025-01-14",
            owner="Dana Whitfield",
            summary="The evergreen first-meeting deck: company facts, the four products "
            "and customer proof points.",
        ),
    ),
    Asset(
        path="Decks/Close Assist Product Demo.pptx",
        routes="variants (cfo, Considération, SLOW REPORTING, Audit Trail, product: close assist)",
        intent="CFO / consideration / slow reporting, audit readiness",
        published=date(2025, 11, 11),
        heading="Close Assist: close faster with confidence",
        embedded=Embedded(
            title="Close Assist demo deck",
            keywords="cfo; Considération; SLOW REPORTING; Audit Trail; product: close assist",
            category="Product demo",
            author="Sam Okafor",
        ),
        sections=(
            Section(
                "Close Assist",
                paragraphs=("Close faster with confidence: a guided product demo",),
                notes="Run the demo in the 'Summit Outdoor' sandbox tenant. Reset the "
                "sandbox the night before.",
            ),
            Section(
                "The close today",
                bullets=(
                    "Checklists in spreadsheets, status in email",
                    "Reconciliations rebuilt from scratch every month",
                    "Reviewers sign off on printouts; evidence scattered",
                    "Flux explanations written the night before the board meeting",
                ),
                notes="Ask the controller to walk you through their day 3 of close.",
            ),
            Section(
                "Demo flow",
                table=(
                    ("Step", "What to show", "Minutes"),
                    ("1", "Close dashboard by entity and owner", "4"),
                    ("2", "Auto-certified cash reconciliation", "5"),
                    ("3", "Intercompany matching and eliminations", "5"),
                    ("4", "Flux analysis with required commentary", "4"),
                    ("5", "Audit binder export", "2"),
                ),
                notes="Keep to twenty minutes. If the audience is IT-heavy, swap step 4 "
                "for the ERP connector configuration.",
            ),
            Section(
                "Reconciliations that certify themselves",
                bullets=(
                    "Rules by account risk: threshold, balance tie-out, aging",
                    "Bank and sub-ledger data pulled automatically",
                    "Only exceptions reach a reviewer",
                ),
                notes="Customers typically auto-certify 40-60% of accounts in the first quarter.",
            ),
            Section(
                "An audit trail auditors accept",
                bullets=(
                    "Preparer, reviewer, timestamp and evidence on every reconciliation",
                    "Immutable history of changes to rules and sign-offs",
                    "One-click audit binder per period",
                ),
                notes="Mention Mercer Valley Health: three weeks less audit fieldwork.",
            ),
            Section(
                "Pricing and next steps",
                bullets=(
                    "Priced per entity, unlimited users",
                    "Typical implementation: 6 to 8 weeks",
                    "Proposal with a close-time baseline from your last three closes",
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Guides
    Asset(
        path="Guides/ROI Guide - Building the Business Case.pdf",
        routes="bare (PDF /Keywords), free (/Subject: 'Business case', 'ROI')",
        intent="CFO, Procurement / decision / cost reduction, time to value",
        published=date(2025, 4, 29),
        heading="Building the business case for finance automation",
        embedded=Embedded(
            title="ROI guide: building the business case for finance automation",
            subject="Business case, ROI",
            keywords="CFO; Procurement; decision; cost reduction; time to value; guide",
            author="Northwind Ledger Value Engineering",
        ),
        sections=(
            Section(
                "Why a business case matters",
                paragraphs=(
                    "Finance automation projects rarely fail on technology. They stall "
                    'because the benefit is described in soft terms ("efficiency", '
                    '"visibility") that do not survive a capital-allocation meeting. '
                    "This guide shows how to build a return-on-investment case that a CFO "
                    "would accept from any other department: conservative, sourced, and "
                    "expressed in cash.",
                    "Use it together with the Northwind Ledger TCO calculator workbook. "
                    "Your account team can run a free value assessment with your own data.",
                ),
            ),
            Section(
                "Step 1: baseline the current cost",
                paragraphs=(
                    "Start with volumes and people. For accounts payable, count invoices "
                    "per month, the share arriving on paper, the FTEs involved in entry, "
                    "matching, approval chasing and supplier queries, and their fully "
                    "loaded cost. For the close, count business days to close, the people "
                    "involved and the overtime paid in close week.",
                    "Add the costs that hide in other budgets: OCR or scanning services, "
                    "late-payment fees, the IT time spent maintaining macros and "
                    "integrations, and external audit hours spent on evidence requests.",
                ),
                table=(
                    ("Baseline item", "Typical source", "Example value"),
                    ("Invoices per year", "ERP AP ledger", "60,000"),
                    ("Fully loaded cost per AP FTE", "HR / payroll", "$72,000"),
                    ("Cost per invoice", "derived", "$10.90"),
                    (
                        "Discounts offered but missed",
                        "supplier terms vs. payment dates",
                        "$310,000",
                    ),
                    (
                        "Duplicate or erroneous payments",
                        "internal audit / recovery audit",
                        "0.1% of spend",
                    ),
                ),
            ),
            Section(
                "Step 2: quantify the benefits",
                paragraphs=(
                    "Group benefits into three tiers and only put the first tier in the "
                    "headline number. Tier one is hard savings: lower processing cost, "
                    "captured early-payment discounts, avoided duplicate payments, retired "
                    "software and services. Tier two is cost avoidance: the hires you will "
                    "not need as volumes grow. Tier three is strategic value: faster "
                    "reporting, better forecasts, stronger controls.",
                    "Be conservative. If the reference customers achieved 80% touchless "
                    "invoice processing, model 60%. If discount capture rose tenfold at "
                    "Harbor Steel, model a doubling. A case that over-delivers builds "
                    "credibility for the next phase.",
                ),
            ),
            Section(
                "Step 3: count the full cost",
                bullets=(
                    "Subscription fees for the contract term, including expected growth in "
                    "entities or invoice volume.",
                    "Implementation services (Northwind offers fixed-fee packages).",
                    "Internal project time: finance, IT and procurement hours.",
                    "Change management and training; usually small, but not zero.",
                ),
            ),
            Section(
                "Step 4: present payback, ROI and time to value",
                paragraphs=(
                    "CFOs read three numbers first: payback period in months, three-year "
                    "ROI, and how soon the first benefit arrives. Because Northwind runs "
                    "beside the existing ERP, the first invoices flow through Pay Hub "
                    "within eight to twelve weeks, which brings the payback date forward "
                    "compared with suite replacements that deliver value only after a full "
                    "ERP migration.",
                ),
                table=(
                    ("Scenario", "Payback", "3-year ROI", "First value"),
                    ("Conservative", "14 months", "180%", "week 10"),
                    ("Expected", "9 months", "310%", "week 10"),
                    ("Reference (Harbor Steel)", "9 months", "412%", "week 11"),
                ),
            ),
            Section(
                "Common pitfalls",
                bullets=(
                    "Counting headcount reductions that will not happen; count redeployment "
                    "to analysis instead.",
                    "Ignoring the procurement team's view of contract terms and renewal dates.",
                    "Leaving out the cost of doing nothing: volume growth without automation.",
                    "Presenting a single point estimate instead of a range.",
                ),
            ),
        ),
    ),
    Asset(
        path="Guides/Implementation and Migration Guide.docx",
        routes="synonyms (IT director, IT admin, bofu, migration downtime, cutover, "
        "integrations, implementation guide), subject -> product",
        intent="CIO, IT Manager / decision / legacy migration, integration complexity",
        published=date(2025, 6, 24),
        heading="Implementation and migration guide",
        embedded=Embedded(
            title="Northwind Ledger implementation and data migration guide",
            subject="Ledger Core",
            keywords=(
                "IT director, IT admin, bofu, migration downtime, cutover, integrations, "
                "implementation guide"
            ),
            author="Northwind Ledger Professional Services",
        ),
        sections=(
            Section(
                "Purpose",
                paragraphs=(
                    "This guide explains how a Northwind Ledger implementation runs, what "
                    "we need from your IT and finance teams, and how we move historical "
                    "data without downtime for the people who pay suppliers and close the "
                    "books. It is written for IT directors, ERP administrators and project "
                    "managers evaluating the effort before they sign.",
                ),
            ),
            Section(
                "Project phases",
                table=(
                    ("Phase", "Weeks", "Key activities", "Your team"),
                    (
                        "Plan",
                        "1-2",
                        "Scope, design workshops, integration inventory",
                        "Project lead, controller",
                    ),
                    (
                        "Configure",
                        "3-6",
                        "Entities, approval rules, connectors, SSO",
                        "ERP admin, IT security",
                    ),
                    (
                        "Migrate and test",
                        "6-9",
                        "Data loads, reconciliation, user testing",
                        "AP lead, accountants",
                    ),
                    ("Cut-over", "10", "Freeze window, final delta load, go-live", "All"),
                    (
                        "Hypercare",
                        "11-14",
                        "Daily check-ins, tuning, handover to support",
                        "Project lead",
                    ),
                ),
            ),
            Section(
                "Integrations",
                paragraphs=(
                    "Northwind ships certified connectors for Meridian ERP and the most "
                    "common cloud and on-premise ERPs, plus banks, card issuers and "
                    "identity providers. Each connector synchronises master data (vendors, "
                    "chart of accounts, cost centers, projects) into Northwind and posts "
                    "approved transactions back to the ERP, which remains the system of "
                    "record for the general ledger unless you choose Ledger Core.",
                    "Custom sources use the REST API or scheduled SFTP file drops. All "
                    "integrations are monitored; failed syncs alert both your admin and "
                    "our support team.",
                ),
            ),
            Section(
                "Data migration without downtime",
                paragraphs=(
                    "Most teams worry about migration downtime: the days when invoices "
                    "cannot be entered or payments cannot run. We avoid a big-bang "
                    "cut-over. Open purchase orders, open invoices and vendor master data "
                    "are loaded and reconciled in a parallel run while the old process "
                    "continues. On cut-over day only the delta since the last load moves, "
                    "which usually takes under four hours and happens outside a payment run.",
                    "Closed history is migrated for reporting only, typically the last two "
                    "fiscal years, and reconciled to the ERP trial balance before "
                    "sign-off. Anything older stays in the legacy system or an archive.",
                ),
                bullets=(
                    "Freeze window: 24 hours, scheduled away from payment runs and month-end.",
                    "Rollback plan: the legacy process stays available for one full period.",
                    "Reconciliation report signed by the controller before go-live.",
                ),
            ),
            Section(
                "Security set-up",
                paragraphs=(
                    "Single sign-on through SAML 2.0 or OpenID Connect, user provisioning "
                    "via SCIM, and role-based access mapped to your segregation-of-duties "
                    "matrix are configured in week four. The security whitepaper describes "
                    "encryption, hosting and certifications in detail.",
                ),
            ),
            Section(
                "What we need from IT",
                bullets=(
                    "A sandbox ERP environment and an integration user with read access "
                    "to master data and write access to AP and GL postings.",
                    "An identity-provider administrator for SSO and SCIM (two hours).",
                    "Network allow-listing if the ERP is on-premise (agent or VPN).",
                    "A named owner for integration monitoring after go-live.",
                ),
            ),
        ),
    ),
    Asset(
        path="Guides/Objection Handling Guide.md",
        routes="front (lists, content_type synonym 'playbook')",
        intent="VP Sales, Sales Ops / consideration / cost reduction, user adoption, "
        "legacy migration",
        published=date(2025, 5, 6),
        heading="Objection handling guide",
        embedded=Embedded(
            front_matter=(
                ("title", "Objection handling guide for account executives"),
                ("persona", ("VP Sales", "Sales Ops")),
                ("stage", "consideration"),
                ("pain", ("cost reduction", "user adoption", "legacy migration")),
                ("content_type", "playbook"),
                ("owner", "Sales Enablement"),
            ),
        ),
        sections=(
            Section(
                "How to use this guide",
                paragraphs=(
                    "Objections are questions in disguise. Acknowledge the concern, ask "
                    "one clarifying question, answer with evidence, and confirm the answer "
                    "landed. Never argue with a budget holder about their own numbers; "
                    "offer to build the numbers together instead.",
                ),
            ),
            Section(
                '"It is too expensive."',
                paragraphs=(
                    "Clarify: expensive compared with what, the current cost or another "
                    "quote? Most prospects compare our subscription to zero, because "
                    "manual work has no invoice. Walk them through the TCO calculator: "
                    "cost per invoice, missed discounts, audit hours. Offer a phased start "
                    "with one product if the budget is fixed this year.",
                ),
            ),
            Section(
                '"Our team will not adopt another tool."',
                paragraphs=(
                    "Ask which tool failed last time and why. Approvers use Northwind from "
                    "email and mobile without training; AP clerks get a two-hour session. "
                    "Adoption at our customers averages 94% of approvers in the first "
                    "month. Offer a reference call with an AP manager, not an executive.",
                ),
            ),
            Section(
                '"We are in the middle of an ERP migration."',
                paragraphs=(
                    "This is often the best time. Northwind connects to the old and the "
                    "new ERP, so AP automation and close improvements do not wait for the "
                    "migration and do not have to be rebuilt afterwards. Share the "
                    "implementation and migration guide with their IT lead.",
                ),
            ),
            Section(
                '"Security will never approve a cloud vendor."',
                paragraphs=(
                    "Send the security whitepaper and offer a call with our trust team "
                    "early, not at contract stage. SOC 2 Type II and ISO 27001 reports are "
                    "available under NDA.",
                ),
            ),
            Section(
                "Quick reference",
                table=(
                    ("Objection", "Clarifying question", "Best asset"),
                    ("Too expensive", "Compared with what?", "TCO calculator"),
                    ("No time now", "What happens if volumes grow 20%?", "ROI guide"),
                    (
                        "Users will not adopt",
                        "What failed last time?",
                        "Customer onboarding checklist",
                    ),
                    (
                        "Mid ERP migration",
                        "Which ERP, and when is cut-over?",
                        "Implementation guide",
                    ),
                    (
                        "Security concerns",
                        "Which framework do you assess against?",
                        "Security whitepaper",
                    ),
                ),
            ),
        ),
    ),
    Asset(
        path="Guides/Customer Onboarding Checklist.docx",
        routes="synonyms (onboarding, adoption, ttv, IT admin, COO, checklist), category "
        "'Customer Success' -> stage",
        intent="Operations, IT Manager / retention / user adoption, time to value",
        published=date(2025, 8, 5),
        heading="Customer onboarding checklist: the first 90 days",
        embedded=Embedded(
            title="Customer onboarding checklist: the first 90 days",
            keywords="onboarding, checklist, adoption, ttv, IT admin, COO",
            category="Customer Success",
            author="Customer Success Team",
        ),
        sections=(
            Section(
                "How to use this checklist",
                paragraphs=(
                    "Share this checklist with a new customer's project lead at the "
                    "kickoff call. Customers who complete every item in the first 90 days "
                    "renew at 97% and are three times as likely to add a second product. "
                    "The customer success manager reviews progress in the 30-, 60- and "
                    "90-day check-ins.",
                ),
            ),
            Section(
                "Days 1-30: foundation",
                bullets=(
                    "Executive sponsor and day-to-day owner named; success criteria "
                    "written down and agreed.",
                    "SSO enabled and user provisioning automated by the IT admin.",
                    "Approval rules reviewed against the delegation-of-authority matrix.",
                    "All approvers invited; mobile app rolled out to frequent approvers.",
                    "First payment run or first reconciliation completed in production.",
                ),
            ),
            Section(
                "Days 31-60: adoption",
                bullets=(
                    "Adoption dashboard reviewed weekly: approvers active, requests "
                    "submitted, invoices touchless.",
                    "Unused licenses or inactive approvers followed up.",
                    "Suppliers moved to the e-invoicing address; paper share tracked.",
                    "Admin certification completed by at least two people.",
                ),
            ),
            Section(
                "Days 61-90: value",
                bullets=(
                    "Value review against the original business case with the sponsor.",
                    "First quarterly business review scheduled.",
                    "Next use case or product identified with the operations lead.",
                    "Customer reference or case study discussed where appropriate.",
                ),
            ),
            Section(
                "Health indicators",
                table=(
                    ("Indicator", "Healthy", "At risk"),
                    ("Approvers active in last 30 days", "over 85%", "under 60%"),
                    ("Touchless invoice rate", "over 60%", "under 30%"),
                    ("Open support tickets older than 14 days", "0-2", "more than 5"),
                    ("Sponsor attended last check-in", "yes", "no"),
                ),
            ),
        ),
    ),
    Asset(
        path="Guides/Month-End Close Playbook.pdf",
        routes="catalog (tags from the catalog, title from PDF /Title)",
        intent="CFO / awareness / slow reporting, manual processes",
        published=date(2025, 3, 25),
        heading="The month-end close playbook",
        embedded=Embedded(title="The Month-End Close Playbook"),
        sections=(
            Section(
                "Introduction",
                paragraphs=(
                    "Every finance team closes the books, and almost every controller "
                    "believes the close could be faster. This playbook collects what we "
                    "have learned from more than 900 close-improvement projects: where the "
                    "days go, which changes pay off first, and how to measure progress "
                    "without adding another spreadsheet.",
                    "It is written for controllers, chief accounting officers and CFOs at "
                    "companies with between one and fifty legal entities.",
                ),
            ),
            Section(
                "Where the days go",
                paragraphs=(
                    "In a typical ten-day close, fewer than three days are spent on "
                    "accounting judgement. The rest is waiting: for sub-ledgers to close, "
                    "for bank statements, for intercompany counterparties to confirm "
                    "balances, for reviewers to find time. The fastest way to a shorter "
                    "close is to remove the waiting, not to work harder in close week.",
                ),
                table=(
                    ("Activity", "Share of close time", "Automation potential"),
                    ("Data gathering and sub-ledger tie-out", "30%", "high"),
                    ("Account reconciliations", "25%", "high"),
                    ("Intercompany and consolidation", "15%", "medium"),
                    ("Journal entries and accruals", "15%", "medium"),
                    ("Review, analysis and reporting", "15%", "low"),
                ),
            ),
            Section(
                "Play 1: make the close visible",
                paragraphs=(
                    "Put every close task in one checklist with an owner, a due day and "
                    "its dependencies. Publish progress daily. Visibility alone typically "
                    "removes one to two days, because blockers surface on day two instead "
                    "of day six.",
                ),
            ),
            Section(
                "Play 2: reconcile continuously",
                paragraphs=(
                    "Move high-volume reconciliations, such as cash, credit cards and "
                    "clearing accounts, to daily or weekly matching. At month-end only the "
                    "exceptions remain. Tier accounts by risk and let low-risk accounts "
                    "certify automatically when they tie out.",
                ),
            ),
            Section(
                "Play 3: fix intercompany at the source",
                paragraphs=(
                    "Agree intercompany charges before month-end, not after. A shared "
                    "intercompany schedule with automated matching removes the most common "
                    "reason consolidations slip.",
                ),
            ),
            Section(
                "Play 4: replace recurring manual journals",
                paragraphs=(
                    "Recurring accruals, allocations and reclassifications should be "
                    "templates with rules, not rebuilt each month. Review the top 50 "
                    "manual journals by frequency; most teams find half can be automated.",
                ),
            ),
            Section(
                "Measuring progress",
                bullets=(
                    "Business days to close and to the first flash report.",
                    "Share of reconciliations certified automatically.",
                    "Number of post-close adjustments.",
                    "Overtime hours in close week.",
                ),
            ),
        ),
        catalog=CatalogRow(
            persona="CFO",
            stage="awareness",
            pain="slow reporting;manual processes",
            content_type="ebook",
            owner="Dana Whitfield",
            summary="A vendor-neutral ebook on shortening the month-end close: four plays "
            "and the metrics to track.",
        ),
    ),
    Asset(
        path="Guides/Discovery Call Question Bank.docx",
        routes="untagged, heading (no core properties)",
        intent="(none; for VP Sales / Sales Ops, consideration)",
        published=date(2024, 11, 19),
        heading="Discovery call question bank",
        sections=(
            Section(
                "Before the call",
                paragraphs=(
                    "Read the prospect's last annual report or funding announcement, check "
                    "which ERP they run (job postings are a good source), and look for "
                    "recent finance leadership changes. A new CFO in the first 100 days is "
                    "the best-qualified lead we ever get.",
                ),
            ),
            Section(
                "Opening questions",
                bullets=(
                    "What prompted you to take this meeting now?",
                    "If we met again in a year and this had gone well, what would have changed?",
                    "Who else cares about this problem, and who would sign off on a change?",
                ),
            ),
            Section(
                "Accounts payable",
                bullets=(
                    "How many supplier invoices do you process a month, and how do they arrive?",
                    "How long does an invoice take from receipt to approval?",
                    "How often do you pay an invoice twice, and how would you know?",
                ),
            ),
            Section(
                "Close and reporting",
                bullets=(
                    "How many business days does your close take? What is the target?",
                    "Where do reconciliations live today?",
                    "What did the auditors comment on last year?",
                ),
            ),
            Section(
                "Spend and procurement",
                bullets=(
                    "What share of spend goes through a purchase order?",
                    "How do budget owners see what they have committed, not just spent?",
                    "How many card programs do you run?",
                ),
            ),
            Section(
                "Qualification summary",
                table=(
                    ("Criterion", "What good looks like"),
                    ("Pain", "Quantified in days, dollars or audit findings"),
                    ("Power", "CFO or controller sponsoring, not only an analyst"),
                    ("Timing", "A trigger: audit, funding, acquisition, ERP change"),
                    ("Process", "Known approval path and procurement steps"),
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Security
    Asset(
        path="Security/Security and Compliance Whitepaper.pdf",
        routes="explicit, info-only (catalog row with owner and summary, empty tag cells)",
        intent="CISO, CIO, IT Manager / consideration / security compliance, audit "
        "readiness, data privacy",
        published=date(2025, 7, 15),
        heading="Security, privacy and compliance at Northwind Ledger",
        embedded=Embedded(
            title="Northwind Ledger security and compliance whitepaper",
            subject="Trust and security overview for information-security reviews",
            keywords=(
                "persona: CISO; persona: CIO; persona: IT Manager; stage: consideration; "
                "pain: security compliance; pain: audit readiness; pain: data privacy; "
                "content_type: whitepaper"
            ),
            author="Lena Hofmann",
        ),
        sections=(
            Section(
                "Summary",
                paragraphs=(
                    "Northwind Ledger processes the most sensitive data a company has: "
                    "supplier bank details, payment instructions, employee expenses and "
                    "the general ledger. This whitepaper describes how we protect that "
                    "data, the independent certifications that verify our controls, and "
                    "the responsibilities we share with customers. It is intended for "
                    "chief information security officers, IT leaders and the risk and "
                    "compliance teams who assess vendors.",
                ),
                table=(
                    ("Framework", "Status", "Scope"),
                    (
                        "SOC 1 Type II",
                        "annual report, period ending 30 September",
                        "financial-reporting controls",
                    ),
                    ("SOC 2 Type II", "annual report", "security, availability, confidentiality"),
                    ("ISO/IEC 27001:2022", "certified", "all products and offices"),
                    ("ISO/IEC 27701", "certified", "privacy information management"),
                    ("GDPR / UK GDPR", "DPA with standard contractual clauses", "EU and UK data"),
                    ("PCI DSS", "Level 1 service provider", "virtual card issuing"),
                ),
            ),
            Section(
                "Security governance",
                paragraphs=(
                    "Our information-security program is led by the Chief Information "
                    "Security Officer, who reports to the CEO and presents to the board's "
                    "audit and risk committee every quarter. Policies follow ISO 27001 "
                    "Annex A and are reviewed annually. Every employee completes security "
                    "and privacy training at hiring and every year, and engineers complete "
                    "secure-development training aligned to the OWASP Top 10.",
                    "Independent auditors test our controls every year for SOC 1 and SOC 2 "
                    "Type II. Reports and our ISO certificates are available to customers "
                    "and prospects under NDA through the trust portal.",
                ),
            ),
            Section(
                "Data protection and encryption",
                paragraphs=(
                    "Customer data is encrypted in transit with TLS 1.2 or higher and at "
                    "rest with AES-256. Encryption keys are managed in a cloud hardware "
                    "security module service and rotated annually; enterprise customers "
                    "can bring their own key. Bank account numbers and card data are "
                    "additionally tokenised at the field level, so even database "
                    "administrators never see them in clear text.",
                    "Production data never leaves the production environment. Test and "
                    "development environments use synthetic data only.",
                ),
            ),
            Section(
                "Identity and access",
                bullets=(
                    "Single sign-on via SAML 2.0 and OpenID Connect with any standard "
                    "identity provider; SCIM 2.0 provisioning and de-provisioning.",
                    "Multi-factor authentication enforced for all users without SSO.",
                    "Role-based access control with segregation-of-duties checks: a user "
                    "who creates a vendor cannot approve that vendor's first payment.",
                    "Bank-detail changes require a second approver and trigger an "
                    "out-of-band confirmation to the supplier.",
                    "Northwind staff access to customer tenants is just-in-time, approved "
                    "per ticket, time-limited and logged.",
                ),
            ),
            Section(
                "Infrastructure and availability",
                paragraphs=(
                    "The platform runs on a major public cloud in isolated regions in the "
                    "United States, the European Union (Frankfurt and Dublin) and "
                    "Australia. Customers choose their region at contract signature, and "
                    "data at rest stays in that region. Each region spans three "
                    "availability zones; databases replicate continuously and backups are "
                    "encrypted and kept for 35 days.",
                    "We commit to 99.9% monthly availability, with a recovery time "
                    "objective of four hours and a recovery point objective of fifteen "
                    "minutes. Disaster-recovery failover is tested twice a year.",
                ),
            ),
            Section(
                "Privacy and GDPR",
                paragraphs=(
                    "Northwind acts as a processor for customer personal data such as "
                    "supplier contacts and employee expense records. Our data processing "
                    "agreement includes the EU standard contractual clauses and the UK "
                    "addendum, lists every sub-processor, and commits to notify customers "
                    "of a personal-data breach within 48 hours. Data subject requests are "
                    "supported with export and deletion tools in the admin console.",
                ),
            ),
            Section(
                "Secure development and vulnerability management",
                paragraphs=(
                    "Every change is peer reviewed, scanned with static analysis and "
                    "software-composition analysis, and deployed through an automated "
                    "pipeline. An independent firm performs a penetration test of every "
                    "product annually, and a public bug-bounty program runs continuously. "
                    "Critical vulnerabilities are remediated within 72 hours.",
                ),
            ),
            Section(
                "Audit support for customers",
                paragraphs=(
                    "Because Northwind sits inside customers' financial-reporting "
                    "processes, our SOC 1 Type II report maps controls to the complementary "
                    "user-entity controls your auditors will test. Immutable audit logs of "
                    "approvals, configuration changes and payments can be exported or "
                    "streamed to your SIEM.",
                ),
            ),
        ),
        catalog=CatalogRow(
            published="2025-07-15",
            owner="Lena Hofmann",
            summary="Certifications (SOC 1, SOC 2, ISO 27001, PCI DSS), encryption, SSO, "
            "data residency and GDPR commitments for security reviews.",
        ),
    ),
    Asset(
        path="Security/Data Processing and Privacy FAQ.html",
        routes="meta (bare CISO, Legal + synonyms GDPR, data residency, FAQ, evaluation)",
        intent="CISO, Legal / consideration / data privacy",
        published=date(2025, 9, 9),
        heading="Data processing and privacy: frequently asked questions",
        embedded=Embedded(
            title="Data processing and privacy FAQ | Northwind Ledger Trust Center",
            keywords="CISO; Legal; GDPR; data residency; FAQ; evaluation",
            subject="Answers for legal and privacy teams reviewing the Northwind Ledger DPA.",
            author="Lena Hofmann",
        ),
        sections=(
            Section(
                "Where is our data stored?",
                paragraphs=(
                    "In the region you select when you sign: United States, European Union "
                    "or Australia. Data at rest, including backups, stays in that region. "
                    "Support staff outside the region can access it only through "
                    "just-in-time, logged sessions approved per ticket.",
                ),
            ),
            Section(
                "Is Northwind a controller or a processor?",
                paragraphs=(
                    "For the personal data in your tenant (supplier contacts, approvers, "
                    "employee expense claims) Northwind is a processor acting on your "
                    "documented instructions. We are a controller only for the business "
                    "contact data we need to manage our contract with you.",
                ),
            ),
            Section(
                "Which transfer mechanism do you use?",
                paragraphs=(
                    "Our data processing agreement incorporates the 2021 EU standard "
                    "contractual clauses (module two and module three) and the UK "
                    "international data transfer addendum. A transfer impact assessment is "
                    "available on request.",
                ),
            ),
            Section(
                "Who are your sub-processors?",
                table=(
                    ("Sub-processor", "Purpose", "Location"),
                    ("Public cloud provider", "hosting and storage", "customer's region"),
                    ("Email delivery service", "notification emails", "US / EU"),
                    ("Card issuing bank", "virtual card issuing", "US / EU"),
                    ("Support ticketing platform", "customer support", "US / EU"),
                ),
                paragraphs=(
                    "We give 30 days' notice before adding a sub-processor, and you may "
                    "object on reasonable data-protection grounds.",
                ),
            ),
            Section(
                "How do you handle data subject requests?",
                paragraphs=(
                    "Administrators can search, export and delete personal data of a "
                    "supplier contact or employee from the admin console. Records that "
                    "must be retained for tax or audit purposes are minimised and "
                    "restricted rather than deleted.",
                ),
            ),
            Section(
                "What happens to our data when the contract ends?",
                paragraphs=(
                    "You can export all data in standard formats for 30 days after "
                    "termination. We then delete it from production within 30 days and "
                    "from backups within a further 35 days, and confirm deletion in writing.",
                ),
            ),
        ),
    ),
    Asset(
        path="Security/Security Questionnaire Responses.xlsx",
        routes="explicit + bare + synonyms mixed (persona: CISO; IT Manager; MOFU; SOC 2; "
        "SSO; encryption), free ('questionnaire')",
        intent="CISO, IT Manager / consideration / audit readiness, security compliance",
        published=date(2025, 10, 21),
        heading="",
        embedded=Embedded(
            title="Standard security questionnaire responses (SIG Lite format)",
            keywords="persona: CISO; IT Manager; MOFU; SOC 2; SSO; encryption; questionnaire",
            category="Security review",
            author="Lena Hofmann",
        ),
        sections=(
            Section(
                "Read me",
                paragraphs=(
                    "Pre-approved answers to the questions most security questionnaires "
                    "ask. Copy answers verbatim; do not edit them. For anything not "
                    "covered, open a ticket with the trust team (security-review queue) "
                    "and allow five business days.",
                    "Answers reviewed by the CISO on 2025-10-15.",
                ),
            ),
            Section(
                "Responses",
                table=(
                    ("Ref", "Domain", "Question", "Answer"),
                    (
                        "A.1",
                        "Governance",
                        "Do you hold a current ISO 27001 certificate?",
                        "Yes. ISO/IEC 27001:2022, all products and offices; certificate on "
                        "the trust portal.",
                    ),
                    (
                        "A.2",
                        "Governance",
                        "Do you have a SOC 2 Type II report?",
                        "Yes, annual, covering security, availability and confidentiality.",
                    ),
                    (
                        "B.1",
                        "Access",
                        "Do you support SSO?",
                        "Yes. SAML 2.0 and OpenID Connect; SCIM 2.0 provisioning.",
                    ),
                    (
                        "B.2",
                        "Access",
                        "Is MFA enforced?",
                        "Yes, for every user who does not sign in through SSO.",
                    ),
                    (
                        "C.1",
                        "Encryption",
                        "Is data encrypted at rest?",
                        "Yes. AES-256; keys in a managed HSM; customer-managed keys available.",
                    ),
                    (
                        "C.2",
                        "Encryption",
                        "Is data encrypted in transit?",
                        "Yes. TLS 1.2 or higher on all endpoints; HSTS enabled.",
                    ),
                    (
                        "D.1",
                        "Resilience",
                        "What are your RTO and RPO?",
                        "RTO 4 hours, RPO 15 minutes; failover tested twice a year.",
                    ),
                    (
                        "E.1",
                        "Privacy",
                        "Where is customer data hosted?",
                        "In the customer's chosen region: US, EU or Australia.",
                    ),
                    (
                        "F.1",
                        "Vulnerability",
                        "How often are penetration tests run?",
                        "Annually per product by an independent firm, plus a public bug bounty.",
                    ),
                    (
                        "G.1",
                        "Incident",
                        "How quickly do you notify of a breach?",
                        "Within 48 hours of confirming a personal-data breach.",
                    ),
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Email Templates
    Asset(
        path="Email Templates/Cold Outreach - CFO Spend Visibility.txt",
        routes="untagged, heading",
        intent="(none; for CFO / awareness / spend visibility)",
        published=date(2025, 2, 4),
        heading="Cold outreach sequence: CFO, spend visibility",
        sections=(
            Section(
                "Email 1 (day 1)",
                paragraphs=(
                    "Subject: {{company}}'s committed spend, before it hits the P&L",
                    "Hi {{first_name}},",
                    "Most CFOs I speak with can tell me exactly what they spent last "
                    "quarter, and almost none can tell me what their teams committed to "
                    "spend this week. Purchase orders, card transactions and subscriptions "
                    "all land in different places, and the budget report arrives after "
                    "the money is gone.",
                    "Companies like Trellis Home Goods now approve indirect spend before it "
                    "happens and see commitments against budget in real time. They found "
                    "$6.8 million in savings in the first year, mostly from suppliers "
                    "nobody knew they had.",
                    "Would a 20-minute conversation about how {{company}} tracks committed "
                    "spend be useful?",
                    "Best regards,\n{{sender_name}}",
                ),
            ),
            Section(
                "Email 2 (day 4)",
                paragraphs=(
                    "Subject: Re: {{company}}'s committed spend",
                    "Hi {{first_name}}, one number that usually surprises finance leaders: "
                    "in a typical mid-market company, 20 to 30 percent of non-payroll "
                    "spend has no approval before the purchase. I have attached a one-page "
                    "overview of how Spend Guard closes that gap without slowing anyone down.",
                    "Worth a look?",
                ),
            ),
            Section(
                "Email 3 (day 10, break-up)",
                paragraphs=(
                    "Subject: Should I close the loop?",
                    "Hi {{first_name}}, I have not heard back, so I will assume spend "
                    "visibility is not a priority right now. If that changes, reply with "
                    '"later" and I will check back next quarter.',
                ),
            ),
        ),
    ),
    Asset(
        path="Email Templates/Follow-up After Demo.md",
        routes="front (strings; synonyms bofu, follow-up email)",
        intent="CFO / decision / time to value",
        published=date(2025, 6, 17),
        heading="Follow-up after a product demo",
        embedded=Embedded(
            front_matter=(
                ("title", "Email template: follow-up after a product demo"),
                ("persona", "CFO"),
                ("stage", "bofu"),
                ("pain", "time to value"),
                ("content_type", "follow-up email"),
                ("owner", "Sales Enablement"),
            ),
        ),
        sections=(
            Section(
                "When to send",
                paragraphs=(
                    "Within 24 hours of a demo with a finance leader. Personalise the "
                    "second paragraph with the two moments in the demo that got the "
                    "strongest reaction, and attach the ROI guide.",
                ),
            ),
            Section(
                "Template",
                paragraphs=(
                    "**Subject:** Next steps after today's Northwind Ledger demo",
                    "Hi {{first_name}},",
                    "Thank you for your time today. You mentioned that {{pain_in_their_words}}; "
                    "the part of the demo where {{moment}} seemed to resonate most.",
                    "To recap what a rollout would look like for {{company}}: most teams of "
                    "your size are live in eight to twelve weeks, working beside your "
                    "current ERP, and see their first invoices processed automatically in "
                    "the first month. There is no data migration weekend and no change to "
                    "your chart of accounts.",
                    "Proposed next steps:",
                ),
                bullets=(
                    "A 45-minute working session to baseline your numbers in the TCO "
                    "calculator ({{date_option_1}} or {{date_option_2}}).",
                    "A reference call with a finance leader at a similar company.",
                    "A draft implementation plan from our professional-services team.",
                ),
            ),
            Section(
                "Sign-off",
                paragraphs=(
                    "Would either of those dates work? I have attached our ROI guide in "
                    "the meantime.",
                    "Best,  \n{{sender_name}}",
                ),
            ),
        ),
    ),
    Asset(
        path="Email Templates/Renewal Check-in.txt",
        routes="catalog (plain text)",
        intent="CFO, Operations / retention / user adoption, time to value",
        published=date(2025, 4, 8),
        heading="Renewal check-in email (90 days before renewal)",
        sections=(
            Section(
                "Template",
                paragraphs=(
                    "Subject: Your Northwind Ledger year in review, and what comes next",
                    "Hi {{first_name}},",
                    "Your renewal date is {{renewal_date}}, and before we talk about the "
                    "contract I would like to look back at the year with you.",
                    "Here is what your team achieved with Northwind Ledger since go-live:",
                    "- {{invoices_processed}} invoices processed, {{touchless_rate}} of "
                    "them without manual touch\n- {{approvers_active}} active approvers "
                    "across {{entities}} entities\n- Close time down from {{close_before}} "
                    "to {{close_after}} business days",
                    "I would also like to hear what has not worked as well as it should. "
                    "Our customer success team has a few ideas for raising adoption among "
                    "approvers who still reply to email rather than using the app.",
                    "Could we book 30 minutes in the next two weeks? I will bring a short "
                    "value review and a proposal for the coming year.",
                    "Kind regards,\n{{csm_name}}\nCustomer Success Manager, Northwind Ledger",
                ),
            ),
            Section(
                "Notes for the CSM",
                paragraphs=(
                    "Pull the numbers from the customer health dashboard. If the health "
                    "score is amber or red, call the sponsor before sending this email.",
                ),
            ),
        ),
        catalog=CatalogRow(
            title="Renewal check-in email template",
            persona="CFO;Operations",
            stage="retention",
            pain="user adoption;time to value",
            content_type="email template",
            owner="Customer Success Team",
            summary="A value-review email for the sponsor 90 days before renewal.",
        ),
    ),
    # ---------------------------------------------------------------- One-pagers
    Asset(
        path="One-pagers/Spend Guard One-Pager.pdf",
        routes="bare + synonyms (maverick spend, fraud, sell sheet), /Subject -> product",
        intent="CFO, Procurement / awareness / spend visibility, fraud risk",
        published=date(2025, 9, 30),
        heading="Spend Guard: approve spend before it happens",
        embedded=Embedded(
            title="Spend Guard one-pager",
            subject="Spend Guard",
            keywords="CFO, Procurement, awareness, maverick spend, fraud, sell sheet",
            author="Dana Whitfield",
        ),
        sections=(
            Section(
                "The problem",
                paragraphs=(
                    "In most companies a quarter of non-payroll spend happens without "
                    "approval: software bought on a corporate card, services ordered by "
                    "email, renewals that roll over unnoticed. Finance finds out when the "
                    "invoice or the card statement arrives, and budget owners learn they "
                    "are over budget at quarter-end. The same gaps invite fraud: fake "
                    "vendors, altered bank details and duplicate invoices.",
                ),
            ),
            Section(
                "What Spend Guard does",
                bullets=(
                    "One front door for every purchase: a request form that asks only "
                    "what is needed and routes itself by amount, category and cost center.",
                    "Budget checks at request time, with budget holds once approved.",
                    "Virtual cards locked to a vendor, an amount and a date range.",
                    "Vendor onboarding with tax, sanctions and bank-account verification "
                    "before the first payment.",
                    "Committed-spend dashboards for every budget owner.",
                ),
            ),
            Section(
                "Results customers report",
                table=(
                    ("Outcome", "Typical result"),
                    ("Spend approved before purchase", "from 70% to 98%"),
                    ("Request-to-PO cycle time", "down 80%"),
                    ("Savings from supplier consolidation", "4-7% of addressable spend"),
                    ("Payments to unverified vendors", "zero"),
                ),
            ),
            Section(
                "Why Northwind Ledger",
                paragraphs=(
                    "Spend Guard runs beside your ERP and goes live in about six weeks. It "
                    "shares one data model with Pay Hub, Close Assist and Ledger Core, so "
                    "approved requests become matched invoices and accurate accruals "
                    "without re-keying. Customers include Trellis Home Goods, Bluewater "
                    "Credit Union and Alder State University.",
                ),
            ),
        ),
    ),
    Asset(
        path="One-pagers/Ledger Core Datasheet.pdf",
        routes="explicit (content_type, product) + bare (CIO, CTO) + synonyms (mofu, integrations)",
        intent="CIO, CTO / consideration / scalability, integration complexity",
        published=date(2025, 5, 27),
        heading="Ledger Core datasheet",
        embedded=Embedded(
            title="Ledger Core: technical datasheet",
            keywords=(
                "content_type: datasheet; product: Ledger Core; CIO; CTO; mofu; scalability; "
                "integrations"
            ),
            author="Northwind Ledger Product Management",
        ),
        sections=(
            Section(
                "Overview",
                paragraphs=(
                    "Ledger Core is a multi-entity, multi-currency accounting hub. It can "
                    "serve as the general ledger for growing companies or sit above "
                    "several ERPs as the consolidation and reporting layer for groups "
                    "that have grown by acquisition.",
                ),
            ),
            Section(
                "Specifications",
                table=(
                    ("Area", "Specification"),
                    ("Entities", "unlimited; tested with 1,200 entities per tenant"),
                    ("Currencies", "160 currencies; daily rates from two providers"),
                    ("Dimensions", "up to 12 custom dimensions per journal line"),
                    ("Volume", "50 million journal lines per year per tenant (standard tier)"),
                    ("Consolidation", "real-time, with automated intercompany eliminations"),
                    ("APIs", "REST and bulk APIs, webhooks, OpenAPI 3 specification"),
                    ("Connectors", "Meridian ERP, major cloud ERPs, 11,000 banks, payroll"),
                    ("Availability", "99.9% monthly SLA; regions US, EU, AU"),
                ),
            ),
            Section(
                "Architecture",
                paragraphs=(
                    "Ledger Core stores every posting as an immutable event and derives "
                    "balances from the event log, so any report can be reproduced as of "
                    "any point in time. Read replicas serve reporting workloads without "
                    "slowing down postings, and tenants scale horizontally as volumes grow.",
                ),
            ),
            Section(
                "Integration patterns",
                bullets=(
                    "Hub: Ledger Core as the group ledger, subsidiaries post summaries "
                    "from their local ERPs.",
                    "System of record: Ledger Core as the only general ledger, fed by "
                    "Pay Hub, Spend Guard, billing and payroll.",
                    "Reporting layer: read-only consolidation over existing ERPs during "
                    "a phased migration.",
                ),
            ),
            Section(
                "Editions",
                table=(
                    ("Capability", "Standard", "Enterprise"),
                    ("Legal entities included", "3", "25"),
                    ("Custom dimensions", "6", "12"),
                    ("Consolidation and eliminations", "yes", "yes"),
                    ("Multi-book (local GAAP and IFRS)", "no", "yes"),
                    ("Sandbox tenants", "1", "3"),
                    ("Customer-managed encryption keys", "no", "yes"),
                    ("Support", "business hours", "24x7 with named engineer"),
                ),
            ),
            Section(
                "Security and compliance",
                paragraphs=(
                    "Ledger Core is covered by Northwind Ledger's SOC 1 Type II, SOC 2 "
                    "Type II and ISO 27001 certifications. Data is encrypted at rest with "
                    "AES-256 and in transit with TLS 1.2 or higher, and stays in the "
                    "region the customer selects. Single sign-on (SAML 2.0, OpenID "
                    "Connect), SCIM provisioning and role-based access with "
                    "segregation-of-duties checks are standard in every edition.",
                    "Every journal carries its source, preparer, approver and timestamp; "
                    "period locks and an immutable change history make Ledger Core a "
                    "system auditors can rely on for financial reporting.",
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Pricing
    Asset(
        path="Pricing/TCO Calculator.xlsx",
        routes="bare + synonyms (roi calculator, tco, AP automation -> product Pay Hub), "
        "free category",
        intent="CFO, Procurement / decision / cost reduction",
        published=date(2025, 4, 29),
        heading="",
        embedded=Embedded(
            title="Northwind Ledger TCO and ROI calculator",
            subject="Three-year total cost of ownership and return on investment",
            keywords="roi calculator; CFO; Procurement; decision; tco; AP automation",
            category="Sales tools",
            author="Northwind Ledger Value Engineering",
        ),
        sections=(
            Section(
                "Inputs",
                table=(
                    ("Input", "Value", "Notes"),
                    ("Supplier invoices per month", 5000, "from the AP ledger"),
                    ("Share of invoices received on paper", 0.4, "estimate is fine"),
                    ("AP staff (FTE)", 6, "entry, matching, approvals, supplier queries"),
                    ("Fully loaded cost per AP FTE (USD)", 72000, "salary, benefits, overhead"),
                    ("Share of AP effort automated", 0.45, "conservative; references 55-70%"),
                    ("Early-payment discounts offered per year (USD)", 400000, "supplier terms"),
                    ("Discount capture today", 0.15, ""),
                    ("Discount capture with Pay Hub", 0.6, ""),
                    ("Annual spend paid through AP (USD)", 120000000, ""),
                    ("Duplicate or erroneous payment rate", 0.0008, "industry 0.05-0.1%"),
                    ("Share of duplicates prevented", 0.9, ""),
                    ("Annual subscription (USD)", 96000, "from your proposal"),
                    ("One-time implementation fee (USD)", 45000, "fixed-fee package"),
                    ("Internal project hours", 400, "finance and IT"),
                    ("Internal cost per hour (USD)", 85, ""),
                    ("Year-1 ramp-up factor", 0.6, "benefits in year 1 vs. steady state"),
                ),
            ),
            Section(
                "Calculator",
                table=(
                    ("Line item", "Year 1", "Year 2", "Year 3", "Total"),
                    (
                        "AP labour saved",
                        "=Inputs!B4*Inputs!B5*Inputs!B6*Inputs!B17",
                        "=Inputs!B4*Inputs!B5*Inputs!B6",
                        "=Inputs!B4*Inputs!B5*Inputs!B6",
                        "=SUM(B2:D2)",
                    ),
                    (
                        "Additional discounts captured",
                        "=Inputs!B7*(Inputs!B9-Inputs!B8)*Inputs!B17",
                        "=Inputs!B7*(Inputs!B9-Inputs!B8)",
                        "=Inputs!B7*(Inputs!B9-Inputs!B8)",
                        "=SUM(B3:D3)",
                    ),
                    (
                        "Duplicate payments avoided",
                        "=Inputs!B10*Inputs!B11*Inputs!B12",
                        "=Inputs!B10*Inputs!B11*Inputs!B12",
                        "=Inputs!B10*Inputs!B11*Inputs!B12",
                        "=SUM(B4:D4)",
                    ),
                    ("Total benefit", "=SUM(B2:B4)", "=SUM(C2:C4)", "=SUM(D2:D4)", "=SUM(B5:D5)"),
                    ("Subscription", "=Inputs!B13", "=Inputs!B13", "=Inputs!B13", "=SUM(B6:D6)"),
                    (
                        "Implementation and internal time",
                        "=Inputs!B14+Inputs!B15*Inputs!B16",
                        0,
                        0,
                        "=SUM(B7:D7)",
                    ),
                    ("Total cost", "=B6+B7", "=C6+C7", "=D6+D7", "=SUM(B8:D8)"),
                    ("Net benefit", "=B5-B8", "=C5-C8", "=D5-D8", "=SUM(B9:D9)"),
                    ("", "", "", "", ""),
                    ("Three-year ROI", "=E9/E8", "", "", ""),
                    (
                        "Cost per invoice today (USD)",
                        "=Inputs!B4*Inputs!B5/(Inputs!B2*12)",
                        "",
                        "",
                        "",
                    ),
                    ("Payback (months)", "=B7/((B5-B6)/12)", "", "", ""),
                ),
            ),
            Section(
                "Example scenario",
                paragraphs=(
                    "Worked example with the default inputs: a manufacturer paying 5,000 "
                    "supplier invoices a month. Values in USD.",
                ),
                table=(
                    ("Line item", "Year 1", "Year 2", "Year 3", "Total"),
                    ("AP labour saved", 116640, 194400, 194400, 505440),
                    ("Additional discounts captured", 108000, 180000, 180000, 468000),
                    ("Duplicate payments avoided", 86400, 86400, 86400, 259200),
                    ("Total benefit", 311040, 460800, 460800, 1232640),
                    ("Subscription", 96000, 96000, 96000, 288000),
                    ("Implementation and internal time", 79000, 0, 0, 79000),
                    ("Total cost", 175000, 96000, 96000, 367000),
                    ("Net benefit", 136040, 364800, 364800, 865640),
                    ("Three-year ROI", "236%", "", "", ""),
                    ("Payback", "4.4 months", "", "", ""),
                ),
            ),
            Section(
                "How to use",
                paragraphs=(
                    "1. Fill in the blue cells on the Inputs sheet with the prospect, "
                    "ideally in a working session with their controller or AP manager.",
                    "2. Review the Calculator sheet together. Every line is a formula you "
                    "can explain; nothing is hidden.",
                    "3. Present the conservative case first. Total cost of ownership "
                    "includes the internal project time, which procurement teams will ask "
                    "about.",
                    "4. Save a copy per opportunity and attach it to the CRM record.",
                ),
            ),
        ),
    ),
    Asset(
        path="Pricing/Pricing FAQ.docx",
        routes="bare (faq, CFO, decision, cost reduction), override (catalog replaces "
        "persona and pain)",
        intent="Procurement, CFO, VP Sales / decision / cost reduction, vendor consolidation",
        published=date(2025, 8, 19),
        heading="Pricing and packaging: frequently asked questions",
        embedded=Embedded(
            title="Pricing FAQ",
            keywords="faq, CFO, decision, cost reduction",
            author="Deal Desk",
        ),
        sections=(
            Section(
                "How is Northwind Ledger priced?",
                paragraphs=(
                    "Each product has an annual platform fee plus a usage metric that "
                    "matches how it creates value: invoices per year for Pay Hub, active "
                    "requesters for Spend Guard, legal entities for Close Assist and Ledger "
                    "Core. Approvers and view-only users are always free, so customers never "
                    "ration access to the people who need to approve spend.",
                ),
                table=(
                    ("Product", "Metric", "Included in platform fee"),
                    ("Pay Hub", "invoices per year", "12,000 invoices"),
                    ("Spend Guard", "active requesters", "50 requesters"),
                    ("Close Assist", "legal entities", "3 entities"),
                    ("Ledger Core", "legal entities", "3 entities"),
                ),
            ),
            Section(
                "Are there bundle discounts?",
                paragraphs=(
                    "Yes. Customers who license two products receive 10% off the combined "
                    "subscription; three or more, 18%. Many customers consolidate an OCR "
                    "service, a card-program portal and close spreadsheets into one "
                    "contract, which procurement teams value as much as the discount.",
                ),
            ),
            Section(
                "What does implementation cost?",
                paragraphs=(
                    "Implementation is a fixed fee per product, quoted before signature, "
                    "from $15,000 for Spend Guard to $45,000 for Pay Hub with two ERP "
                    "connectors. Complex multi-ERP or multi-country projects are scoped "
                    "separately. Certified partners can deliver implementations too.",
                ),
            ),
            Section(
                "What happens if we exceed our volume?",
                paragraphs=(
                    "We never block processing. Overage is billed at the contracted unit "
                    "price at the end of the contract year, and we review your tier with "
                    "you at the quarterly business review so that growth is planned, not "
                    "surprising.",
                ),
            ),
            Section(
                "Contract terms",
                bullets=(
                    "Standard term of one or three years; multi-year agreements lock the "
                    "unit price.",
                    "Annual billing in advance; quarterly billing for contracts above "
                    "$150,000 per year.",
                    "Renewal uplift capped at 5% per year for three-year agreements.",
                    "Prices in USD, EUR, GBP and AUD.",
                ),
            ),
        ),
        catalog=CatalogRow(
            persona="Procurement;CFO;VP Sales",
            pain="cost reduction;vendor consolidation",
            owner="Deal Desk",
            summary="Pricing metrics, bundle discounts, implementation fees and contract "
            "terms for procurement conversations.",
        ),
    ),
    Asset(
        path="Pricing/Price List 2025 H1.xlsx",
        routes="catalog, expired (expires 2025-06-30)",
        intent="Procurement, VP Sales / decision / cost reduction",
        published=date(2025, 1, 6),
        heading="",
        embedded=Embedded(title="Northwind Ledger price list, H1 2025", author="Deal Desk"),
        sections=(
            Section(
                "Price list",
                paragraphs=(
                    "List prices valid 1 January 2025 to 30 June 2025. Superseded by the "
                    "current price list; do not quote from this sheet.",
                ),
                table=(
                    ("Product", "Edition", "Metric", "Annual list price (USD)"),
                    ("Pay Hub", "Standard", "platform fee incl. 12,000 invoices", 36000),
                    ("Pay Hub", "Standard", "per additional 1,000 invoices", 2400),
                    ("Pay Hub", "Enterprise", "platform fee incl. 60,000 invoices", 110000),
                    ("Spend Guard", "Standard", "platform fee incl. 50 requesters", 24000),
                    ("Spend Guard", "Standard", "per additional requester", 300),
                    ("Close Assist", "Standard", "platform fee incl. 3 entities", 30000),
                    ("Close Assist", "Standard", "per additional entity", 4800),
                    ("Ledger Core", "Standard", "platform fee incl. 3 entities", 42000),
                    ("Ledger Core", "Standard", "per additional entity", 6000),
                ),
            ),
            Section(
                "Services",
                table=(
                    ("Service", "Price (USD)", "Notes"),
                    ("Pay Hub implementation", 45000, "fixed fee, two ERP connectors"),
                    ("Spend Guard implementation", 15000, "fixed fee"),
                    ("Close Assist implementation", 25000, "fixed fee, up to 10 entities"),
                    ("Premium support", "18% of subscription", "24x7, named engineer"),
                ),
            ),
        ),
        catalog=CatalogRow(
            title="Price list H1 2025 (superseded)",
            persona="Procurement;VP Sales",
            stage="decision",
            pain="cost reduction",
            content_type="price list",
            expires="2025-06-30",
            published="2025-01-06",
            owner="Deal Desk",
            summary="List prices for January to June 2025; superseded, kept for reference.",
        ),
    ),
    # ---------------------------------------------------------------- Partners
    Asset(
        path="Partners/Meridian ERP Integration Brief.docx",
        routes="bare (CIO, IT Manager, consideration, ..., Ledger Core -> product), free "
        "('Meridian ERP')",
        intent="CIO, IT Manager / consideration / integration complexity, data silos",
        published=date(2025, 10, 28),
        heading="Northwind Ledger and Meridian ERP: integration brief",
        embedded=Embedded(
            title="Solution brief: Northwind Ledger for Meridian ERP",
            keywords=(
                "CIO; IT Manager; consideration; integration complexity; data silos; "
                "solution brief; Ledger Core; Meridian ERP"
            ),
            author="Partner Marketing",
        ),
        sections=(
            Section(
                "Overview",
                paragraphs=(
                    "Meridian ERP is a cloud ERP used by more than 9,000 mid-market "
                    "companies. Northwind Ledger is a certified Meridian technology "
                    "partner: our connector is built on Meridian's published APIs, "
                    "reviewed by Meridian's partner engineering team and covered by joint "
                    "support.",
                ),
            ),
            Section(
                "What synchronises",
                table=(
                    ("Object", "Direction", "Frequency"),
                    (
                        "Vendors and vendor bank details",
                        "Meridian to Northwind",
                        "every 15 minutes",
                    ),
                    ("Chart of accounts, departments, projects", "Meridian to Northwind", "hourly"),
                    ("Purchase orders and receipts", "both directions", "real time"),
                    ("Approved bills", "Northwind to Meridian", "real time"),
                    ("Payments and remittances", "Northwind to Meridian", "after each payment run"),
                    (
                        "Journal entries (Close Assist, Ledger Core)",
                        "Northwind to Meridian",
                        "on approval",
                    ),
                ),
            ),
            Section(
                "Why it matters",
                paragraphs=(
                    "Without an integration, AP and close teams maintain vendors and "
                    "accounts twice and reconcile the differences by hand. With the "
                    "certified connector, Meridian stays the system of record while "
                    "Northwind handles capture, approvals, payments and reconciliations, "
                    "and both systems agree at every moment.",
                ),
            ),
            Section(
                "Set-up",
                bullets=(
                    "Install the Northwind bundle from the Meridian marketplace.",
                    "Create an integration role with the permissions listed in the guide.",
                    "Map subsidiaries and custom segments in the Northwind admin console.",
                    "Run the validation report; typical set-up takes two to three days.",
                ),
            ),
            Section(
                "Joint customers",
                paragraphs=(
                    "Lumen Analytics and Kestrel Freight run Northwind Ledger with "
                    "Meridian ERP. Ask your partner manager for introductions.",
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Blog
    Asset(
        path="Blog/Five Signs Your Month-End Close Is Too Slow.html",
        routes="meta (synonyms: top of funnel, blog, Controller, close cycle, spreadsheets)",
        intent="CFO / awareness / slow reporting, manual processes",
        published=date(2025, 10, 7),
        heading="Five signs your month-end close is too slow",
        embedded=Embedded(
            title="Five signs your month-end close is too slow | Northwind Ledger blog",
            keywords="top of funnel, blog, Controller, close cycle, spreadsheets",
            subject="A controller's checklist for a close that drags on.",
            author="Dana Whitfield",
        ),
        sections=(
            Section(
                "",
                paragraphs=(
                    "Ask ten controllers how long their close takes and you will hear "
                    "anything from three days to three weeks. The number matters less than "
                    "the trend and the reasons. Here are five signs that your close is "
                    "costing you more than time.",
                ),
            ),
            Section(
                "1. Management decides before the numbers arrive",
                paragraphs=(
                    "If the leadership team has already made next month's staffing and "
                    "spending decisions by the time the P&L lands, reporting has become "
                    "history rather than a management tool.",
                ),
            ),
            Section(
                "2. The same reconciliations are rebuilt every month",
                paragraphs=(
                    "Copying last month's workbook, pasting new balances and chasing "
                    "the differences is the single largest time sink we see. Most of those "
                    "accounts could tie out automatically.",
                ),
            ),
            Section(
                "3. Close week means overtime",
                paragraphs=(
                    "A close that depends on late nights is fragile. It breaks when one "
                    "senior accountant is sick or resigns, and it burns out the people you "
                    "most want to keep.",
                ),
            ),
            Section(
                "4. Auditors keep asking for the same evidence",
                paragraphs=(
                    "If your team spends weeks of audit fieldwork finding sign-offs and "
                    "support, evidence is not captured where the work happens.",
                ),
            ),
            Section(
                "5. Nobody can say what is still open",
                paragraphs=(
                    'If the answer to "where are we?" on day four requires a meeting, '
                    "the close needs a shared checklist with owners and dependencies.",
                    "Recognise three or more of these signs? Download our Month-End Close "
                    "Playbook for four practical plays to shorten your close.",
                ),
            ),
        ),
    ),
)

# The library's own taxonomy: the built-in default plus this facet.
PRODUCT_FACET = """
# --------------------------------------------------------------------------------------------
# This library only: Northwind Ledger's products.
[facets.product]
label = "Product"
multi = true

[[facets.product.values]]
name = "Ledger Core"
synonyms = ["ledgercore", "general ledger hub", "consolidation hub"]

[[facets.product.values]]
name = "Spend Guard"
synonyms = ["spendguard", "spend management"]

[[facets.product.values]]
name = "Close Assist"
synonyms = ["closeassist", "close automation", "close management"]

[[facets.product.values]]
name = "Pay Hub"
synonyms = ["payhub", "ap automation", "accounts payable automation", "invoice automation"]
"""

LIBRARY_TAXONOMY_HEADER = """\
# The Northwind Ledger sample library's taxonomy: contentfinder's built-in default
# (resources/taxonomy.toml) plus a `product` facet at the end.
# Generated by scripts/make_sample_library.py; edit the generator, not this file.
"""

BRAND_COLOUR = (18, 52, 86)


# ============================================================================================
# Writers, one per format. Each writes one asset from its Section list and embedded tags.
# ============================================================================================


def _moment(day: date) -> datetime:
    """The fixed instant used for an asset's dates: 09:00 UTC on its publication day."""
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def _text(cell: Cell) -> str:
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return f"{cell:,}"
    if isinstance(cell, float):
        return f"{cell:.1%}" if cell < 1 else f"{cell:,.2f}"
    return cell


_PDF_SAFE = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
    }
)


def _latin1(text: str) -> str:
    """PDF core fonts speak Latin-1 only."""
    return text.translate(_PDF_SAFE).encode("latin-1", "replace").decode("latin-1")


def write_pdf(asset: Asset, path: Path) -> None:
    from fpdf import FPDF, FontFace
    from fpdf.enums import XPos, YPos

    class BrandedPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", size=8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 6, f"{COMPANY}  |  northwindledger.example  |  {self.page_no()}",
                      align="C")  # fmt: skip

    pdf = BrandedPdf(format="Letter")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_creation_date(_moment(asset.published))
    pdf.set_creator(f"{VENDOR} Marketing")
    pdf.set_producer("Northwind Ledger document service")
    embedded = asset.embedded
    if embedded.title:
        pdf.set_title(embedded.title)
    if embedded.subject:
        pdf.set_subject(embedded.subject)
    if embedded.keywords:
        pdf.set_keywords(embedded.keywords)
    if embedded.author:
        pdf.set_author(embedded.author)
    pdf.add_page()
    pdf.set_fill_color(*BRAND_COLOUR)
    pdf.rect(0, 0, pdf.w, 8, style="F")

    def block(text: str, *, size: float, style: str = "", height: float = 5.4) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, height, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    if asset.heading:
        pdf.set_text_color(*BRAND_COLOUR)
        block(asset.heading, size=20, style="B", height=9)
        pdf.ln(3)
    for section in asset.sections:
        if section.heading:
            pdf.ln(2)
            pdf.set_text_color(*BRAND_COLOUR)
            block(section.heading, size=13, style="B", height=7)
            pdf.ln(1)
        pdf.set_text_color(35, 35, 35)
        for paragraph in section.paragraphs:
            block(paragraph, size=10.5)
            pdf.ln(2)
        for bullet in section.bullets:
            pdf.set_x(pdf.l_margin + 4)
            block(f"-  {bullet}", size=10.5)
            pdf.ln(1)
        if section.table:
            pdf.ln(1)
            pdf.set_font("Helvetica", size=9.5)
            heading_style = FontFace(emphasis="BOLD", fill_color=(225, 232, 240))
            with pdf.table(text_align="LEFT", line_height=5, headings_style=heading_style) as t:
                for row in section.table:
                    cells = t.row()
                    for cell in row:
                        cells.cell(_latin1(_text(cell)))
            pdf.ln(3)
    pdf.output(str(path))


def write_docx(asset: Asset, path: Path) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    embedded = asset.embedded
    props.title = embedded.title
    props.subject = embedded.subject
    props.keywords = embedded.keywords
    props.category = embedded.category
    props.author = embedded.author
    props.last_modified_by = embedded.author
    props.comments = ""
    props.created = props.modified = _moment(asset.published)
    props.revision = 1
    if asset.heading:
        document.add_heading(asset.heading, level=1)
    for section in asset.sections:
        if section.heading:
            document.add_heading(section.heading, level=2)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for bullet in section.bullets:
            document.add_paragraph(bullet, style="List Bullet")
        if section.table:
            columns = max(len(row) for row in section.table)
            table = document.add_table(rows=len(section.table), cols=columns)
            table.style = "Light Grid Accent 1"
            for r, row in enumerate(section.table):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = _text(cell)
            document.add_paragraph("")
    document.save(str(path))


def write_pptx(asset: Asset, path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    props = deck.core_properties
    embedded = asset.embedded
    props.title = embedded.title
    props.subject = embedded.subject
    props.keywords = embedded.keywords
    props.category = embedded.category
    props.author = embedded.author
    props.last_modified_by = embedded.author
    props.comments = ""
    props.created = props.modified = _moment(asset.published).replace(tzinfo=None)
    props.revision = 1
    for index, section in enumerate(asset.sections):
        if index == 0:
            slide = deck.slides.add_slide(deck.slide_layouts[0])  # Title Slide
            slide.shapes.title.text = section.heading
            slide.placeholders[1].text = "\n".join(section.paragraphs)
        elif section.table:
            slide = deck.slides.add_slide(deck.slide_layouts[5])  # Title Only
            slide.shapes.title.text = section.heading
            rows, columns = len(section.table), max(len(row) for row in section.table)
            shape = slide.shapes.add_table(
                rows, columns, Inches(0.5), Inches(1.7), Inches(9), Inches(0.45) * rows
            )
            for r, row in enumerate(section.table):
                for c, cell in enumerate(row):
                    frame = shape.table.cell(r, c).text_frame
                    frame.text = _text(cell)
                    for paragraph in frame.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(14)
        else:
            slide = deck.slides.add_slide(deck.slide_layouts[1])  # Title and Content
            slide.shapes.title.text = section.heading
            body = slide.placeholders[1].text_frame
            items = section.bullets or section.paragraphs
            body.text = items[0] if items else ""
            for item in items[1:]:
                body.add_paragraph().text = item
        if section.notes:
            slide.notes_slide.notes_text_frame.text = section.notes
    deck.save(str(path))


def write_xlsx(asset: Asset, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    input_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, section in enumerate(asset.sections):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = section.heading[:31]
        row_number = 1
        for paragraph in section.paragraphs:
            sheet.cell(row_number, 1, paragraph)
            row_number += 1
        if section.paragraphs and section.table:
            row_number += 1
        widths: dict[int, int] = {1: 12}
        for r, row in enumerate(section.table):
            label = str(row[0]).lower() if row else ""
            for c, value in enumerate(row, start=1):
                widths[c] = max(widths.get(c, 8), min(70, len(_text(value)) + 2))
                if value == "":
                    continue
                cell = sheet.cell(row_number, c, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if r == 0:
                    cell.font = Font(bold=True)
                    continue
                if isinstance(value, float) and value < 1:
                    cell.number_format = "0.0%"
                elif isinstance(value, int) or (isinstance(value, str) and value[:1] == "="):
                    cell.number_format = (
                        "0%" if "roi" in label else "0.0" if "months" in label or "per invoice"
                        in label else "#,##0"
                    )  # fmt: skip
                if section.heading == "Inputs" and c == 2:
                    cell.fill = input_fill
            row_number += 1
        for column, width in widths.items():
            sheet.column_dimensions[chr(ord("A") + column - 1)].width = width
    props = workbook.properties
    embedded = asset.embedded
    props.title = embedded.title or None
    props.subject = embedded.subject or None
    props.keywords = embedded.keywords or None
    props.category = embedded.category or None
    props.creator = embedded.author or None
    props.lastModifiedBy = embedded.author or None
    props.created = props.modified = _moment(asset.published).replace(tzinfo=None)
    workbook.save(str(path))


def _markdown_table(rows: tuple[Row, ...]) -> list[str]:
    def line(row: Row) -> str:
        return "| " + " | ".join(_text(cell).replace("|", "\\|") for cell in row) + " |"

    return [line(rows[0]), "|" + "---|" * len(rows[0]), *(line(row) for row in rows[1:])]


def write_markdown(asset: Asset, path: Path) -> None:
    lines: list[str] = []
    if asset.embedded.front_matter:
        lines.append("---")
        for key, value in asset.embedded.front_matter:
            if isinstance(value, tuple):
                lines.append(f"{key}: [{', '.join(value)}]")
            elif key == "title":
                lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
            else:
                lines.append(f"{key}: {value}")
        lines += ["---", ""]
    if asset.heading:
        lines += [f"# {asset.heading}", ""]
    for section in asset.sections:
        if section.heading:
            lines += [f"## {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.bullets:
            lines += [*(f"- {bullet}" for bullet in section.bullets), ""]
        if section.table:
            lines += [*_markdown_table(section.table), ""]
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def _text_table(rows: tuple[Row, ...]) -> list[str]:
    cells = [[_text(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells if i < len(row)) for i in range(len(cells[0]))]

    def line(row: list[str]) -> str:
        return "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()

    return [line(cells[0]), "  ".join("-" * w for w in widths), *(line(row) for row in cells[1:])]


def write_text(asset: Asset, path: Path) -> None:
    lines: list[str] = []
    if asset.heading:
        lines += [asset.heading, ""]
    for section in asset.sections:
        if section.heading:
            lines += [section.heading, "-" * len(section.heading), ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.bullets:
            lines += [*(f"- {bullet}" for bullet in section.bullets), ""]
        if section.table:
            lines += [*_text_table(section.table), ""]
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


_STYLE = """
  body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0; }
  header, footer { background: #123456; color: #fff; padding: 12px 32px; }
  main { max-width: 760px; margin: 32px auto; line-height: 1.55; }
  table { border-collapse: collapse; } td, th { border: 1px solid #ccd; padding: 4px 8px; }
"""

_SCRIPT = """
  window.dataLayer = window.dataLayer || [];
  function gtag(){ dataLayer.push(arguments); }
  gtag('js', new Date()); gtag('config', 'NW-TRACKING-0000');
  document.addEventListener('DOMContentLoaded', function () {
    var banner = document.getElementById('cookie-banner');
    if (banner && localStorage.getItem('cookies-ok')) { banner.hidden = true; }
  });
"""


def write_html(asset: Asset, path: Path) -> None:
    """HTML as the website exports it; `.htm` files look like an older CMS (upper-case tags)."""
    esc = html.escape
    legacy = asset.suffix == ".htm"

    def tag(name: str) -> str:
        return name.upper() if legacy else name

    embedded = asset.embedded
    head = ['<meta charset="utf-8">']
    if embedded.title:
        head.append(f"<{tag('title')}>{esc(embedded.title)}</{tag('title')}>")
    if embedded.keywords:
        name = "Keywords" if legacy else "keywords"
        head.append(f'<{tag("meta")} name="{name}" content="{esc(embedded.keywords)}">')
    if embedded.subject:
        head.append(f'<meta name="description" content="{esc(embedded.subject)}">')
    if embedded.author:
        name = "Author" if legacy else "author"
        head.append(f'<{tag("meta")} name="{name}" content="{esc(embedded.author)}">')
    head += [f"<style>{_STYLE}</style>", f"<script>{_SCRIPT}</script>"]
    body = [
        "<header><nav><a href='/'>Northwind Ledger</a> | <a href='/customers'>Customers</a> "
        "| <a href='/blog'>Blog</a></nav></header>",
        "<main>",
    ]
    if asset.heading:
        body.append(f"<{tag('h1')}>{esc(asset.heading)}</{tag('h1')}>")
    for section in asset.sections:
        if section.heading:
            body.append(f"<{tag('h2')}>{esc(section.heading)}</{tag('h2')}>")
        body += [f"<{tag('p')}>{esc(p)}</{tag('p')}>" for p in section.paragraphs]
        if section.bullets:
            items = "".join(f"<li>{esc(b)}</li>" for b in section.bullets)
            body.append(f"<{tag('ul')}>{items}</{tag('ul')}>")
        if section.table:
            rows = [
                "<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{esc(_text(c))}"
                                 f"</{'th' if r == 0 else 'td'}>" for c in row) + "</tr>"
                for r, row in enumerate(section.table)
            ]  # fmt: skip
            body.append("<table>" + "".join(rows) + "</table>")
    body += [
        "</main>",
        f"<footer>&copy; 2025 {esc(COMPANY)} | <a href='/privacy'>Privacy</a></footer>",
        "<div id='cookie-banner'>This site uses cookies for analytics.</div>",
        "<script>console.log('page ready');</script>",
    ]
    document = [
        "<!DOCTYPE html>",
        f'<{tag("html")} lang="en">',
        f"<{tag('head')}>",
        *(f"  {line}" for line in head),
        f"</{tag('head')}>",
        f"<{tag('body')}>",
        *body,
        f"</{tag('body')}>",
        f"</{tag('html')}>",
        "",
    ]
    path.write_text("\n".join(document), encoding="utf-8", newline="\n")


WRITERS = {
    ".pdf": write_pdf,
    ".docx": write_docx,
    ".pptx": write_pptx,
    ".xlsx": write_xlsx,
    ".md": write_markdown,
    ".markdown": write_markdown,
    ".txt": write_text,
    ".html": write_html,
    ".htm": write_html,
}


def _normalise_ooxml(path: Path, when: datetime) -> None:
    """Rewrite an Office zip with fixed entry times and document dates, so reruns are
    byte-identical (the libraries stamp the current time into both)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    pattern = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = pattern.sub(rb"\g<1>" + stamp + rb"\g<3>", data)
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)


def logo_png(size: int = 48) -> bytes:
    """A tiny valid PNG: a navy square with a white diagonal band (the "logo")."""
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            rows += b"\xff\xff\xff" if abs(x - y) < size // 8 else bytes(BRAND_COLOUR)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def catalog_csv() -> bytes:
    """`catalog.csv` as Excel's "CSV UTF-8" saves it: BOM, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CATALOG_HEADER)
    for asset in ASSETS:
        if asset.catalog is not None:
            c = asset.catalog
            writer.writerow(
                (asset.path, c.title, c.persona, c.stage, c.pain, c.industry, c.content_type,
                 c.expires, c.published, c.owner, c.summary)
            )  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


def library_taxonomy() -> str:
    default = DEFAULT_TAXONOMY.read_text(encoding="utf-8")
    lines = default.splitlines()
    start = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    # keep the rules comment block that precedes the first facet, drop the "built-in" header
    body = "\n".join(lines[start:])
    return LIBRARY_TAXONOMY_HEADER + "\n" + body.rstrip("\n") + "\n" + PRODUCT_FACET


# ============================================================================================
# Generate, document, check.
# ============================================================================================


def generate(library: Path) -> list[Path]:
    if library.exists():
        shutil.rmtree(library)
    library.mkdir(parents=True)
    written: list[tuple[Path, date]] = []
    for asset in ASSETS:
        path = library / asset.path
        path.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[asset.suffix](asset, path)
        if asset.suffix in {".docx", ".pptx", ".xlsx"}:
            _normalise_ooxml(path, _moment(asset.published))
        written.append((path, asset.published))
    newest = max(asset.published for asset in ASSETS)
    extras = {
        library / "catalog.csv": catalog_csv(),
        library / "taxonomy.toml": library_taxonomy().encode("utf-8"),
        library / "Brand" / "northwind-logo.png": logo_png(),
    }
    for path, data in extras.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append((path, newest))
    for path, day in written:
        stamp = _moment(day).timestamp()
        os.utime(path, (stamp, stamp))
    # folders last, deepest first: each one as new as its newest entry
    for folder in sorted(
        (p for p in library.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)
    ):
        _touch_like_newest(folder)
    _touch_like_newest(library)
    return [path for path, _ in written]


def _touch_like_newest(folder: Path) -> None:
    stamp = max(child.stat().st_mtime for child in folder.iterdir())
    os.utime(folder, (stamp, stamp))


def route_table() -> str:
    """One block per asset: path and format, then its routes and intended tags (wrapped)."""
    blocks = []
    for asset in ASSETS:
        lines = [f"{asset.path}  [{asset.suffix[1:]}]"]
        for label, text in (("routes", asset.routes), ("intent", asset.intent)):
            lines += textwrap.wrap(
                text, width=96, initial_indent=f"    {label}: ", subsequent_indent=" " * 12
            )
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _docstring_table() -> str:
    doc = __doc__ or ""
    start = doc.index("<!-- route-table -->") + len("<!-- route-table -->\n")
    return doc[start : doc.index("<!-- /route-table -->")].rstrip("\n")


def check(library: Path) -> int:
    """Open every asset with the library that reads its format; print what an indexer sees."""
    import docx
    import openpyxl
    import yaml
    from pptx import Presentation
    from pypdf import PdfReader

    problems = 0
    for asset in ASSETS:
        path = library / asset.path
        title = keywords = ""
        if asset.suffix == ".pdf":
            reader = PdfReader(path)
            info = reader.metadata or {}
            title, keywords = str(info.get("/Title", "")), str(info.get("/Keywords", ""))
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
            where = f"{len(reader.pages)} pages"
        elif asset.suffix == ".docx":
            document = docx.Document(str(path))
            props = document.core_properties
            title, keywords = props.title, props.keywords
            text = "\n".join(p.text for p in document.paragraphs)
            text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
            where = f"{len(document.paragraphs)} paragraphs, {len(document.tables)} tables"
        elif asset.suffix == ".pptx":
            deck = Presentation(str(path))
            title, keywords = deck.core_properties.title, deck.core_properties.keywords
            parts = []
            for slide in deck.slides:
                for shape in slide.shapes:
                    if shape.has_text_frame:
                        parts.append(shape.text_frame.text)
                    if shape.has_table:
                        parts += [c.text for r in shape.table.rows for c in r.cells]
                if slide.has_notes_slide:
                    parts.append(slide.notes_slide.notes_text_frame.text)
            text = "\n".join(parts)
            where = f"{len(deck.slides)} slides"
        elif asset.suffix == ".xlsx":
            workbook = openpyxl.load_workbook(path)
            title, keywords = workbook.properties.title or "", workbook.properties.keywords or ""
            text = "\n".join(
                str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)
                for v in row if v is not None
            )  # fmt: skip
            where = f"{len(workbook.worksheets)} sheets"
        else:
            text = path.read_text(encoding="utf-8")
            where = f"{len(text.splitlines())} lines"
            if asset.suffix in {".md", ".markdown"} and text.startswith("---\n"):
                front = yaml.safe_load(text.split("---\n")[1])
                title = front.get("title", "")
                keywords = "; ".join(f"{k}={v}" for k, v in front.items() if k != "title")
            elif asset.suffix in {".html", ".htm"}:
                found = re.search(r"<title>(.*?)</title>", text, re.I | re.S)
                title = html.unescape(found.group(1)) if found else ""
                found = re.search(r'<meta name="keywords" content="([^"]*)"', text, re.I)
                keywords = html.unescape(found.group(1)) if found else ""
        words = len(text.split())
        flag = "" if words >= 100 else "  <-- short"
        problems += bool(flag)
        print(f"{asset.path}\n    {where}, {len(text):,} chars, {words:,} words{flag}")
        print(f"    title: {title or '-'}\n    keywords: {keywords or '-'}")
    known = {asset.path for asset in ASSETS}
    rows = list(csv.DictReader(io.StringIO((library / "catalog.csv").read_text("utf-8-sig"))))
    missing = [row["path"] for row in rows if not (library / row["path"]).is_file()]
    stray = [row["path"] for row in rows if row["path"] not in known]
    total = sum(p.stat().st_size for p in library.rglob("*") if p.is_file())
    print(f"\ncatalog.csv: {len(rows)} rows, missing files: {missing or 'none'}, "
          f"not generated here: {stray or 'none'}")  # fmt: skip
    print(f"library: {sum(1 for p in library.rglob('*') if p.is_file())} files, {total:,} bytes")
    problems += len(missing) + len(stray) + (total > 2_000_000)
    return 1 if problems else 0


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--library", type=Path, default=LIBRARY, help="where to write")
    parser.add_argument("--table", action="store_true", help="print the route table and exit")
    parser.add_argument("--check", action="store_true", help="read the library back and report")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.table:
        print(route_table())
        return 0
    if route_table() != _docstring_table():
        print("note: the route table in the module docstring is out of date "
              "(paste the output of --table)", file=sys.stderr)  # fmt: skip
    if not args.check:
        written = generate(args.library)
        print(f"wrote {len(written)} files to {args.library}")
        return 0
    return check(args.library)


if __name__ == "__main__":
    sys.exit(main())
