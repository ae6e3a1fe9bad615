#include "geo/io/json_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/error.hpp"

namespace hotspot {

nlohmann::json read_json_file(const std::string& path, const std::string& cannot_open) {
    // Configuration files are small: a directory, a device or a huge file is a mistake
    // to name, not something to read.
    constexpr std::uintmax_t kMaxBytes = std::uintmax_t{16} << 20;
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) {
        throw ConfigError(path + ": is a directory, not a JSON file");
    }
    if (!ec && std::filesystem::is_regular_file(status) && std::filesystem::file_size(path, ec) > kMaxBytes) {
        throw ConfigError(path + ": larger than 16 MiB, not a configuration file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ConfigError(path + ": " + cannot_open);
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw ConfigError(path + ": " + cannot_open);
    }
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(path + ": not valid JSON: " + e.what());
    }
}

}  // namespace hotspot
