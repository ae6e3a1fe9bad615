# Lays the Essex police.uk incidents out as many times as the benchmark lays out the
# Essex LSOAs (bench/hotspots), so that every copy of the areas has real counts.
# Writes easting,northing,month,crime_type in British National Grid, one copy per offset.
#
#   python3 bench/tile_incidents.py OUT.csv OFFSETS SAMPLE.csv...
#
# OFFSETS is "dx,dy;dx,dy;..." in metres. Rows without coordinates are left out.
import csv
import sys

from osgeo import osr

out_path, offsets_text, *inputs = sys.argv[1:]
offsets = [tuple(float(v) for v in o.split(",")) for o in offsets_text.split(";")]
wgs84 = osr.SpatialReference()
wgs84.ImportFromEPSG(4326)
wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
bng = osr.SpatialReference()
bng.ImportFromEPSG(27700)
to_bng = osr.CoordinateTransformation(wgs84, bng)

rows = []
for path in inputs:
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["longitude"] and r["latitude"]:
                rows.append((float(r["longitude"]), float(r["latitude"]), r["month"], r["crime_type"]))
points = to_bng.TransformPoints([(lon, lat) for lon, lat, _, _ in rows])
with open(out_path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["easting", "northing", "month", "crime_type"])
    for dx, dy in offsets:
        for (x, y, _), (_, _, month, category) in zip(points, rows):
            w.writerow([f"{x + dx:.1f}", f"{y + dy:.1f}", month, category])
print(f"{len(rows)} incidents x {len(offsets)} copies written to {out_path}")
