# Shows that two density rasters are the same surface: hotspot's (per km2) and QGIS's
# heatmap with "Scaled" output. QGIS evaluates the same quartic kernel at the same cell
# centres but scales it by 116 / (5 pi r^2) * 15 / 16 instead of 3 / (pi r^2), a
# constant factor of 7.25 (checked with a single point); hotspot's values are per km2.
#
#   python3 bench/compare_surfaces.py HOTSPOT.tif QGIS.tif POINTS.fgb RADIUS
#
# It also sums the kernel exactly, in double precision with numpy, over all the points
# at 30 dense cells chosen at random, and reports how far each tool is from that sum.
import sys

import numpy as np
from osgeo import gdal

ours_ds = gdal.Open(sys.argv[1])
peer_ds = gdal.Open(sys.argv[2])
ot = ours_ds.GetGeoTransform()
pt = peer_ds.GetGeoTransform()
if abs(ot[0] - pt[0]) > 0.01 or abs(ot[3] - pt[3]) > 0.01 or ot[1] != pt[1]:
    sys.exit(f"the grids are not aligned: {ot} against {pt}")
rows = min(ours_ds.RasterYSize, peer_ds.RasterYSize)
cols = min(ours_ds.RasterXSize, peer_ds.RasterXSize)
ours = ours_ds.GetRasterBand(1).ReadAsArray(0, 0, cols, rows).astype(np.float64)
peer = peer_ds.GetRasterBand(1).ReadAsArray(0, 0, cols, rows).astype(np.float64)
nodata = peer_ds.GetRasterBand(1).GetNoDataValue()
if nodata is not None:
    peer[peer == nodata] = 0
peer_per_km2 = peer / 7.25 * 1e6
scale = ours.max()
diff = np.abs(ours - peer_per_km2)
meaningful = ours > 0.001 * scale
print(f"{rows} x {cols} common cells; hotspot max {scale:.3f} per km2")
print(f"largest difference: {diff.max() / scale:.2e} of the maximum; "
      f"median relative difference where the density exceeds 0.1 % of the maximum: "
      f"{np.median(diff[meaningful] / ours[meaningful]):.2e}")
one_only = (ours > 0) != (peer_per_km2 > 0)
print(f"cells non-zero in one surface only (the kernel's rim): {int(np.sum(one_only))}, "
      f"none above {max(ours[one_only].max(), peer_per_km2[one_only].max()) / scale:.1e} "
      f"of the maximum")

# An exact sum at a sample of dense cells.
radius = float(sys.argv[4])
points_ds = gdal.OpenEx(sys.argv[3], gdal.OF_VECTOR)  # must outlive its layer
layer = points_ds.GetLayer(0)
wkb_point = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])
parts = [np.frombuffer(b"".join(batch["wkb_geometry"]), dtype=wkb_point)
         for batch in layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=NO"])]
points = np.concatenate(parts)
xy = np.array([points["x"], points["y"]])
rng = np.random.default_rng(1)
dense = np.argwhere(ours > 0.05 * scale)
ours_err = []
peer_err = []
for r, c in dense[rng.choice(len(dense), 30, replace=False)]:
    cx = ot[0] + (c + 0.5) * ot[1]
    cy = ot[3] + (r + 0.5) * ot[5]
    d2 = (xy[0] - cx) ** 2 + (xy[1] - cy) ** 2
    near = d2 < radius * radius
    exact = np.sum((1 - d2[near] / radius ** 2) ** 2) * 3 / (np.pi * radius ** 2) * 1e6
    ours_err.append(abs(ours[r, c] - exact) / exact)
    peer_err.append(abs(peer_per_km2[r, c] - exact) / exact)
print(f"against an exact double-precision sum at 30 dense cells: hotspot within "
      f"{max(ours_err):.1e} (median {np.median(ours_err):.1e}), QGIS within "
      f"{max(peer_err):.1e} (median {np.median(peer_err):.1e})")
