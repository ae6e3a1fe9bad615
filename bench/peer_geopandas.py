# The GeoPandas peer of the benchmark: the same read + assign + aggregate an analyst would
# write in a notebook, timed as one run.
#
#   python3 bench/peer_geopandas.py INCIDENTS.csv AREAS.gpkg OUT.csv
#
# Reads the four columns it needs (month, longitude, latitude, crime_type), drops rows
# without coordinates, projects to British National Grid, joins points to the LSOAs that
# contain them (geopandas.sjoin, predicate "within") and counts by LSOA, category and
# month. Prints the number of incidents assigned.
import sys

import geopandas as gpd
import pandas as pd

incidents_path, areas_path, out_path = sys.argv[1:4]
df = pd.read_csv(incidents_path, usecols=["month", "longitude", "latitude", "crime_type"])
df = df.dropna(subset=["longitude", "latitude"])
points = gpd.GeoDataFrame(
    df, geometry=gpd.points_from_xy(df["longitude"], df["latitude"]), crs="EPSG:4326"
).to_crs("EPSG:27700")
areas = gpd.read_file(areas_path)[["LSOA11CD", "geometry"]].to_crs("EPSG:27700")
joined = gpd.sjoin(points, areas, how="inner", predicate="within")
counts = joined.groupby(["LSOA11CD", "crime_type", "month"]).size()
counts.to_csv(out_path)
print(int(counts.sum()))
