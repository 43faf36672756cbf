"""`contentfinder deals import FILE` as marketing ops or a rep runs it, on exports written the
way the CRMs write them: a Salesforce report CSV with its footer, a formatted Salesforce XLSX
with its title rows, a HubSpot XLSX with real dates and numbers, a German Excel CSV (semicolons,
Windows-1252, `1.200,50 €`, `18.12.2026`), and a custom export read through `--map`. Every
bad input is a message naming the file and the row, with nothing imported."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from contentfinder.config import Settings
from contentfinder.deals.mapping import load_deal_mapping
from contentfinder.deals.model import Deal
from contentfinder.deals.store import load_deals, stage_history
from contentfinder.library.opened import Library
from tests.factories import run_cli

SALESFORCE_CSV = """\
"Opportunity Owner","Account Name","Opportunity Name","Stage","Fiscal Period","Amount",\
"Close Date","Opportunity ID","Industry","Won","Closed","Contact Title"
"Ana Ruiz","Harbor Steel","Press line automation","Proposal/Price Quote","Q4-2026",\
"$120,000.00","12/18/2026","0065g00000H1AAA","Manufacturing","0","0","VP Finance"
"Ana Ruiz","Granite Works","Close revamp","Closed Won","Q3-2026","$80,500.50","9/30/2026",\
"0065g00000W1AAA","Industrial Machinery","1","1","Plant Superintendent"
"Ben Ode","Anvil Forge","Press brake","Closed Lost","Q3-2026","$45,000.00","8/15/2026",\
"0065g00000L1AAA","Aerospace","0","1",""

"Grand Totals (3 records)"
"Confidential Information - Do Not Distribute"
"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
"""

GERMAN_CSV = (
    "Record ID;Deal Name;Deal Stage;Amount;Close Date;Associated Company;Pipeline\r\n"
    "9001;Rollout Süd;Contract Sent;1.200,50 €;18.12.2026;Stahlwerk Müller AG;Vertrieb\r\n"
    "9002;Pilot Nord;Closed Won;15.000 €;01.10.2026;Nordlicht GmbH;Vertrieb\r\n"
    ";;;;;;\r\n"
    "9003;Prüfung;Appointment Scheduled;800;03.11.2026;Kieler Bank;Vertrieb\r\n"
)


@pytest.fixture
def rep(tmp_path: Path) -> tuple[Path, Path]:
    library, home = tmp_path / "library", tmp_path / "home"
    library.mkdir()
    return library, home


def deals_import(rep: tuple[Path, Path], *args: str):  # type: ignore[no-untyped-def]
    library, home = rep
    result = run_cli("deals", "import", *args, "--library", str(library), "--home", str(home))
    assert "Traceback" not in result.stderr
    return result


def saved(rep: tuple[Path, Path]) -> dict[str, Deal]:
    database = Settings(library=rep[0], home=rep[1]).usage_db
    return {deal.deal_id: deal for deal in load_deals(database)}


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_salesforce_report_csv_with_its_footer(rep: tuple[Path, Path], tmp_path: Path) -> None:
    export = tmp_path / "report1712345.csv"
    export.write_text(SALESFORCE_CSV, encoding="utf-8")
    result = deals_import(rep, str(export))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Imported 3 deals from report1712345.csv (Salesforce columns): 3 added, 0 updated."
    )
    assert lines[1] == "1 open, 1 won, 1 lost."
    assert lines[2] == "Skipped 1 empty row(s) and 3 footer row(s)."
    assert lines[3] == "Columns not read: Fiscal Period."
    # Closing stages and the mapped ones are not reported; what the taxonomy cannot guess is.
    assert lines[4:] == [
        "Not mapped to the taxonomy (add them to deals.toml in the library):",
        "  industry 'Aerospace': 1 deal",
        "  industry 'Industrial Machinery': 1 deal",
        "  contact title 'Plant Superintendent': 1 deal",
    ]
    deals = saved(rep)
    harbor = deals["0065g00000H1AAA"]
    assert harbor == Deal(
        "0065g00000H1AAA",
        "Press line automation",
        account="Harbor Steel",
        stage="Proposal/Price Quote",
        outcome="open",
        amount=120000.0,
        currency="USD",
        close_date=date(2026, 12, 18),
        industry="Manufacturing",
        contact_title="VP Finance",
        owner="Ana Ruiz",
        source="salesforce",
        imported_at=harbor.imported_at,
    )
    assert deals["0065g00000W1AAA"].outcome == "won"
    assert deals["0065g00000W1AAA"].amount == 80500.5
    assert deals["0065g00000L1AAA"].outcome == "lost"
    assert deals["0065g00000L1AAA"].contact_title is None


def test_a_reimport_updates_stages_and_outcomes_by_the_crm_id(
    rep: tuple[Path, Path], tmp_path: Path
) -> None:
    export = tmp_path / "opps.csv"
    export.write_text(SALESFORCE_CSV, encoding="utf-8")
    assert deals_import(rep, str(export)).returncode == 0
    later = SALESFORCE_CSV.replace(
        '"Proposal/Price Quote","Q4-2026","$120,000.00","12/18/2026","0065g00000H1AAA",'
        '"Manufacturing","0","0"',
        '"Closed Won","Q4-2026","$125,000.00","12/18/2026","0065g00000H1AAA",'
        '"Manufacturing","1","1"',
    )
    assert later != SALESFORCE_CSV
    export.write_text(later, encoding="utf-8")
    result = deals_import(rep, str(export))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Imported 3 deals from opps.csv (Salesforce columns): 0 added, 3 updated."
    )
    harbor = saved(rep)["0065g00000H1AAA"]
    assert (harbor.stage, harbor.outcome, harbor.amount) == ("Closed Won", "won", 125000.0)
    assert len(saved(rep)) == 3
    database = Settings(library=rep[0], home=rep[1]).usage_db
    stages = [stage for _, stage in stage_history(database)["0065g00000H1AAA"]]
    assert sorted(stages) == ["Closed Won", "Proposal/Price Quote"]  # where it was seen


def test_a_formatted_salesforce_xlsx_with_title_rows(
    rep: tuple[Path, Path], tmp_path: Path
) -> None:
    export = write_xlsx(
        tmp_path / "Pipeline.xlsx",
        [
            ["Open pipeline by owner"],
            ["As of 12/1/2026"],
            [],
            ["Opportunity ID", "Opportunity Name", "Account Name", "Stage", "Amount", "Close Date"],
            ["006A", "Fleet renewal", "Harbor Steel", "Negotiation/Review", 98000, "1/15/2027"],
            ["006B", "Spend controls", "Bluewater CU", "Qualification", 12000.5, "1/31/2027"],
        ],
    )
    result = deals_import(rep, str(export))
    assert result.returncode == 0, result.stderr
    assert "Imported 2 deals from Pipeline.xlsx (Salesforce columns)" in result.stdout
    deals = saved(rep)
    assert deals["006A"].close_date == date(2027, 1, 15)
    assert deals["006B"].amount == 12000.5


def test_a_hubspot_xlsx_with_real_dates_and_numbers(rep: tuple[Path, Path], tmp_path: Path) -> None:
    export = write_xlsx(
        tmp_path / "hubspot-crm-exports-all-deals-2026-12-01.xlsx",
        [
            [
                "Record ID",
                "Deal Name",
                "Deal Stage",
                "Close Date",
                "Deal owner",
                "Amount",
                "Associated Company",
                "Job Title",
            ],
            [
                17283940121,
                "Payroll rollout",
                "Presentation Scheduled",
                datetime(2026, 12, 20, 9),
                "Cleo Park",
                54000,
                "Northwind Retail",
                "VP Finance",
            ],
            [
                17283940122,
                "Renewal 2027",
                "Closed Lost",
                datetime(2026, 11, 2),
                "Cleo Park",
                None,
                "Contoso Health",
                None,
            ],
        ],
    )
    result = deals_import(rep, str(export))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 2 deals from hubspot-crm-exports")
    assert "(HubSpot columns)" in result.stdout
    deals = saved(rep)
    payroll = deals["17283940121"]  # the spreadsheet's number, not "17283940121.0"
    assert (payroll.close_date, payroll.amount, payroll.owner) == (
        date(2026, 12, 20),
        54000.0,
        "Cleo Park",
    )
    assert payroll.source == "hubspot" and payroll.account == "Northwind Retail"
    assert deals["17283940122"].outcome == "lost" and deals["17283940122"].amount is None


def test_a_german_excel_csv_in_its_own_locale(rep: tuple[Path, Path], tmp_path: Path) -> None:
    export = tmp_path / "deals.csv"
    export.write_bytes(GERMAN_CSV.encode("cp1252"))
    result = deals_import(rep, str(export))
    assert result.returncode == 0, result.stderr
    assert "Skipped 1 empty row(s)." in result.stdout
    deals = saved(rep)
    assert (deals["9001"].amount, deals["9001"].currency) == (1200.5, "EUR")
    assert deals["9002"].amount == 15000.0  # 15.000 in a decimal-comma export
    assert deals["9001"].close_date == date(2026, 12, 18)
    assert deals["9003"].close_date == date(2026, 11, 3)  # day first, as the column writes
    assert deals["9001"].account == "Stahlwerk Müller AG"  # Windows-1252 read as such
    assert deals["9002"].outcome == "won"


def test_dates_that_cannot_tell_are_read_as_told(rep: tuple[Path, Path], tmp_path: Path) -> None:
    export = tmp_path / "uk.csv"
    export.write_text("Record ID,Deal Name,Close Date\n1,A,02/03/2027\n", encoding="utf-8")
    assert deals_import(rep, str(export)).returncode == 0
    assert saved(rep)["1"].close_date == date(2027, 2, 3)  # month first, the CRMs' default
    assert deals_import(rep, str(export), "--dates", "day-first").returncode == 0
    assert saved(rep)["1"].close_date == date(2027, 3, 2)


def test_other_columns_through_map_and_a_mapping_file(
    rep: tuple[Path, Path], tmp_path: Path
) -> None:
    export = tmp_path / "pipedrive.csv"
    export.write_text(
        "Deal - ID,Deal - Title,Organization - Name,Deal - Stage,Deal - Value,Deal - Status\n"
        '41,Warehouse pilot,Acme Logistics,Proposal Made,"9,900",won\n'
        '42,Second site,Acme Logistics,Negotiations Started,"12,000",open\n',
        encoding="utf-8",
    )
    result = deals_import(rep, str(export))
    assert result.returncode == 1
    assert result.stderr.startswith(f"contentfinder: {export}: the columns found are 'Deal - ID'")
    assert "missing the CRM's id of the deal (e.g. 'Opportunity ID' or 'Record ID')" in (
        result.stderr
    )
    assert '--map "COLUMN=deal_id"' in result.stderr
    mapping = tmp_path / "pipedrive.toml"
    mapping.write_text(
        '# our Pipedrive export\n"Deal - ID" = "deal_id"\n"Deal - Title" = "name"\n'
        '"Organization - Name" = "account"\n"Deal - Stage" = "stage"\n',
        encoding="utf-8",
    )
    result = deals_import(
        rep,
        str(export),
        "--map-file",
        str(mapping),
        "--map",
        "Deal - Value=amount",
        "--map",
        "deal - status=outcome",  # column names in any case
    )
    assert result.returncode == 0, result.stderr
    assert "(your --map columns)" in result.stdout
    deals = saved(rep)
    warehouse = deals["41"]
    assert (warehouse.outcome, warehouse.amount, warehouse.source) == ("won", 9900.0, "mapped")
    assert deals["42"].account == "Acme Logistics"


def test_stages_and_titles_map_through_deals_toml_the_crm_defaults_and_synonyms(
    rep: tuple[Path, Path], tmp_path: Path
) -> None:
    library, home = rep
    (library / "deals.toml").write_text(
        '[stage]\n"Discovery Call" = "awareness"\n[industry]\n"Industrial Machinery" = '
        '"manufacturing"\n[persona]\n"Werksleiter" = "Operations"\n',
        encoding="utf-8",
    )
    export = tmp_path / "mixed.csv"
    export.write_text(
        "Opportunity ID,Opportunity Name,Stage,Industry,Contact Title\n"
        "1,A,Discovery Call,Industrial Machinery,Werksleiter\n"  # deals.toml
        "2,B,Needs Analysis,Banking,VP Finance\n"  # CRM default; synonyms
        "3,C,Negotiation/Review,Fintech / Insurance,Chief Executive Officer\n"  # parts
        "4,D,Closed Won,Aerospace,Grand Vizier\n"
        "5,E,Site Visit,Aerospace,Grand Vizier\n",
        encoding="utf-8",
    )
    result = deals_import(rep, str(export))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-4:] == [
        "Not mapped to the taxonomy (add them to deals.toml in the library):",
        "  stage 'Site Visit': 1 deal",
        "  industry 'Aerospace': 2 deals",
        "  contact title 'Grand Vizier': 2 deals",
    ]
    opened = Library(Settings(library=library, home=home))
    mapping = load_deal_mapping(library, opened.taxonomy)
    filters = {deal_id: mapping.filters_for(deal) for deal_id, deal in saved(rep).items()}
    assert filters["1"] == {
        "stage": ("awareness",),
        "industry": ("manufacturing",),
        "persona": ("Operations",),
    }
    assert filters["2"] == {
        "stage": ("consideration",),
        "industry": ("financial services",),
        "persona": ("CFO",),
    }
    assert filters["3"] == {
        "stage": ("decision",),
        "industry": ("financial services",),
        "persona": ("CEO",),
    }
    assert filters["4"] == {}  # a closing stage is an outcome, not a funnel stage


def test_lint_reports_the_unmapped_values_and_a_broken_deals_toml(
    rep: tuple[Path, Path], tmp_path: Path
) -> None:
    library, home = rep
    folders = ("--library", str(library), "--home", str(home))
    assert run_cli("index", *folders).returncode == 0
    export = tmp_path / "opps.csv"
    export.write_text(SALESFORCE_CSV, encoding="utf-8")
    assert deals_import(rep, str(export)).returncode == 0
    found = json.loads(run_cli("lint", "--json", *folders).stdout)
    assert [f["message"] for f in found["checks"]["unmapped-deal-value"]] == [
        "contact title 'Plant Superintendent' (1 deal) maps to no persona value; add it to "
        "deals.toml",
        "industry 'Aerospace' (1 deal) maps to no industry value; add it to deals.toml",
        "industry 'Industrial Machinery' (1 deal) maps to no industry value; add it to deals.toml",
    ]
    assert found["checks"]["unmapped-deal-value"][0]["severity"] == "warning"
    assert found["checks"]["deal-mapping"] == []
    (library / "deals.toml").write_text('[stage]\n"Qualification" = "warm"\n', encoding="utf-8")
    broken = run_cli("lint", *folders)
    assert broken.returncode == 1
    assert "the taxonomy has no stage value 'warm'" in broken.stdout
    refused = deals_import(rep, str(export))  # nor does an import guess past it
    assert refused.returncode == 1 and "deals.toml" in refused.stderr


# -- bad input: a message naming the file and the row, and nothing imported -------------------


def test_bad_rows_are_each_named_and_nothing_is_half_imported(
    rep: tuple[Path, Path], tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("Record ID,Deal Name,Amount\n1,First,100\n", encoding="utf-8")
    assert deals_import(rep, str(good)).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Record ID,Deal Name,Amount,Close Date\n"
        "1,First renamed,100,2026-12-01\n"  # fine on its own: must not be applied
        "2,Second,$1.2.3,2026-12-01\n"
        "3,Third,50,31/02/2027\n"
        "2,Second again,10,\n"
        "4,,10,\n"
        ",Fifth,10,\n"
        "6,Sixth,ten thousand,\n",
        encoding="utf-8",
    )
    result = deals_import(rep, str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"contentfinder: {bad}: nothing imported; 6 row(s) to fix:",
        "  row 3: Amount: '$1.2.3' is not an amount (digits grouped oddly)",
        "  row 4: Close Date: '31/02/2027' is not a date (day is out of range for month)",
        "  row 5: Record ID 2 is also on row 3 (each deal once)",
        "  row 6: no Deal Name for 4",
        "  row 7: no Record ID",
        "  row 8: Amount: 'ten thousand' is not an amount",
    ]
    assert {d.deal_id: d.name for d in saved(rep).values()} == {"1": "First"}


def test_a_header_alone_is_no_deals(rep: tuple[Path, Path], tmp_path: Path) -> None:
    export = tmp_path / "empty-report.csv"
    export.write_text("Opportunity ID,Opportunity Name\n\n\n", encoding="utf-8")
    result = deals_import(rep, str(export))
    assert result.returncode == 1
    assert result.stderr == f"contentfinder: {export}: no deals under the header on row 1\n"


def write_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("opps.csv", b"", "the file is empty"),
        ("opps.csv", b"%PDF-1.7\n...", "a PDF, not a CSV or XLSX export"),
        ("opps.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "Excel 97-2003"),
        ("opps.bin", b"\x01\x02\x00\x00binary", "a binary file, not a CSV or XLSX export"),
        ("opps.xlsx", None, "a ZIP file but not an XLSX workbook"),
    ],
)
def test_a_file_that_is_not_an_export(
    rep: tuple[Path, Path], tmp_path: Path, name: str, content: bytes | None, says: str
) -> None:
    export = tmp_path / name
    if content is None:
        write_zip(export)
    else:
        export.write_bytes(content)
    result = deals_import(rep, str(export))
    assert result.returncode == 1
    assert result.stderr.startswith(f"contentfinder: {export}: ")
    assert says in result.stderr
    assert not Settings(library=rep[0], home=rep[1]).usage_db.exists() or not saved(rep)


def test_a_missing_file_and_a_bad_map(rep: tuple[Path, Path], tmp_path: Path) -> None:
    missing = deals_import(rep, str(tmp_path / "nope.csv"))
    assert missing.returncode == 1
    assert missing.stderr == (
        f"contentfinder: {tmp_path / 'nope.csv'}: cannot read it (No such file or directory)\n"
    )
    export = tmp_path / "x.csv"
    export.write_text("Record ID,Deal Name\n1,A\n", encoding="utf-8")
    unknown = deals_import(rep, str(export), "--map", "Deal Name=title")
    assert unknown.returncode == 1
    assert "--map: 'Deal Name=title': unknown field 'title' (known: deal_id, name," in (
        unknown.stderr
    )
    absent = deals_import(rep, str(export), "--map", "Deal Title=name")
    assert absent.returncode == 1
    assert "--map names a column 'Deal Title' the file does not have ('Record ID', " in (
        absent.stderr
    )


def test_the_deals_table_is_the_usage_database(rep: tuple[Path, Path], tmp_path: Path) -> None:
    export = tmp_path / "x.csv"
    export.write_text("Record ID,Deal Name\n1,A\n", encoding="utf-8")
    assert deals_import(rep, str(export)).returncode == 0
    database = Settings(library=rep[0], home=rep[1]).usage_db
    with sqlite3.connect(database) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"deals", "deal_stages", "usage_events"} <= tables
