#!/usr/bin/env python3
"""Writes foreign_aid_sample.csv: a few hundred rows in the column layout of
ForeignAssistance.gov's us_foreign_aid_complete.csv, with its quirks (a BOM, CRLF,
quoted commas, quotes and newlines in fields, `1976tq`, `NULL` dates, negative
amounts, alpha-3 and alpha-2 codes, the `Funding Acount ID` spelling, accounts that
are not security assistance, countries outside sapm's regions, regional rows).
Deterministic: run it again and the file is the same."""
import csv, io, random

HEADER = ["Country ID", "Country Code", "Country Name", "Region ID", "Region Name", "Income Group Name",
          "Managing Agency Acronym", "Managing Agency Name", "Funding Acount ID", "Funding Account Name",
          "Activity ID", "Activity Name", "Activity Description", "Activity Start Date", "Activity End Date",
          "Transaction Type Name", "Fiscal Year", "Current Dollar Amount", "Constant Dollar Amount"]

rng = random.Random(2026)
countries = [("UKR", "Ukraine", "Europe and Eurasia"), ("POL", "Poland", "Europe and Eurasia"),
             ("JOR", "Jordan", "Middle East and North Africa"), ("JO", "Jordan", "Middle East and North Africa"),
             ("EGY", "Egypt", "Middle East and North Africa"), ("PHL", "Philippines", "East Asia and Oceania"),
             ("TWN", "Taiwan", "East Asia and Oceania"), ("KEN", "Kenya", "Sub-Saharan Africa"),
             ("NGA", "Nigeria", "Sub-Saharan Africa"), ("GEO", "Georgia", "Europe and Eurasia"),
             ("COL", "Colombia", "Western Hemisphere"), ("MEX", "Mexico", "Western Hemisphere")]
accounts = [("011-1082", "Foreign Military Financing Program", "DSCA"),
            ("011-1081", "International Military Education and Training", "DSCA"),
            ("019-1143", "Peacekeeping Operations", "STATE"),
            ("019-0113", "Nonproliferation, Anti-terrorism, Demining and Related Programs", "STATE"),
            ("019-1022", "International Narcotics Control and Law Enforcement", "STATE"),
            ("097-0100", "Ukraine Security Assistance Initiative", "DOD"),
            ("072-1037", "Economic Support Fund", "USAID"), ("072-1031", "Global Health Programs", "USAID")]
rows = []
for n in range(300):
    code, name, region = countries[n % len(countries)]
    acct_id, acct, agency = accounts[(n * 7) % len(accounts)]
    if code == "UKR" and n % 3 == 0:
        acct_id, acct, agency = accounts[5]
    activity = f"{code[:2]}-{acct_id[-4:]}-{n % 9:03d}"
    fy = str(2019 + n % 6)
    kind = "Obligations" if n % 3 else "Disbursements"
    amount = rng.randrange(50_000, 40_000_000)
    if n % 37 == 5:
        amount = -rng.randrange(1_000, 200_000)  # a de-obligation
    amount_text = f"{amount}" if n % 4 else f"{amount}.{rng.randrange(0, 99):02d}"
    start = "NULL" if n % 11 == 0 else f"{int(fy) - 1}-10-01"
    desc = f'Support to {name}, including "train and equip", spares, and sustainment'
    if n % 50 == 7:
        desc += "\nSecond line of a multi-line description"
    rows.append(["", code, name, "", region, "", agency, agency, acct_id, acct, activity,
                 f"{acct.split()[0]} activity {n % 9} for {name}", desc, start, "NULL", kind, fy,
                 amount_text, str(amount)])
# The transition quarter, regional rows, and rows that are not security assistance.
rows.append(["", "UKR", "Ukraine", "", "Europe and Eurasia", "", "DSCA", "DSCA", "011-1082",
             "Foreign Military Financing Program", "UA-1082-TQ", "FMF transition quarter", "1976 TQ", "NULL", "NULL",
             "Obligations", "1976tq", "1500000", "9000000"])
rows.append(["", "", "Sub-Saharan Africa Region", "", "Sub-Saharan Africa", "", "STATE", "STATE", "019-1143",
             "Peacekeeping Operations", "SSA-1143-001", "Regional peacekeeping", "", "NULL", "NULL", "Obligations",
             "2023", "2500000", "2500000"])
rows.append(["", "WLD", "World", "", "World", "", "STATE", "STATE", "019-0113",
             "Nonproliferation, Anti-terrorism, Demining and Related Programs", "WLD-0113-001", "Worldwide demining",
             "", "NULL", "NULL", "Obligations", "2024", "700000", "700000"])

out = io.StringIO()
w = csv.writer(out, lineterminator="\r\n")
w.writerow(HEADER)
w.writerows(rows)
with open("foreign_aid_sample.csv", "w", encoding="utf-8-sig", newline="") as f:
    f.write(out.getvalue())
print(f"{len(rows)} rows")
