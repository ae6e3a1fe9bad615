#pragma once
// How the public view protects its counts, in the words every endpoint uses: the
// catalog's description, and the sentence the public's downloads carry.

#include <string>

#include <nlohmann/json.hpp>

#include "geo/aggregate/query_space.hpp"

namespace hotspot::server {

/// "public" (protected counts) or "analyst" (true counts).
inline const char* view_name(bool is_public) { return is_public ? "public" : "analyst"; }

/// The one sentence that says how public counts are protected.
std::string protection_sentence(int suppress_below);

/// The method, its noise table, the threshold and the public's filters, for the catalog.
nlohmann::json protection_json(int suppress_below, const QuerySpace& space);

}  // namespace hotspot::server
