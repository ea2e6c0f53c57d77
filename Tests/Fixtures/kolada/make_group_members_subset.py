"""Writes municipality_group_members_subset.csv: the rows of Kolada's
municipality_group_members.csv (../shared/reference/kolada, rKolada cache, API v3, 2026)
for every group that has a member among the municipalities of values_tidy.csv or
whose title names one of them, unchanged and in the file's order. Run from the
repository root: python3 Tests/Fixtures/kolada/make_group_members_subset.py
"""
import csv
import sys

REFERENCE = "../shared/reference/kolada/"
HERE = "Tests/Fixtures/kolada/"

present = {row["municipality"] for row in csv.DictReader(open(HERE + "values_tidy.csv", encoding="utf-8"))}
names = {row["title"] for row in csv.DictReader(open(HERE + "municipalities.csv", encoding="utf-8")) if row["id"] in present}
rows = list(csv.reader(open(REFERENCE + "municipality_group_members.csv", encoding="utf-8", newline="")))
header, body = rows[0], rows[1:]
keep = set()
for group_id, title, member_id, _ in body:
    parts = {part.strip() for part in title.split(",")}
    if member_id in present or parts & names:
        keep.add(group_id)
with open(HERE + "municipality_group_members_subset.csv", "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(row for row in body if row[0] in keep)
print(f"{len(keep)} groups", file=sys.stderr)
