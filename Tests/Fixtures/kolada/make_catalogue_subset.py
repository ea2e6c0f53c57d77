"""Writes kpi_catalogue_subset.csv: the rows of Kolada's kpi_catalogue.csv
(../shared/reference/kolada, API v3, 2026) for the KPIs of values_tidy.csv, unchanged and
in the file's order, so that a dataset ingested from the fixtures carries the KPIs'
titles. Run from the repository root:
python3 Tests/Fixtures/kolada/make_catalogue_subset.py
"""
import csv
import sys

REFERENCE = "../shared/reference/kolada/"
HERE = "Tests/Fixtures/kolada/"

kpis = {row["kpi"] for row in csv.DictReader(open(HERE + "values_tidy.csv", encoding="utf-8"))}
rows = list(csv.reader(open(REFERENCE + "kpi_catalogue.csv", encoding="utf-8", newline="")))
header, body = rows[0], rows[1:]
with open(HERE + "kpi_catalogue_subset.csv", "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    kept = [row for row in body if row[0] in kpis]
    writer.writerows(kept)
print(f"{len(kept)} KPIs", file=sys.stderr)
