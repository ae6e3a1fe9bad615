// The file endpoints of Api: downloads of every layer in the formats GIS tools read, and
// the static files of the map page.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "geo/io/layer_writer.hpp"
#include "service/http/api.hpp"
#include "service/http/protection.hpp"

namespace hotspot::server {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> split_segments(const std::string& path) {
    std::vector<std::string> out;
    std::stringstream in(path);
    std::string part;
    while (std::getline(in, part, '/')) {
        out.push_back(part);
    }
    return out;
}

/// A temporary directory, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "hotspot-export-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw OutputError("cannot make a temporary directory for the download");
        }
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return m_path; }

  private:
    fs::path m_path;
};

std::string content_type_of(const std::string& name) {
    static const std::vector<std::pair<std::string, std::string>> kTypes{
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript"},
        {".mjs", "text/javascript"},           {".css", "text/css"},
        {".json", "application/json"},         {".png", "image/png"},
        {".svg", "image/svg+xml"},             {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},              {".pbf", "application/x-protobuf"},
        {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}};
    for (const auto& [ext, type] : kTypes) {
        if (name.ends_with(ext)) {
            return type;
        }
    }
    return "application/octet-stream";
}

}  // namespace

Response Api::download(const Snapshot& s, const std::string& file, const Params& params, Role role) {
    const std::string route = "/export/{layer}.{format}";
    const size_t dot = file.find('.');
    if (dot == std::string::npos) {
        return error_response(404, "downloads are /export/LAYER.FORMAT (csv, geojson, gpkg, shp.zip)", route);
    }
    const std::string id = file.substr(0, dot);
    const std::string format = file.substr(dot + 1);
    static const std::map<std::string, std::string> kTypes{{"csv", "text/csv; charset=utf-8"},
                                                           {"geojson", "application/geo+json"},
                                                           {"gpkg", "application/geopackage+sqlite3"},
                                                           {"shp.zip", "application/zip"}};
    const auto type = kTypes.find(format);
    if (type == kTypes.end()) {
        return error_response(404, format + ": give csv, geojson, gpkg or shp.zip", route);
    }
    if (id == "evaluation" && role == Role::public_user) {
        return error_response(403, kBacktestIsForAnalysts, route);
    }
    if (id == "places" && role == Role::public_user) {
        return error_response(403, "places locate incidents (police.uk's snap points): they need an analyst token",
                              route);
    }
    if (id == "places" && s.places() == nullptr) {
        return error_response(404, "this server's data are not counted by place", route);
    }
    // The view goes with the file: in its name, and in its own metadata where the format
    // has a place for it, so a saved public file cannot pass for the police's figures.
    const bool is_public = role == Role::public_user;
    const std::string name = "hotspot-" + id + "-" + view_name(is_public) + "." + format;
    const std::string description =
        is_public ? "hotspot, public view: " + protection_sentence(m_config.suppress_below)
                  : "hotspot, analyst view: true counts, not protected for publication.";
    // A download is written once per data version, filter and audience, then served
    // from the response cache like a tile: a client asking again costs no GDAL write.
    const bool area_layer = id != "evaluation" && id != "patrol" && id != "patrol_schedule" && id != "places";
    if (area_layer && s.layer(id) == nullptr) {
        return error_response(404, "no layer \"" + id + "\" to download", route);
    }
    std::string key = s.version() + "|x|" + file + "|" + (role == Role::public_user ? "p" : "a");
    for (const auto& [k, v] : params) {
        key += "|" + k + "=" + v;
    }
    return cached(key, route, [&] {
        const TempDir dir;
        const std::string path = (dir.path() / name).string();
        if (id == "evaluation") {
            write_table(evaluated(s, params)->table, path, description);
        } else if (id == "places") {
            write_table(place_result(s, parse_map_query(params))->table, path, description);
        } else if (id == "patrol" || id == "patrol_schedule") {
            const std::shared_ptr<const PatrolResult> plan = patrol_plan(s, params, role);
            if (id == "patrol") {
                PlaceCells cells;
                write_table(visible_plan(*plan, is_public, m_config.suppress_below, cells), path, description);
            } else {
                write_table(plan->schedule, path, description);
            }
        } else {
            const std::shared_ptr<const AreaStats> st = stats(s, *s.layer(id), parse_map_query(params), role);
            write_table(st->table, path, description);
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        Response r;
        r.route = route;
        r.content_type = type->second;
        r.body = std::make_shared<const std::string>(bytes.str());
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
        return r;
    });
}

Response Api::static_file(const std::string& path) const {
    const std::string route = "static";
    if (m_web_root.empty()) {
        return error_response(404, "no map page is installed", route);
    }
    std::string rel = path == "/" ? "index.html" : path.substr(1);
    // Refuse anything that could leave the root before touching the file system.
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) {
        return error_response(400, "bad path", route);
    }
    const std::vector<std::string> parts = split_segments(rel);
    for (const auto& part : parts) {
        if (part == ".." || part == ".") {
            return error_response(400, "bad path", route);
        }
    }
    // The page's npm packages are built into vendor/; their sources are not served.
    if (!parts.empty() && (parts.front() == "node_modules" || parts.back() == "package.json" ||
                           parts.back() == "package-lock.json")) {
        return error_response(404, "not found: " + path, route);
    }
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(m_web_root, ec);
    const fs::path full = fs::weakly_canonical(root / rel, ec);
    const std::string r = root.string();
    const std::string f = full.string();
    if (ec || f.size() <= r.size() || f.compare(0, r.size(), r) != 0 || f[r.size()] != '/') {
        return error_response(404, "not found: " + path, route);
    }
    std::ifstream in(full, std::ios::binary);
    if (!in || fs::is_directory(full, ec)) {
        return error_response(404, "not found: " + path, route);
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Response out;
    out.route = route;
    out.content_type = content_type_of(f);
    out.body = std::make_shared<const std::string>(bytes.str());
    out.headers.emplace_back("Cache-Control", out.content_type.rfind("text/html", 0) == 0
                                                  ? "no-cache"
                                                  : "public, max-age=3600");
    return out;
}

}  // namespace hotspot::server
