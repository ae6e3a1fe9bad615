#include "service/analysis/map_query.hpp"

namespace hotspot::server {

std::string MapQuery::key() const {
    std::string k = "v=" + value + ";w=" + std::to_string(window) + ";k=" + (knife ? "1" : "0") +
                    ";f=" + (from ? from->to_string() : "") + ";t=" + (to ? to->to_string() : "") +
                    ";c=";
    for (const auto& c : categories) {
        k += c + ",";
    }
    return k;
}

}  // namespace hotspot::server
