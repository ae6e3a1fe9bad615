#pragma once
// Reads a harm weight table (geo/harm.hpp).

#include <string>

#include "geo/harm.hpp"

namespace hotspot {

/// Reads a CSV with the columns category, weight (and any others, such as a basis column,
/// which are kept for documentation only). Throws ConfigError naming the file and line of
/// a malformed row, a weight that is not a number of 0 or more, or a category listed twice.
HarmWeights read_harm_weights(const std::string& path);

}  // namespace hotspot
