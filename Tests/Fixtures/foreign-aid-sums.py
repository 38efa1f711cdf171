#!/usr/bin/env python3
"""Sums a ForeignAssistance.gov CSV the way docs/import.md says sapm counts it, with
Python's own csv module: per country code, account and fiscal year, net obligations and
disbursements in whole dollars (each amount rounded half away from zero), security-
assistance accounts only. Written from the documentation, not from sapm's code, so that
a test can compare sapm's export with an independent reading of the same file.

Prints one line per key: CODE,ACCOUNT,FY,OBLIGATED,DISBURSED (sorted)."""
import csv
import decimal
import sys

# docs/import.md, "Accounts": the fragments of the account names sapm imports.
ACCOUNTS = [
    ("foreign military financing", "FMF"),
    ("international military education and training", "IMET"),
    ("peacekeeping operations", "PKO"),
    ("nonproliferation, anti-terrorism, demining", "NADR"),
    ("international narcotics control and law enforcement", "INCLE"),
    ("ukraine security assistance initiative", "USAI"),
    ("counterterrorism partnerships fund", "CTPF"),
    ("global security contingency fund", "GSCF"),
    ("afghanistan security forces fund", "ASFF"),
    ("train and equip fund", "CTEF"),
    ("defense security cooperation agency", "§333"),
]


def account(name):
    lower = name.lower()
    for fragment, short in ACCOUNTS:
        if fragment in lower:
            return short
    return None


def dollars(text):
    value = decimal.Decimal(text.strip())
    return int(value.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def main(path):
    sums = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            short = account(row["Funding Account Name"])
            if short is None:
                continue
            year = int("".join(c for c in row["Fiscal Year"] if c.isdigit())[:4])
            key = (row["Country Code"].strip().upper(), short, year)
            obligated, disbursed = sums.get(key, (0, 0))
            amount = dollars(row["Current Dollar Amount"])
            kind = row["Transaction Type Name"].strip().lower()
            if kind.startswith("obligation"):
                obligated += amount
            elif kind.startswith("disbursement"):
                disbursed += amount
            sums[key] = (obligated, disbursed)
    for (code, short, year), (obligated, disbursed) in sorted(sums.items()):
        print(f"{code},{short},{year},{obligated},{disbursed}")


if __name__ == "__main__":
    main(sys.argv[1])
