#pragma once
// Rows that could not be used. Every rejected row is kept with its file, line and reason,
// counted by reason, and written out by the caller; nothing is dropped silently.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/table.hpp"

namespace hotspot {

enum class RejectReason : uint8_t {
    wrong_column_count,
    bad_number,
    coordinate_out_of_range,
    no_location,
    outside_extent,
    bad_month,
    bad_date,
    no_category,
    bad_geometry,
    unterminated_quote,
    unknown_area,   ///< an area code (or location) in no area of the set
    out_of_range,   ///< a value outside what its column allows (a survey answer off the scale)
    no_answers,     ///< a survey row that answers no item
    invalid_text,   ///< bytes that are not text in the file's encoding (UTF-8 unless told)
    nul_byte,       ///< a NUL byte in a field
    duplicate_row,  ///< a row already stored in the workspace
    count_  // number of reasons; keep last
};

inline constexpr size_t kRejectReasonCount = static_cast<size_t>(RejectReason::count_);

/// The stable, human-readable name of a reason, as written in reject files and summaries.
std::string_view reason_name(RejectReason reason);

struct Reject {
    std::string file;   ///< the input as the user named it
    int64_t line = 0;   ///< 1-based physical line (CSV) or feature id (other layers)
    RejectReason reason = RejectReason::bad_number;
    std::string detail; ///< what exactly was wrong, quoting the offending value
    std::string raw;    ///< the row as read (truncated to kMaxRawBytes), for the rejects output
    bool line_is_feature_id = false;  ///< `line` is an OGR feature id, not a text line

    static constexpr size_t kMaxRawBytes = 2000;

    /// A reject of a CSV record already split into `fields` (joined back by commas for
    /// `raw`, truncated to kMaxRawBytes).
    static Reject of_record(std::string file, int64_t line, RejectReason reason, std::string detail,
                            const std::vector<std::string>& fields);

    /// "FILE:LINE: reason: detail" (or "FILE: feature N: ..." for non-text sources).
    [[nodiscard]] std::string message() const;
};

/// Collects rejects and counts them by reason.
class RejectLog {
  public:
    void add(Reject reject);
    void append(RejectLog&& other);

    [[nodiscard]] const std::vector<Reject>& items() const { return m_items; }
    [[nodiscard]] int64_t total() const { return static_cast<int64_t>(m_items.size()); }
    [[nodiscard]] int64_t count(RejectReason reason) const {
        return m_counts.at(static_cast<size_t>(reason));
    }
    /// Adds `delta` to the line numbers of every reject (used when chunks of a file are
    /// parsed in parallel and only learn their first line number afterwards).
    void shift_lines(int64_t delta);

    /// One line per reason that occurred: "  218 no location".
    [[nodiscard]] std::string summary() const;

    /// The rejects as a table (file, line, reason, detail, raw) for the export path.
    [[nodiscard]] Table to_table() const;

  private:
    std::vector<Reject> m_items;
    std::array<int64_t, kRejectReasonCount> m_counts{};
};

}  // namespace hotspot
