# The R spdep peer of the hotspot benchmark: queen contiguity (poly2nb with the same
# 1 m snap) and Gi* (localG with the areas themselves included, binary weights) on the
# values hotspot analysed, read from its output so both tools see the same numbers.
#
#   Rscript bench/peer_spdep.R AREAS.gpkg HOTSPOT_GI.csv OUT.csv
suppressPackageStartupMessages({ library(sf); library(spdep) })
args <- commandArgs(trailingOnly = TRUE)
start <- proc.time()[["elapsed"]]
areas <- st_read(args[1], quiet = TRUE)
ours <- read.csv(args[2])
x <- ours$count[match(areas$LSOA11CD, ours$area_code)]
read_done <- proc.time()[["elapsed"]]
nb <- poly2nb(areas, queen = TRUE, snap = 1)
nb_done <- proc.time()[["elapsed"]]
gi <- as.numeric(localG(x, nb2listw(include.self(nb), style = "B", zero.policy = TRUE),
                        zero.policy = TRUE))
end <- proc.time()[["elapsed"]]
write.csv(data.frame(area_code = areas$LSOA11CD, gi = gi), args[3], row.names = FALSE)
cat(sprintf("spdep: read %.2f s, poly2nb %.2f s, localG %.2f s, %d links\n",
            read_done - start, nb_done - read_done, end - nb_done, sum(card(nb))))
