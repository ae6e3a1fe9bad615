#pragma once
// Everything the server answers from, loaded once and never changed: the area sets with
// their counts, weights and tile geometry, the incident points for density surfaces,
// harm weights and the knife crime definition. A reload builds a new Snapshot and swaps
// it in whole, so a request never sees half-loaded data.

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/utf8.hpp"

#include <ogr_spatialref.h>

#include "geo/aggregate/area_frame.hpp"
#include "geo/aggregate/counts.hpp"
#include "geo/aggregate/disclosure.hpp"
#include "geo/aggregate/knife.hpp"
#include "geo/aggregate/point_collector.hpp"
#include "geo/aggregate/query_space.hpp"
#include "geo/areas.hpp"
#include "geo/engagement/classify.hpp"
#include "geo/harm.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/io/nearrepeat_zones.hpp"
#include "geo/repeats/place_counts.hpp"
#include "geo/repeats/place_rules.hpp"
#include "tiles/area_tiles.hpp"

namespace hotspot::server {

/// Where a snapshot's data comes from.
struct SnapshotSources {
    std::vector<std::string> incidents;  ///< files (police.uk CSVs or anything readable)
    std::string workspace;               ///< optional workspace with stored incidents
    std::string lsoas;                   ///< small areas (required)
    std::string wards;                   ///< larger areas the small ones roll up to (optional)
    std::string population;              ///< population per small area (optional)
    std::string harm_weights;
    std::string knife_definition;
    /// The engagement classification of the small areas (optional; all four or none):
    /// a survey, its item mapping, IoD2019 domain ranks and the rural-urban classes.
    std::string survey;
    std::string survey_items;
    std::string iod_domains;
    std::string rural_urban;
    std::string crs = "EPSG:27700";
    int threads = 0;  ///< 0: all cores
    TextEncoding encoding = TextEncoding::utf8;  ///< of the incident CSVs
    /// Prepare every layer's tile geometry for zooms kPreparedZooms before the snapshot
    /// is handed over (a server sets it: no request then waits on a zoom's first tile).
    bool prepare_tiles = false;
    /// What each layer gets beyond its areas and counts: queen contiguity weights (Gi*,
    /// local Moran's I, the backtest's lsoa_gi) and tile geometry (maps). A server needs
    /// both; `hotspot evaluate` only the weights; `hotspot patrol` neither. A layer built
    /// without them has empty weights and no tiles.
    bool weights = true;
    bool tiles = true;
    /// The server's secret: with one, every incident gets a record key, so that public
    /// views can protect their counts (see geo/aggregate/disclosure.hpp).
    std::optional<disclosure::Secret> secret;
    /// Leave out the incidents at places these rules flag (airport, police stations, ...),
    /// everywhere: counts, points, hot spots, plans and the backtest.
    std::shared_ptr<const PlaceRules> exclude_flagged;
    /// Count incidents by place too (a server's /api/places), with these rules for the
    /// place types and flags. Keeps each place's tallies, not its incidents.
    bool places = false;
    std::string place_rules;
    /// The zones of raised risk `hotspot nearrepeat` found active (its OUT.zones.csv,
    /// written with a known CRS), for the map (optional).
    std::string nearrepeat_zones;
    static constexpr std::array<int, 2> kPreparedZooms{5, 14};

    /// The bundled Essex sample under `data_dir`.
    static SnapshotSources sample(const std::string& data_dir);
};

/// One set of areas: LSOAs, or wards made of them.
struct AreaLayer {
    std::string id;     ///< "lsoa" or "ward": names the tiles, API paths and exports
    std::string title;  ///< "LSOAs (2011)"
    std::unique_ptr<AreaSet> areas;
    AreaFrame frame;
    CountsCube cube;
    SpatialWeights weights;  ///< queen contiguity, 1 m (empty unless SnapshotSources::weights)
    std::unique_ptr<tiles::AreaTiles> tiles;  ///< null unless SnapshotSources::tiles
    /// The engagement classification, one row per area in area order (class_code,
    /// class_name, engagement, engage_idx and the five domain scores), when there is one.
    Table engagement;
    std::vector<EngagementClass> engagement_classes;
    bool engagement_synthetic = false;
};

class Snapshot {
  public:
    /// Reads everything. Throws hotspot::Error (with the file at fault) on unusable input.
    static std::shared_ptr<const Snapshot> load(const SnapshotSources& sources);

    [[nodiscard]] const AreaLayer* layer(const std::string& id) const;
    [[nodiscard]] const std::vector<std::unique_ptr<AreaLayer>>& layers() const { return m_layers; }
    [[nodiscard]] const PointCollector& points() const { return *m_points; }
    [[nodiscard]] const HarmWeights& harm() const { return m_harm; }
    /// The harm weight of each of the points' categories (by category id; see
    /// HarmWeights::by_category), or 1 for every category when there is no table.
    [[nodiscard]] std::vector<double> category_harm() const;
    [[nodiscard]] const KnifeDefinition& knife() const { return m_knife; }
    /// The filters the public may ask for: the data's months, and the knife preset.
    [[nodiscard]] const QuerySpace& query_space() const { return *m_space; }
    /// The secret behind the record keys, when the counts have them (a server's data).
    [[nodiscard]] const disclosure::Secret* secret() const { return m_secret ? &*m_secret : nullptr; }
    [[nodiscard]] const OGRSpatialReference& crs() const { return m_crs; }
    /// Changes whenever the data does: a digest of the inputs' contents.
    [[nodiscard]] const std::string& version() const { return m_version; }
    [[nodiscard]] std::chrono::system_clock::time_point loaded_at() const { return m_loaded_at; }
    /// Rows read and rejected, for /health and the log.
    [[nodiscard]] int64_t accepted() const { return m_accepted; }
    [[nodiscard]] int64_t rejected() const { return m_rejected; }
    /// Rows left out at flagged places (SnapshotSources::exclude_flagged), and the rules.
    [[nodiscard]] int64_t excluded() const { return m_excluded; }
    [[nodiscard]] const PlaceRules* excluded_by() const { return m_exclude.get(); }
    /// The incidents by place (SnapshotSources::places), or null; each point's small area
    /// and ward (kNoId outside, or without wards), and the rules that name and flag them.
    [[nodiscard]] const PlaceCounts* places() const { return m_places ? &*m_places : nullptr; }
    /// The near-repeat zones, when the sources name a zones file.
    [[nodiscard]] const NearRepeatZones* nearrepeat_zones() const { return m_zones ? &*m_zones : nullptr; }
    [[nodiscard]] const std::vector<uint32_t>& place_lsoa() const { return m_place_lsoa; }
    [[nodiscard]] const std::vector<uint32_t>& place_ward() const { return m_place_ward; }
    [[nodiscard]] const PlaceRules& place_rules() const { return m_place_rules; }
    [[nodiscard]] double load_seconds() const { return m_load_seconds; }
    /// Why an optional part (the engagement classification) could not be loaded.
    [[nodiscard]] const std::vector<std::string>& notes() const { return m_notes; }

  private:
    Snapshot() = default;
    std::vector<std::unique_ptr<AreaLayer>> m_layers;
    std::unique_ptr<PointCollector> m_points;
    HarmWeights m_harm;
    KnifeDefinition m_knife;
    std::optional<QuerySpace> m_space;
    std::optional<disclosure::Secret> m_secret;
    OGRSpatialReference m_crs;
    std::string m_version;
    std::chrono::system_clock::time_point m_loaded_at;
    int64_t m_accepted = 0;
    int64_t m_rejected = 0;
    int64_t m_excluded = 0;
    std::shared_ptr<const PlaceRules> m_exclude;
    std::optional<PlaceCounts> m_places;
    std::optional<NearRepeatZones> m_zones;
    std::vector<uint32_t> m_place_lsoa;
    std::vector<uint32_t> m_place_ward;
    PlaceRules m_place_rules;
    double m_load_seconds = 0;
    std::vector<std::string> m_notes;
};

}  // namespace hotspot::server
