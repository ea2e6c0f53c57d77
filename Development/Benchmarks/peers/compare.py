"""Prognos beside its peers: the same methods on the same series, accuracy side by side
and time as the ratio Prognos / peer measured in the same run.

Peers: statsforecast (Naive, AutoETS restricted to ANN / AAN / AAdN, Theta,
DynamicOptimizedTheta, AutoETS) and numpy (batched least squares for the linear
trend). Data: M3 yearly (Datasets/m3-yearly, the test split as holdout, h = 6), the
synthetic Kolada-scale set (`prognos synthesize`, series with at least 18 values, the
last 6 held out) and, with --validation DIR (Scripts/yearly-validation --prepare DIR),
M1 yearly (h = 6) and Tourism yearly (h = 4), their competitions' test splits held out
(the series with at least 10 training values, the fewest statsforecast's damped ETS fits).

Time: Prognos's is the wall time of fitting, forecasting and scoring every series on
both cores, as `prognos evaluate --timing` reports it (the whole command, with process
start, reading the dataset and drawing its chart, is shown beside it); the peer's is the
wall time of its forecast call alone, after a warm-up that compiles its numba code, the
better of n_jobs = 1 and n_jobs = 2 (statsforecast's own parallelism). numpy's is its
lstsq calls. Each is the median of --repeats runs; the ratio uses the forecast times.

Accuracy differences: per series, each side's sMAPE and MASE (the mean over horizons;
Prognos's from `prognos evaluate --forecasts`), and the mean over series of Prognos's
minus the peer's, with a 95 % paired bootstrap interval (series resampled with
replacement, 4,000 resamples, a fixed seed; per-series differences below 10⁻⁹, the
rounding of forecasts.csv's 15 digits, count as none). A side is "better" when the interval lies
wholly below zero for it, "worse" when wholly above, and "equal" when it holds zero.

Usage: Development/Benchmarks/peers/run  (makes the virtual environment, builds prognos, runs this)
"""
import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

os.environ.setdefault("NIXTLA_ID_AS_COL", "1")
from statsforecast import StatsForecast  # noqa: E402
from statsforecast.models import AutoETS, DynamicOptimizedTheta, Naive, Theta  # noqa: E402

HORIZON = 6

# Prognos method code -> (label, peer factory or None for numpy's least squares)
METHODS = [
    ("naive", "Naive", lambda: Naive()),
    ("ses", "SES (ETS A,N,N)", lambda: AutoETS(model="ANN", alias="peer")),
    ("holt", "Holt (ETS A,A,N)", lambda: AutoETS(model="AAN", damped=False, alias="peer")),
    ("damped", "Damped (ETS A,Ad,N)", lambda: AutoETS(model="AAN", damped=True, alias="peer")),
    ("theta", "Theta", lambda: Theta(alias="peer")),
    ("dotm", "DOTM", lambda: DynamicOptimizedTheta(alias="peer")),
    ("auto", "auto vs AutoETS", lambda: AutoETS(alias="peer")),
    ("linear_trend", "Linear trend (numpy lstsq)", None),
]


def read_series(observations_csv, test_split_column, horizon=HORIZON):
    """{series id: (train values, test values)} from a canonical observations.csv."""
    frame = pd.read_csv(observations_csv, dtype={"entity_id": str, "indicator_id": str})
    frame = frame[frame["gender"] == "T"].sort_values(["entity_id", "indicator_id", "year"])
    series = {}
    for (entity, indicator), group in frame.groupby(["entity_id", "indicator_id"], sort=True):
        values = group["value"].to_numpy(dtype=float)
        if test_split_column:
            test_count = int((group["split"] == "test").sum())
        else:
            test_count = horizon
        if test_count == 0 or len(values) - test_count < 2:
            continue
        series[f"{entity}|{indicator}"] = (values[:-test_count], values[-test_count:])
    return series


def write_competition(series, path):
    """The tidy competition format `prognos ingest competition` reads."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["series_id", "split", "t", "value"])
        for sid, (train, test) in series.items():
            name = sid.replace("|", "_")
            for t, value in enumerate(train, start=1):
                writer.writerow([name, "train", t, repr(float(value))])
            for t, value in enumerate(test, start=1):
                writer.writerow([name, "test", t, repr(float(value))])


def accuracy(series, forecasts):
    """sMAPE (%) and MASE (m = 1) over all series and horizons, as Prognos defines them."""
    smape, mase = [], []
    for sid, (train, test) in series.items():
        f = forecasts[sid][: len(test)]
        denominator = np.abs(test) + np.abs(f)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.where(denominator > 0, 200 * np.abs(test - f) / denominator, 0.0)
        smape.extend(s)
        scale = np.mean(np.abs(np.diff(train))) if len(train) > 1 else np.nan
        if scale > 0:
            mase.extend(np.abs(test - f) / scale)
    return float(np.mean(smape)), float(np.mean(mase))


def per_series(series, forecasts):
    """{series id: (sMAPE, MASE or None)}, each the mean over the series' horizons."""
    scores = {}
    for sid, (train, test) in series.items():
        f = np.asarray(forecasts[sid][: len(test)], dtype=float)
        denominator = np.abs(test) + np.abs(f)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.where(denominator > 0, 200 * np.abs(test - f) / denominator, 0.0)
        scale = np.mean(np.abs(np.diff(train))) if len(train) > 1 else np.nan
        scores[sid] = (float(np.mean(s)), float(np.mean(np.abs(test - f) / scale)) if scale > 0 else None)
    return scores


def prognos_forecasts(path, method, series):
    """{series id: point forecasts by horizon} from forecasts.csv of `prognos evaluate`."""
    table = pd.read_csv(path, dtype={"entity_id": str, "indicator_id": str})
    table = table[table["method"] == method].sort_values(["entity_id", "indicator_id", "horizon"])
    # M3 keeps its own keys (entity|indicator); the ingested sets are keyed by the series
    # name write_competition gave them.
    names = {sid.replace("|", "_"): sid for sid in series}
    forecasts = {}
    for (entity, indicator), group in table.groupby(["entity_id", "indicator_id"], sort=False):
        sid = f"{entity}|{indicator}" if f"{entity}|{indicator}" in series else names[entity]
        forecasts[sid] = group["forecast"].to_numpy(dtype=float)
    return forecasts


BOOTSTRAP_RESAMPLES = 4000
BOOTSTRAP_SEED = 20261127
ROUNDING = 1e-9


def paired_difference(mine, theirs):
    """Mean of mine − theirs over the series both score, and its 95 % paired bootstrap
    interval (percentiles of BOOTSTRAP_RESAMPLES resamples of the series)."""
    ids = [sid for sid in mine if mine[sid] is not None and theirs.get(sid) is not None]
    differences = np.array([mine[sid] - theirs[sid] for sid in ids])
    # forecasts.csv prints 15 significant digits: per-series differences that small are
    # the print's rounding, not a difference between the methods.
    differences[np.abs(differences) < ROUNDING] = 0.0
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    draws = rng.integers(0, len(differences), size=(BOOTSTRAP_RESAMPLES, len(differences)))
    means = differences[draws].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(differences.mean()), float(low), float(high)


def verdict(intervals):
    """better / equal / worse / mixed for Prognos, from the (mean, low, high) of each measure."""
    signs = ["better" if high < 0 else "worse" if low > 0 else "equal" for _, low, high in intervals]
    if "better" in signs and "worse" in signs:
        return "mixed"
    if "worse" in signs:
        return "worse"
    return "better" if "better" in signs else "equal"


def peer_forecasts(series, factory, n_jobs, horizon):
    rows = []
    for sid, (train, _) in series.items():
        for t, value in enumerate(train):
            rows.append((sid, t, value))
    frame = pd.DataFrame(rows, columns=["unique_id", "ds", "y"])
    model = StatsForecast(models=[factory()], freq=1, n_jobs=n_jobs)
    start = time.perf_counter()
    result = model.forecast(df=frame, h=horizon)
    elapsed = time.perf_counter() - start
    column = [c for c in result.columns if c not in ("unique_id", "ds")][0]
    forecasts = {sid: group[column].to_numpy(dtype=float) for sid, group in result.groupby("unique_id", sort=False)}
    return forecasts, elapsed


def numpy_trend(series, horizon):
    """OLS line on t = 1…n per series, batched: one lstsq per training length."""
    by_length = {}
    for sid, (train, _) in series.items():
        by_length.setdefault(len(train), []).append(sid)
    start = time.perf_counter()
    forecasts = {}
    for n, ids in by_length.items():
        t = np.arange(1, n + 1, dtype=float)
        design = np.column_stack([np.ones(n), t])
        ys = np.column_stack([series[sid][0] for sid in ids])
        coefficients, *_ = np.linalg.lstsq(design, ys, rcond=None)
        future = np.column_stack([np.ones(horizon), np.arange(n + 1, n + horizon + 1, dtype=float)])
        predicted = future @ coefficients
        for j, sid in enumerate(ids):
            forecasts[sid] = predicted[:, j]
    return forecasts, time.perf_counter() - start


def prognos_run(prognos, dataset, method, out, horizon):
    start = time.perf_counter()
    done = subprocess.run(
        [prognos, "evaluate", dataset, "--methods", method, "--holdout", str(horizon), "--out", out, "--forecasts",
         "--timing"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    whole = time.perf_counter() - start
    forecast = next(float(line.split()[2]) for line in done.stderr.splitlines() if line.startswith("timing: "))
    table = pd.read_csv(os.path.join(out, "accuracy.csv"))
    row = table[(table["method"] == method) & (table["horizon"] == "all")].iloc[0]
    return float(row["smape"]), float(row["mase"]), forecast, whole


def compare(name, series, dataset, prognos, repeats, work, horizon=HORIZON):
    rows = []
    warm = dict(list(series.items())[:20])
    for code, label, factory in METHODS:
        p_times, p_wholes, peer_times = [], [], []
        p_smape = p_mase = None
        for _ in range(repeats):
            p_smape, p_mase, seconds, whole = prognos_run(prognos, dataset, code, os.path.join(work, "eval"), horizon)
            p_times.append(seconds)
            p_wholes.append(whole)
        if factory is None:
            for _ in range(repeats):
                forecasts, seconds = numpy_trend(series, horizon)
                peer_times.append(seconds)
            peer = "numpy"
        else:
            peer_forecasts(warm, factory, 1, horizon)  # numba compilation, not timed
            for _ in range(repeats):
                best = None
                for n_jobs in (1, 2):
                    forecasts_j, seconds = peer_forecasts(series, factory, n_jobs, horizon)
                    if best is None or seconds < best[1]:
                        best = (forecasts_j, seconds)
                forecasts = best[0]
                peer_times.append(best[1])
            peer = "statsforecast"
        s_smape, s_mase = accuracy(series, forecasts)
        mine = per_series(series, prognos_forecasts(os.path.join(work, "eval", "forecasts.csv"), code, series))
        theirs = per_series(series, forecasts)
        differences = (
            paired_difference({k: v[0] for k, v in mine.items()}, {k: v[0] for k, v in theirs.items()}),
            paired_difference({k: v[1] for k, v in mine.items()}, {k: v[1] for k, v in theirs.items()}))
        p_time = statistics.median(p_times)
        s_time = statistics.median(peer_times)
        p_whole = statistics.median(p_wholes)
        rows.append((name, label, peer, p_smape, s_smape, p_mase, s_mase, p_time, p_whole, s_time, p_time / s_time,
                     differences))
        print(f"  {name} {label}: prognos {p_time:.3f} s, {peer} {s_time:.3f} s", file=sys.stderr, flush=True)
    return rows


def cpu_name():
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prognos", required=True, help="the prognos executable (release build)")
    parser.add_argument("--root", required=True, help="the repository root")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--indicators", type=int, default=10, help="synthetic set: 290 municipalities × this many indicators")
    parser.add_argument("--kernel", default="", help="OpenBLAS kernel, for the header")
    parser.add_argument("--validation", default="", help="the directory Scripts/yearly-validation --prepare wrote (adds M1 and Tourism yearly)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        m3 = read_series(os.path.join(args.root, "Datasets/m3-yearly/observations.csv"), test_split_column=True)
        rows = compare("M3 yearly", m3, os.path.join(args.root, "Datasets/m3-yearly"), args.prognos, args.repeats, work)

        generated = os.path.join(work, "synthetic")
        subprocess.run([args.prognos, "synthesize", "--indicators", str(args.indicators), "--out", generated],
                       check=True, stdout=subprocess.DEVNULL)
        synthetic = {sid: s for sid, s in read_series(os.path.join(generated, "observations.csv"), False).items()
                     if len(s[0]) >= 12}
        tidy = os.path.join(work, "synthetic.csv")
        write_competition(synthetic, tidy)
        dataset = os.path.join(work, "synthetic-competition")
        subprocess.run([args.prognos, "ingest", "competition", tidy, "--out", dataset], check=True, stdout=subprocess.DEVNULL)
        rows += compare(f"Synthetic ({len(synthetic)} series)", synthetic, dataset, args.prognos, args.repeats, work)

        for label, name, horizon in (("M1 yearly", "m1-yearly", 6), ("Tourism yearly", "tourism-yearly", 4)):
            if not args.validation:
                break
            # statsforecast's ETS refuses series of no more training values than its
            # parameters + 4 ("tiny datasets": 9 for the damped trend), so both sides run on
            # the series with at least 10.
            every = read_series(os.path.join(args.validation, name, "observations.csv"), test_split_column=True)
            series = {sid: s for sid, s in every.items() if len(s[0]) >= 10}
            tidy = os.path.join(work, f"{name}.csv")
            write_competition(series, tidy)
            dataset = os.path.join(work, name)
            subprocess.run([args.prognos, "ingest", "competition", tidy, "--out", dataset], check=True, stdout=subprocess.DEVNULL)
            rows += compare(f"{label} ({len(series)} of {len(every)} series)", series, dataset, args.prognos, args.repeats, work, horizon)

    import statsforecast
    print(f"CPU: {cpu_name()}; {os.cpu_count()} cores; OpenBLAS kernel: {args.kernel or 'unknown'}")
    print(f"statsforecast {statsforecast.__version__}, numpy {np.__version__}; medians of {args.repeats} runs; h = 6 (Tourism: 4)")
    print()
    print("| Data | Method | Peer | sMAPE Prognos | sMAPE peer | MASE Prognos | MASE peer | Prognos s (whole command) | Peer s | Time ratio Prognos/peer |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, label, peer, ps, ss, pm, sm, pt, pw, st, ratio, _ in rows:
        print(f"| {name} | {label} | {peer} | {ps:.3f} | {ss:.3f} | {pm:.3f} | {sm:.3f} | {pt:.4f} ({pw:.2f}) | {st:.4f} | {ratio:.3f} |")
    print()
    print(f"Accuracy, Prognos minus peer: the mean over series and its 95 % paired bootstrap interval "
          f"({BOOTSTRAP_RESAMPLES} resamples of the series, seed {BOOTSTRAP_SEED})")
    print()
    print("| Data | Method | sMAPE difference | MASE difference | Prognos is |")
    print("|---|---|---:|---:|---|")
    for name, label, *_, (smape, mase) in rows:
        cells = [f"{m:+.3f} [{lo:+.3f}, {hi:+.3f}]" for m, lo, hi in (smape, mase)]
        print(f"| {name} | {label} | {cells[0]} | {cells[1]} | {verdict((smape, mase))} |")


if __name__ == "__main__":
    main()
