#pragma once
// The near-repeat test as a document: the observed over expected ratios and p-values by
// distance and time band, laid out as the Near Repeat Calculator lays them out, with its
// findings in words.

#include <string>
#include <vector>

#include "geo/repeats/knox.hpp"

namespace hotspot::report {

/// A self-contained HTML page (no scripts, no outside resources). `source` names the
/// events; `notes` are warnings to print above the tables (too few events, snapped points).
std::string nearrepeat_report(const KnoxResult& result, const KnoxFinding& finding, const std::string& source,
                              const std::vector<std::string>& notes);

}  // namespace hotspot::report
