#pragma once
// Option groups shared by several commands, so each option is spelled and documented
// once.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "geo/aggregate/filter.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/read_options.hpp"
#include "geo/io/source_mapping.hpp"
#include "geo/repeats/place_rules.hpp"
#include "geo/text.hpp"
#include "service/analysis/sample.hpp"

namespace hotspot::cli {

using server::data_dir;

/// Incident inputs and how to read them.
struct IncidentOptions {
    std::vector<std::string> inputs;
    std::string mapping_path;
    std::string crs{kDefaultWorkingCrs};
    int threads = 0;
    std::string encoding{"utf-8"};

    /// `inputs_required`: whether --incidents must be given.
    void add_to(CLI::App& app, bool inputs_required);
    [[nodiscard]] std::optional<SourceMapping> mapping() const;
    [[nodiscard]] int thread_count() const;
    [[nodiscard]] TextEncoding text_encoding() const;
};

/// The area polygons.
struct AreaOptions {
    std::string path;
    std::string layer;
    std::string code_field;
    std::string name_field;

    void add_to(CLI::App& app, bool required);
    [[nodiscard]] AreaReadOptions read_options(const OGRSpatialReference& crs) const;
};

/// Categories and months: the one filter every statistic takes.
struct FilterOptions {
    std::vector<std::string> categories;
    std::string from;
    std::string to;

    void add_to(CLI::App& app);
    /// Throws InputError for a malformed month.
    [[nodiscard]] Filter filter() const;
};

/// The place rules (data/places.json unless --place-rules) and whether the incidents at
/// the places they flag (airport, police stations, prisons, hospitals) are left out.
struct PlaceOptions {
    bool exclude = false;
    std::string rules;

    /// `exclude_by_default`: the command leaves flagged places out unless
    /// --include-flagged (a patrol plan); otherwise it keeps them unless --exclude-flagged.
    void add_to(CLI::App& app, bool exclude_by_default);
    [[nodiscard]] std::string rules_path() const;
    /// The rules when flagged places are to be left out, else null.
    [[nodiscard]] std::shared_ptr<const PlaceRules> exclusion(const OGRSpatialReference& crs) const;
};

/// A number in [lo, hi]; unlike CLI::Range, NaN and infinities are refused.
CLI::Validator in_range(double lo, double hi);
/// A text encoding parse_text_encoding() knows.
CLI::Validator encoding_validator();
/// A finite number above 0 (or at least 0 with `or_zero`).
CLI::Validator positive_number(bool or_zero = false);

}  // namespace hotspot::cli
