#include "json_file.hpp"

#include <fstream>

#include "../error.hpp"

namespace hotspot {

nlohmann::json read_json_file(const std::string& path, const std::string& cannot_open) {
    std::ifstream in(path);
    if (!in) {
        throw ConfigError(path + ": " + cannot_open);
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw ConfigError(path + ": not valid JSON: " + e.what());
    }
}

}  // namespace hotspot
