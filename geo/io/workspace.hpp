#pragma once
// The workspace store: ingested incidents, the ingest log and every rejected row, in a
// GeoPackage file (the default) or a PostGIS database ("PG:dbname=..."), through the same
// GDAL code. Each ingest is one transaction: all of a file or none of it, even when the
// process is killed; a file already ingested (same SHA-256) is skipped.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <ogr_spatialref.h>

#include "geo/io/incident_source.hpp"
#include "geo/io/read_options.hpp"
#include "geo/io/source_mapping.hpp"

namespace hotspot {

struct IngestLogEntry {
    int64_t id = 0;
    std::string file;
    std::string sha256;
    int64_t accepted = 0;
    int64_t rejected = 0;
    int64_t duplicates = 0;  ///< rows already stored by an earlier ingest, not stored again
    std::string started;   ///< UTC, ISO 8601
    std::string finished;
};

struct IngestResult {
    bool skipped = false;       ///< the same content was ingested before
    IngestLogEntry entry;       ///< this ingest, or the earlier one when skipped
    std::string description;    ///< how the input was read
};

class Workspace {
  public:
    /// Opens the workspace at `location`, creating it (GeoPackage) or its layers
    /// (PostGIS) when `create` is set. Incidents are stored in `crs`; opening a
    /// workspace stored in another CRS throws WorkspaceError.
    static Workspace open(const std::string& location, bool create,
                          const OGRSpatialReference& crs);
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;

    /// Reads `input` and stores its incidents and rejects in one transaction.
    IngestResult ingest(const std::string& input, const SourceMapping* mapping,
                        const ReadOptions& options);

    /// The ingests so far, oldest first.
    [[nodiscard]] std::vector<IngestLogEntry> log() const;
    [[nodiscard]] int64_t incident_count() const;
    /// How many stored incidents have each row identity (hashed): crime id, else content.
    [[nodiscard]] std::unordered_map<uint64_t, int64_t> stored_rows() const;

    /// How to read the stored incidents back with read_incidents(): the location and
    /// the mapping of the incidents layer.
    [[nodiscard]] const std::string& location() const;
    static SourceMapping incidents_mapping();

    static constexpr const char* kIncidents = "incidents";
    static constexpr const char* kIngestLog = "ingest_log";
    static constexpr const char* kRejects = "rejects";

  private:
    struct State;
    explicit Workspace(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace hotspot
