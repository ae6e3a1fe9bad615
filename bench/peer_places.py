# The peer of bench/places: repeat places as an analyst would find them in a notebook,
# from the same police.uk files, timed as one run.
#
#   python3 bench/peer_places.py AREAS.gpkg OUT.csv INCIDENTS.csv...
#
# Reads the rows with coordinates, treats each distinct (longitude, latitude, location)
# as a place, as police.uk's snap points are, joins the places to the LSOAs that contain
# them (geopandas.sjoin, predicate "within") and counts the incidents at each, most
# first. Writes location,count,area_code and prints the places and incidents counted.
import sys

import geopandas as gpd
import pandas as pd

areas_path, out_path, *inputs = sys.argv[1:]
df = pd.concat(
    [pd.read_csv(p, usecols=["longitude", "latitude", "location"]) for p in inputs], ignore_index=True
)
df = df.dropna(subset=["longitude", "latitude"])
df["location"] = df["location"].fillna("")
places = df.groupby(["longitude", "latitude", "location"]).size().rename("count").reset_index()
points = gpd.GeoDataFrame(
    places, geometry=gpd.points_from_xy(places["longitude"], places["latitude"]), crs="EPSG:4326"
).to_crs("EPSG:27700")
areas = gpd.read_file(areas_path)[["LSOA11CD", "geometry"]].to_crs("EPSG:27700")
joined = gpd.sjoin(points, areas, how="inner", predicate="within")
joined = joined.sort_values(["count", "location"], ascending=[False, True])
joined[["location", "count", "LSOA11CD"]].rename(columns={"LSOA11CD": "area_code"}).to_csv(out_path, index=False)
print(len(joined), int(joined["count"].sum()))
