-- The PostGIS peer of the benchmark: load the incidents with COPY, join each point to the
-- LSOA that contains it (ST_Contains with the GiST index on the LSOAs) and count by LSOA,
-- category and month. Points and LSOAs stay in EPSG:4326, the CRS both arrive in, so
-- PostGIS transforms nothing. Run by bench/run as: psql -f peer_postgis.sql < INCIDENTS.csv
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 2;
DROP TABLE IF EXISTS incidents, counts;
CREATE UNLOGGED TABLE incidents (
    crime_id text, month text, reported_by text, falls_within text,
    longitude double precision, latitude double precision, location text,
    lsoa_code text, lsoa_name text, crime_type text, last_outcome_category text,
    context text);
\copy incidents FROM pstdin WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE counts AS
SELECT a.lsoa11cd, i.crime_type, i.month, count(*) AS n
FROM incidents i
JOIN bench_lsoa a
  ON ST_Contains(a.geom, ST_SetSRID(ST_MakePoint(i.longitude, i.latitude), 4326))
WHERE i.longitude IS NOT NULL
GROUP BY 1, 2, 3;
SELECT sum(n) AS assigned FROM counts;
