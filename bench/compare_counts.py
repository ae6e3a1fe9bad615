# Checks that the tools in the benchmark counted the same thing: per LSOA, category and
# month, how many of the counts agree between hotspot and each peer.
#
#   python3 bench/compare_counts.py HOTSPOT_MONTHLY.csv NAME=PEER.csv...
#
# hotspot's file is its `--layer monthly` output (area_code, month, category, count);
# each peer file has LSOA11CD, crime_type, month and a count column.
import csv
import sys


def load(path, code, category, month, count):
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            n = int(row[count])
            if n:
                out[(row[code], row[category], row[month])] = n
    return out


ours = load(sys.argv[1], "area_code", "category", "month", "count")
print(f"hotspot: {sum(ours.values()):,} incidents in {len(ours):,} non-empty area x category x month cells")
for arg in sys.argv[2:]:
    name, path = arg.split("=", 1)
    with open(path, newline="") as f:
        header = next(csv.reader(f))
    peer = load(path, header[0], header[1], header[2], header[3])
    keys = set(ours) | set(peer)
    same = sum(1 for k in keys if ours.get(k, 0) == peer.get(k, 0))
    diff = sum(abs(ours.get(k, 0) - peer.get(k, 0)) for k in keys)
    print(f"{name}: {sum(peer.values()):,} incidents; {same:,} of {len(keys):,} cells equal, "
          f"{diff:,} incidents counted differently")
