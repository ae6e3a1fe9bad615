#pragma once
// Incidents counted by place, category and month while they are read: the points with
// their location text and their tallies, small enough to keep for a server (one entry
// per place, category and month, not per incident) and filtered per request.

#include <cstdint>
#include <string>
#include <vector>

#include "geo/calendar.hpp"
#include "geo/dictionary.hpp"
#include "geo/incidents.hpp"

namespace hotspot {

struct PlaceTally {
    uint16_t category = 0;  ///< id into PlaceCounts::categories
    Month month;
    int64_t count = 0;
};

struct PlacePoint {
    double x = 0;
    double y = 0;
    std::string location;
    std::vector<PlaceTally> tallies;
    /// A force's place columns (source_mapping.hpp), when it maps them: the place's name
    /// or id, its street and its kind of premises. A place named by `place` is one place
    /// wherever its incidents were put; its point is the least (x, then y) of theirs,
    /// and each text the least that is not blank, so that the result does not depend on
    /// the order the rows were read in.
    std::string place;
    std::string street;
    std::string type;
};

struct PlaceCounts {
    Dictionary categories;
    std::vector<PlacePoint> points;  ///< in the order first seen (slot by slot)
    int64_t incidents = 0;
    int64_t without_location = 0;  ///< incidents with no location text (each point its own place)
    Month first{};
    Month last{};
};

/// Counts incidents by place as they stream past (IncidentConsumer). The batches must
/// carry their details (ReadOptions::keep_details) for the location text.
class PlaceCollector final : public IncidentConsumer {
  public:
    explicit PlaceCollector(size_t slots);
    void consume(const IncidentTable& batch, size_t slot) override;
    /// Merges the slots. Call once, after the last batch.
    PlaceCounts finish();

  private:
    struct Slot {
        Dictionary keys;  ///< the place column, else x and y bits and the location text
        PlaceCounts counts;
        bool any = false;
    };
    std::vector<Slot> m_slots;
};

}  // namespace hotspot
