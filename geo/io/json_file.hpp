#pragma once
// Reading the small JSON configuration files (column mappings, the knife crime
// definition, the server's configuration) with one kind of error for each failure.

#include <string>

#include <nlohmann/json.hpp>

namespace hotspot {

/// Parses the JSON file at `path`. Throws ConfigError "PATH: CANNOT_OPEN" when it cannot
/// be opened, and "PATH: not valid JSON: ..." when it does not parse.
nlohmann::json read_json_file(const std::string& path, const std::string& cannot_open);

}  // namespace hotspot
