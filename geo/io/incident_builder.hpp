#pragma once
// The checks every incident row goes through, whatever it was read from: coordinates that
// parse and lie in range, a transform into the working CRS, the areas' extent, a month or
// a date, a category. A failed check becomes a reject naming file, line and value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "geo/calendar.hpp"
#include "geo/crs/projection.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/io/read_options.hpp"
#include "geo/io/small_csv.hpp"
#include "geo/io/source_mapping.hpp"

namespace hotspot {

/// Whether source coordinates are longitude/latitude (range-checked in degrees) or
/// planar (any finite number).
enum class CoordinateKind { geographic, projected };

class IncidentBuilder {
  public:
    IncidentBuilder(const ReadOptions& options, const Projector& projector, CoordinateKind kind,
                    std::string file_name, ParsedRows& out);

    /// Starts a row; the following calls record rejects against it.
    void begin(int64_t line, std::string_view raw, bool line_is_feature_id = false) {
        m_line = line;
        m_raw = raw;
        m_feature_id = line_is_feature_id;
    }

    /// Parses and checks x/y (or longitude/latitude) text. `x_name` and `y_name` name
    /// the columns in messages.
    bool coordinates(std::string_view x_text, std::string_view y_text, std::string_view x_name,
                     std::string_view y_name, double& x, double& y);
    /// Checks numeric source coordinates (from a geometry), then projects them.
    bool project(double& x, double& y);

    bool month(std::string_view text, std::string_view column, Month& out);
    bool timestamp(std::string_view text, std::string_view column, DateOrder order,
                   Timestamp& out);
    bool category(std::string_view text, std::string_view column, uint16_t& out);

    /// Applies a mapping's time rule (month or date column) and category rule (column,
    /// recoded by `category_values`, or one fixed category) to a row's text values.
    /// `knife_text` is the row's value in the mapping's knife column, if it has one.
    bool time_and_category(const SourceMapping& mapping, std::string_view time_text,
                           std::string_view category_text, Month& month, int64_t& minutes,
                           uint16_t& category, std::string_view knife_text = {});

    void reject(RejectReason reason, std::string detail);

    /// Checks that a text value is UTF-8 without NUL bytes (CSV fields are checked by the
    /// reader; this is for sources such as OGR layers that hand over strings).
    bool text(std::string_view value, std::string_view column);

    /// Appends the row. `minutes` is kNoTime when the source has no time.
    void append(double x, double y, Month month, int64_t minutes, uint16_t category,
                std::string_view reported_area, const RowText& text = {});

  private:
    const ReadOptions& m_options;
    Projector::Worker m_projector;
    CoordinateKind m_kind;
    std::string m_file;
    ParsedRows& m_out;
    std::string m_crs_label;
    int64_t m_line = 0;
    std::string_view m_raw;
    bool m_feature_id = false;
    double m_px[1] = {0};
    double m_py[1] = {0};
    std::vector<char> m_ok;
    uint32_t m_last_area_id = kNoId;
};

}  // namespace hotspot
