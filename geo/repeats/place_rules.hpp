#pragma once
// The rules that say what a place is and which places are special: police.uk's place
// types (its snap points named for what is there, "Supermarket", not a street), and the
// flags for institutional places where crimes are recorded because they are found or
// processed there (an airport's security desk, a police station's custody suite, a
// prison, a hospital), where a patrol prevents nothing. Read from an editable JSON file;
// data/places.json is the default and data/README.md documents it.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <ogr_spatialref.h>

namespace hotspot {

struct FlagRule {
    std::string flag;         ///< short name, e.g. "airport"
    std::string description;  ///< what it is and why it is flagged
    /// Tests of the location text without police.uk's "On or near " (case-insensitive):
    /// the whole text ("Prison"), its ending ("Police Station" also flags "Chelmsford
    /// Police Station"; "Hospital" flags "St Johns Hospital" but not "Hospital Lane"), or
    /// any part of it. Held lower-cased.
    std::vector<std::string> location_is;
    std::vector<std::string> location_ends_with;
    std::vector<std::string> location_contains;
    /// The whole value of the place type column a force's column mapping names
    /// (`place_type`: "Nursing/Care Home/Hospice", "Custody suite"; case-insensitive).
    std::vector<std::string> type_is;
    /// Discs in the working CRS: a place whose point is inside one is flagged.
    struct Disc {
        double x = 0;
        double y = 0;
        double radius = 0;
    };
    std::vector<Disc> discs;
};

struct PlaceRules {
    std::string source;
    std::vector<std::string> place_types;  ///< kinds of place, not streets ("supermarket"; lower-cased)
    std::vector<FlagRule> flags;           ///< in order: a place takes the first that matches

    /// The first rule that flags a place at (x, y) with `location` and of `type` (a
    /// force's place type column; empty for police.uk), or nullptr.
    [[nodiscard]] const FlagRule* flag_of(std::string_view location, double x, double y,
                                          std::string_view type = {}) const;
    /// The street of a police.uk location text: "On or near High Street" is "High Street";
    /// empty for a place type ("On or near Supermarket"), a named place of a type
    /// ("Chelmsford Police Station") or "No Location". Other texts
    /// (a force's street column) are their own street.
    [[nodiscard]] std::string street_of(std::string_view location) const;
};

/// The reader's exclusion (ReadOptions::exclude) of the places `rules` flag.
std::function<bool(std::string_view, std::string_view, double, double)> exclusion_of(
    std::shared_ptr<const PlaceRules> rules);

/// Reads the rules. Points are given as longitude and latitude (WGS84) with a radius in
/// metres and are projected into `crs`. Throws ConfigError naming the file and the key
/// for anything malformed: unknown keys, a flag without a name or without a test, a
/// name used twice, a radius that is not from 1 to 10,000 m, coordinates off the Earth.
PlaceRules load_place_rules(const std::string& path, const OGRSpatialReference& crs);

}  // namespace hotspot
