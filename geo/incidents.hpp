#pragma once
// The incident table: one column per attribute (struct of arrays), so that ten million
// incidents cost tens of bytes each and the hot loops read only the columns they need.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/calendar.hpp"
#include "geo/dictionary.hpp"

namespace hotspot {

inline constexpr uint32_t kNoId = std::numeric_limits<uint32_t>::max();
inline constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();

/// Text attributes kept only when incidents are stored in a workspace; aggregation never
/// needs them.
struct IncidentDetails {
    std::vector<uint32_t> source;       ///< index into IncidentTable::sources
    std::vector<int64_t> line;          ///< line (CSV) or feature id (other layers)
    std::vector<std::string> crime_id;  ///< blank where the source has none
    std::vector<std::string> location;  ///< police.uk "On or near ..." text
    std::vector<std::string> outcome;   ///< last outcome category
    /// A force's place columns (source_mapping.hpp): the place's name or id, its street
    /// and its kind of premises; blank where the source has none.
    std::vector<std::string> place;
    std::vector<std::string> street;
    std::vector<std::string> place_type;

    /// Every text column, for code that treats them alike.
    static constexpr std::vector<std::string> IncidentDetails::*kTexts[] = {
        &IncidentDetails::crime_id, &IncidentDetails::location, &IncidentDetails::outcome,
        &IncidentDetails::place,    &IncidentDetails::street,   &IncidentDetails::place_type};
};

/// The text a source gives a row beyond its point, time and category.
struct RowText {
    std::string_view crime_id{};
    std::string_view location{};
    std::string_view outcome{};
    std::string_view place{};
    std::string_view street{};
    std::string_view place_type{};
};

struct IncidentTable {
    std::vector<double> x;                ///< working CRS (metres)
    std::vector<double> y;
    std::vector<Month> month;
    std::vector<int64_t> minutes;         ///< empty, or one per row (kNoTime where unknown)
    std::vector<uint16_t> category;       ///< id into `categories`
    std::vector<uint32_t> reported_area;  ///< id into `reported_areas`, or kNoId
    Dictionary categories;
    Dictionary reported_areas;            ///< area codes the source put on its rows
    std::vector<std::string> sources;     ///< input names, as the user gave them
    std::optional<IncidentDetails> details;

    [[nodiscard]] size_t size() const { return x.size(); }
    [[nodiscard]] bool has_time() const { return !minutes.empty(); }

    /// Interns a category, failing loudly past the 65,535 categories a uint16 id can hold.
    uint16_t category_id(std::string_view name);

    /// Moves the rows of `other` to the end of this table, remapping its dictionaries and
    /// source indices. `other` keeps its dictionaries and sources, with no rows.
    void append(IncidentTable&& other);

    /// Removes every row; keeps the dictionaries, the sources and the vectors' capacity.
    void clear_rows();

    void reserve(size_t n);
};

/// Receives incidents in batches while they are read, instead of keeping them all: the
/// way to aggregate inputs far larger than memory wants to hold.
class IncidentConsumer {
  public:
    virtual ~IncidentConsumer() = default;
    /// Called on reader threads. `slot` (below the reader's thread count) names the
    /// caller's state: calls for one slot never overlap. The batch's ids refer to its
    /// own dictionaries; its rows are discarded after the call.
    virtual void consume(const IncidentTable& batch, size_t slot) = 0;
};

}  // namespace hotspot
