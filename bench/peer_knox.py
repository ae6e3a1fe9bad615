# The Knox test written plainly in Python from the method (Knox 1964; the Near Repeat
# Calculator's bands and permutations), as the peer for bench/nearrepeat: SciPy's k-d
# tree finds the pairs closer than the last distance band, NumPy permutes the days and
# counts the pairs per band, and the pairs beyond the last band come from all-pair
# counts by time band (the same for every permutation).
#
#   /usr/bin/python3 bench/peer_knox.py EVENTS.csv BAND BANDS DAYS DAY_BANDS PERMUTATIONS SEED OUT.csv
#
# EVENTS.csv has columns x, y and date_single (DD/MM/YYYY) or date (YYYY-MM-DD). Writes
# distance_row,time_col,observed,expected,p, rows and columns from 0 ("same"), and prints
# the seconds it took after reading.
import csv
import sys
import time

import numpy as np
from scipy.spatial import cKDTree


def read(path):
    xs, ys, days = [], [], []
    with open(path, newline="") as f:
        rows = csv.DictReader(f)
        for r in rows:
            xs.append(float(r["x"]))
            ys.append(float(r["y"]))
            if "date_single" in r:
                d, m, y = r["date_single"].split("/")
                days.append(f"{y}-{m}-{d}")
            else:
                days.append(r["date"][:10])
    day = np.array(days, dtype="datetime64[D]").astype(np.int64)
    return np.column_stack([xs, ys]), day


def main():
    path, band, bands, days_band, day_bands, perms, seed, out = sys.argv[1:9]
    band, bands, days_band, day_bands, perms = float(band), int(bands), int(days_band), int(day_bands), int(perms)
    xy, day = read(path)
    start = time.perf_counter()
    n = len(day)
    reach = band * bands
    # Pairs closer than the last band, Manhattan distance.
    pairs = cKDTree(xy).query_pairs(r=reach, p=1, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    dist = np.abs(xy[i, 0] - xy[j, 0]) + np.abs(xy[i, 1] - xy[j, 1])
    keep = dist < reach
    i, j, dist = i[keep], j[keep], dist[keep]
    drow = np.where(dist < 1, 0, np.minimum(1 + (dist // band).astype(np.int64), bands))
    tcols = day_bands + 1
    ncells = (bands + 2) * tcols
    # All pairs by time band: pairs with a gap below g, for each band edge g.
    sorted_days = np.sort(day)
    below = []
    for t in range(1, day_bands + 1):
        upto = np.searchsorted(sorted_days, sorted_days + t * days_band, side="left")
        below.append(int(np.sum(upto - np.arange(n) - 1)))
    totals = np.diff([0] + below + [n * (n - 1) // 2])

    def count(d):
        gap = np.abs(d[i] - d[j])
        col = np.minimum(gap // days_band, day_bands)
        cells = np.bincount(drow * tcols + col, minlength=ncells).astype(np.int64)
        near = cells[: (bands + 1) * tcols].reshape(bands + 1, tcols).sum(axis=0)
        cells[(bands + 1) * tcols:] = totals - near
        return cells

    observed = count(day)
    rng = np.random.default_rng(int(seed))
    sims = np.empty((perms, ncells), dtype=np.int64)
    for r in range(perms):
        sims[r] = count(rng.permutation(day))
    expected = sims.mean(axis=0)
    p = (1 + (sims >= observed).sum(axis=0)) / (perms + 1)
    elapsed = time.perf_counter() - start
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["distance_row", "time_col", "observed", "expected", "p"])
        for c in range(ncells):
            w.writerow([c // tcols, c % tcols, int(observed[c]), repr(float(expected[c])), repr(float(p[c]))])
    print(f"{elapsed:.3f}")


main()
