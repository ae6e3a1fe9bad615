// The map service: every endpoint, tiles decoded with GDAL and checked against the command
// line's numbers, and the ways clients misbehave. What is a matter of request and response
// calls Api::handle directly (TestApi); what needs a socket (limits, slow and pipelined
// clients, HEAD, reloads under load, work stopped, shutdown) goes over loopback (TestServer).

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <map>
#include <numbers>
#include <set>
#include <sstream>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "geo/aggregate/area_frame.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/hotspots/kde.hpp"
#include "geo/hotspots/protected_grid.hpp"
#include "geo/utf8.hpp"
#include "service/analysis/patrol_plan.hpp"
#include "service/analysis/snapshot.hpp"
#include "service/http/api.hpp"
#include "service/http/encoding.hpp"
#include "service/http/server.hpp"
#include "support.hpp"
#include "tiles/web_mercator.hpp"

using namespace hotspot;
using namespace hotspot::server;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

namespace {

const std::string kAnalyst = "analyst-token-0123456789";
const std::string kAdmin = "admin-token-0123456789ab";

std::shared_ptr<const Snapshot> sample_snapshot() {
    static const std::shared_ptr<const Snapshot> s = [] {
        detail::gdal_init();
        SnapshotSources src = SnapshotSources::sample(test::data_path(""));
        src.threads = 2;
        src.places = true;
        src.nearrepeat_zones = test::fixture("nearrepeat/chicago_be_month1.zones.csv");
        src.secret = disclosure::Secret{0x0123456789abcdefULL, 0xfedcba9876543210ULL};  // a test's own
        return Snapshot::load(src);
    }();
    return s;
}

/// A server on a free loopback port, answering from the sample.
struct TestServer {
    explicit TestServer(ServerConfig config = default_config(), std::string web_root = {})
        : current(sample_snapshot()),
          api(std::move(config),
              [this] {
                  const std::lock_guard<std::mutex> lock(mutex);
                  return current;
              },
              [this] {
                  auto next = sample_snapshot();  // the same data, swapped in again
                  {
                      const std::lock_guard<std::mutex> lock(mutex);
                      current = next;
                  }
                  ++reloads;
                  return next->version();
              },
              std::move(web_root)),
          server(api, "127.0.0.1", 0, 2, ServerLimits::from(api.config()), nullptr) {
        server.start();
    }
    static ServerConfig default_config() {
        ServerConfig c;
        c.analyst_tokens = {kAnalyst};
        c.admin_token = kAdmin;
        c.read_timeout_seconds = 1;
        c.shutdown_seconds = 2;
        return c;
    }
    std::mutex mutex;
    std::shared_ptr<const Snapshot> current;
    std::atomic<int> reloads{0};
    Api api;
    HttpServer server;
};

/// The API alone, answering from the sample: requests are function calls.
struct TestApi {
    explicit TestApi(ServerConfig config = TestServer::default_config(), std::string web_root = {})
        : api(std::move(config), [] { return sample_snapshot(); },
              [this] {
                  ++reloads;
                  return sample_snapshot()->version();
              },
              std::move(web_root)) {}
    std::atomic<int> reloads{0};
    Api api;
};

/// Where requests go: an Api called directly, or a server's loopback port.
struct Endpoint {
    Endpoint(uint16_t p) : port(p) {}  // NOLINT: a port is an endpoint
    Endpoint(TestApi& t) : api(&t.api) {}  // NOLINT: so is an API
    Api* api = nullptr;
    uint16_t port = 0;
};

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    /// The header of that name, whatever its case ("" when absent).
    [[nodiscard]] std::string header(const std::string& name) const {
        for (const auto& [k, v] : headers) {
            if (k.size() == name.size() &&
                std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                })) {
                return v;
            }
        }
        return {};
    }
};

/// What Api::handle answers, as a client would see it (no socket).
Reply call(Api& api, const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers,
           http::verb method) {
    Request req;
    req.method = std::string(http::to_string(method));
    req.target = target;
    req.remote = "test";
    req.headers.emplace_back("host", "127.0.0.1:8080");
    for (const auto& [k, v] : headers) {
        std::string name = k;
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        req.headers.emplace_back(std::move(name), v);
    }
    const Response res = api.handle(req);
    REQUIRE_FALSE(res.deferred);  // not light_only: everything is answered at once
    Reply r;
    r.status = res.status;
    if (!res.content_type.empty() && res.status != 204 && res.status != 304) {
        r.headers["Content-Type"] = res.content_type;
    }
    for (const auto& [k, v] : res.headers) {
        r.headers.emplace(k, v);
    }
    if (res.status != 204 && res.status != 304 && method != http::verb::head) {
        r.body = *res.body;
    }
    return r;
}

Reply request(const Endpoint& to, const std::string& target,
              const std::vector<std::pair<std::string, std::string>>& headers = {},
              http::verb method = http::verb::get) {
    if (to.api != nullptr) {
        return call(*to.api, target, headers, method);
    }
    const uint16_t port = to.port;
    asio::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req(method, target, 11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [k, v] : headers) {
        req.set(k, v);
    }
    req.prepare_payload();
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    if (method == http::verb::head) {
        parser.skip(true);
    }
    http::read(socket, buffer, parser);
    Reply r;
    r.status = static_cast<int>(parser.get().result_int());
    for (const auto& f : parser.get()) {
        r.headers[std::string(f.name_string())] = std::string(f.value());
    }
    r.body = parser.get().body();
    return r;
}

json get_json(const Endpoint& port, const std::string& target,
              const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    const Reply r = request(port, target, headers);
    INFO(target << " -> " << r.status << " " << r.body.substr(0, 300));
    REQUIRE(r.status == 200);
    return json::parse(r.body);
}

/// A download as GDAL reads it: `target`'s body (which must answer 200) written to `tmp`
/// as `name` and opened.
GDALDatasetUniquePtr open_download(const Endpoint& port, const std::string& target, const test::TempDir& tmp,
                                   const std::string& name,
                                   const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    const Reply r = request(port, target, headers);
    REQUIRE(r.status == 200);
    test::write_file(tmp.path(name), r.body);
    GDALDatasetUniquePtr ds(GDALDataset::Open(tmp.path(name).c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    return ds;
}

/// Sends raw bytes and returns everything the server sends back until it closes.
std::string raw_exchange(uint16_t port, const std::string& bytes) {
    asio::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    asio::write(socket, asio::buffer(bytes));
    std::string out;
    beast::error_code ec;
    char buf[4096];
    for (;;) {
        const size_t n = socket.read_some(asio::buffer(buf), ec);
        out.append(buf, n);
        if (ec) {
            break;
        }
    }
    return out;
}

/// The tile's features keyed by area code (or `key`), read with GDAL's MVT driver; with
/// `clip` false, also those in the buffer past the tile's edges.
std::map<std::string, std::map<std::string, std::string>> decode_tile(const std::string& bytes, int z,
                                                                      int x, int y,
                                                                      const std::string& layer,
                                                                      const std::string& key = "area_code",
                                                                      bool clip = true) {
    test::TempDir tmp;
    const std::string dir = tmp.path(std::to_string(z) + "/" + std::to_string(x));
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/" + std::to_string(y) + ".pbf";
    test::write_file(path, bytes);
    detail::gdal_init();  // the test may not have loaded a snapshot yet
    const char* const no_clip[] = {"CLIP=NO", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR, nullptr, clip ? nullptr : no_clip));
    REQUIRE(ds);
    OGRLayer* l = ds->GetLayerByName(layer.c_str());
    REQUIRE(l != nullptr);
    std::map<std::string, std::map<std::string, std::string>> out;
    for (auto& f : *l) {
        REQUIRE(f->GetGeometryRef() != nullptr);
        CHECK(f->GetGeometryRef()->IsValid());
        std::map<std::string, std::string> fields;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            if (f->IsFieldSetAndNotNull(i)) {
                fields[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
            }
        }
        out[fields[key]] = fields;
    }
    return out;
}

std::map<std::string, std::map<std::string, std::string>> read_csv_by_code(const std::string& path) {
    std::map<std::string, std::map<std::string, std::string>> out;
    detail::gdal_init();  // the test may not have loaded a snapshot yet
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    for (auto& f : *ds->GetLayer(0)) {
        std::map<std::string, std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            row[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
        }
        out[row["area_code"]] = row;
    }
    return out;
}

}  // namespace

TEST_CASE("serve: health, metrics and the catalog", "[server]") {
    TestApi t;
    const Endpoint port(t);
    const json health = get_json(port, "/health");
    CHECK(health["status"] == "ok");
    CHECK(health["version"] == sample_snapshot()->version());
    CHECK(health["areas"]["lsoa"] == 1077);
    CHECK(health["areas"]["ward"] == 304);
    const json cat = get_json(port, "/api/catalog");
    CHECK(cat["layers"].size() == 2);
    CHECK(cat["months"]["first"] == "2018-01");
    CHECK(cat["months"]["last"] == "2018-07");
    CHECK(cat["categories"].size() == 14);
    CHECK(cat["knife"]["categories"][0] == "Possession of weapons");
    CHECK(cat["suppress_below"] == 3);
    CHECK(get_json(port, "/api/catalog", {{"Authorization", "Bearer " + kAnalyst}})["role"] == "analyst");
    request(port, "/tiles/lsoa/10/513/339.mvt");
    request(port, "/tiles/lsoa/10/513/339.mvt");
    const Reply metrics = request(port, "/metrics");
    CHECK(metrics.status == 200);
    CHECK(metrics.body.find("hotspot_http_requests_total{route=\"/tiles/{layer}/{z}/{x}/{y}.mvt\",status=\"200\"} 2") !=
          std::string::npos);
    CHECK(metrics.body.find("hotspot_tile_cache_hits_total 1") != std::string::npos);
    CHECK(metrics.body.find("hotspot_http_request_duration_seconds_bucket{le=\"+Inf\"}") != std::string::npos);
    CHECK(metrics.body.find("hotspot_data_age_seconds") != std::string::npos);
}

TEST_CASE("serve: TileJSON 3.0.0 with absolute URLs and the layer's fields", "[server]") {
    TestApi t;
    const Endpoint port(t);
    const json tj = get_json(port, "/tiles/lsoa.json?categories=burglary");
    CHECK(tj["tilejson"] == "3.0.0");
    CHECK(tj["tiles"][0] == "http://127.0.0.1:8080/tiles/lsoa/{z}/{x}/{y}.mvt?categories=burglary");
    CHECK(tj["vector_layers"][0]["id"] == "lsoa");
    CHECK(tj["vector_layers"][0]["fields"].contains("gi_z"));
    CHECK(tj["bounds"][0].get<double>() == Approx(-0.0198).margin(0.001));
    CHECK(get_json(port, "/tiles/density.json")["tiles"][0].get<std::string>().find(".png") != std::string::npos);
    CHECK(request(port, "/tiles/nothing.json").status == 404);
}

TEST_CASE("serve: vector tiles carry the command line's numbers, feature by feature", "[server]") {
    TestApi t;
    const Endpoint port(t);
    test::TempDir tmp;
    std::vector<std::string> args{"hotspots", "--method", "lisa", "-q", "--areas",
                                  test::data_path("areas/essex-lsoa2011.gpkg"), "--out",
                                  tmp.path("gi.csv"), "--incidents"};
    for (const auto& f : test::essex_crime_files()) {
        args.push_back(f);
    }
    args.insert(args.begin(), test::hotspot_exe());
    REQUIRE(test::run(args).exit_code == 0);
    const auto cli = read_csv_by_code(tmp.path("gi.csv"));
    REQUIRE(test::run({test::hotspot_exe(), "classify", "-q", "--out", tmp.path("eng.csv")}).exit_code == 0);
    const auto eng = read_csv_by_code(tmp.path("eng.csv"));
    // Analysts see every count; zoom 7 holds all of Essex in two tiles.
    size_t seen = 0;
    for (const int x : {63, 64}) {
        const Reply r = request(port, "/tiles/lsoa/7/" + std::to_string(x) + "/42.mvt",
                                {{"Authorization", "Bearer " + kAnalyst}});
        REQUIRE(r.status == 200);
        CHECK(r.header("Content-Type") == "application/vnd.mapbox-vector-tile");
        CHECK(r.body.size() < 500000);
        for (const auto& [code, f] : decode_tile(r.body, 7, x, 42, "lsoa")) {
            REQUIRE(cli.count(code) == 1);
            const auto& c = cli.at(code);
            CHECK(f.at("count") == c.at("count"));
            CHECK(std::stod(f.at("gi_z")) == Approx(std::stod(c.at("gi_z"))).margin(1e-6));
            CHECK(f.at("gi_bin") == c.at("gi_bin"));
            CHECK(f.at("lisa_clust") == c.at("lisa_clust"));
            const auto& e = eng.at(code);  // the engagement classification, as classify made it
            CHECK(f.at("class_name") == e.at("class_name"));
            CHECK(f.at("engagement") == e.at("engagement"));
            for (const char* d : {"belonging", "diversity", "fear", "satisfaction", "participation"}) {
                CHECK(std::stod(f.at(d)) == Approx(std::stod(e.at(d))).margin(1e-9));
            }
            ++seen;
        }
    }
    CHECK(seen >= 1077);  // areas on both tiles appear twice
    // The public sees small counts hidden.
    const Reply pub = request(port, "/tiles/lsoa/10/513/339.mvt");
    REQUIRE(pub.status == 200);
    size_t hidden = 0;
    for (const auto& [code, f] : decode_tile(pub.body, 10, 513, 339, "lsoa")) {
        if (f.count("count") == 0) {
            CHECK(f.at("suppressed") == "1");
            ++hidden;
        } else {
            CHECK(std::stoi(f.at("count")) >= 3);
        }
    }
    (void)hidden;
    // Wards, and a filter.
    const Reply ward = request(port, "/tiles/ward/9/256/169.mvt?categories=burglary&from=2018-05");
    CHECK(ward.status == 200);
    CHECK(!decode_tile(ward.body, 9, 256, 169, "ward").empty());
}

TEST_CASE("serve: empty tiles, bad tiles and bad filters", "[server]") {
    TestApi t;
    const Endpoint port(t);
    CHECK(request(port, "/tiles/lsoa/10/0/0.mvt").status == 204);
    CHECK(request(port, "/tiles/density/10/0/0.png").status == 204);
    for (const std::string bad : {"/tiles/lsoa/30/0/0.mvt", "/tiles/lsoa/3/8/0.mvt", "/tiles/lsoa/3/-1/0.mvt",
                                  "/tiles/lsoa/a/b/c.mvt", "/tiles/density/1/2/9.png"}) {
        const Reply r = request(port, bad);
        INFO(bad);
        CHECK(r.status == 400);
        CHECK(json::parse(r.body).contains("error"));
    }
    const Reply cat = request(port, "/tiles/lsoa/10/513/339.mvt?categories=unicorns");
    CHECK(cat.status == 400);
    CHECK(json::parse(cat.body)["error"].get<std::string>().find("unicorns") != std::string::npos);
    CHECK(request(port, "/tiles/lsoa/10/513/339.mvt?from=2018-13").status == 400);
    CHECK(request(port, "/tiles/lsoa/10/513/339.mvt?value=rate").status == 200);
    CHECK(request(port, "/tiles/lsoa/10/513/339.mvt?window=0").status == 400);
    CHECK(request(port, "/tiles/rivers/10/513/339.mvt").status == 404);
    CHECK(request(port, "/api/nothing").status == 404);
}

TEST_CASE("serve: density tiles are PNGs, with a legend", "[server]") {
    TestApi t;
    const Endpoint port(t);
    const Reply r = request(port, "/tiles/density/9/256/169.png");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "image/png");
    VSILFILE* f = VSIFileFromMemBuffer("/vsimem/tile.png",
                                       reinterpret_cast<GByte*>(const_cast<char*>(r.body.data())),
                                       r.body.size(), FALSE);
    VSIFCloseL(f);
    GDALDatasetUniquePtr ds(GDALDataset::Open("/vsimem/tile.png", GDAL_OF_RASTER));
    REQUIRE(ds);
    CHECK(ds->GetRasterXSize() == 256);
    CHECK(ds->GetRasterCount() == 4);
    ds.reset();
    VSIUnlink("/vsimem/tile.png");
    const json legend = get_json(port, "/api/density?categories=burglary&bandwidth=500");
    CHECK(legend["units"] == "incidents per km2");
    CHECK(legend["bandwidth_metres"] == 500.0);
    CHECK(legend["ramp"].size() == 6);
    CHECK(legend["ramp"][5]["colour"] == "#bd0026");
    CHECK(request(port, "/api/density?bandwidth=1").status == 400);
    const Reply knife = request(port, "/tiles/density/9/256/169.png?knife=1");
    CHECK((knife.status == 200 || knife.status == 204));
}

TEST_CASE("serve: area profiles, the hot spot list and downloads", "[server]") {
    TestApi t;
    const Endpoint port(t);
    const std::vector<std::pair<std::string, std::string>> analyst{{"Authorization", "Bearer " + kAnalyst}};
    const json p = get_json(port, "/api/areas/lsoa/E01015852", analyst);
    CHECK(p["area_name"] == "Southend-on-Sea 015B");
    int64_t sum = 0;
    for (const auto& v : p["monthly_total"]) {
        sum += v.get<int64_t>();
    }
    CHECK(sum == p["summary"]["count"].get<int64_t>());
    CHECK(p["months"].size() == 7);
    CHECK(p["summary"]["gi_bin"] == 3);
    CHECK(p["top_categories"].size() == 5);
    CHECK(request(port, "/api/areas/lsoa/E99999999").status == 404);
    CHECK(request(port, "/api/areas/county/E01015852").status == 404);

    const json hs = get_json(port, "/api/hotspots?layer=lsoa&limit=10");
    REQUIRE(hs["areas"].size() == 10);
    CHECK(hs["areas"][0]["area_code"] == "E01015852");
    for (size_t i = 1; i < 10; ++i) {
        CHECK(hs["areas"][i - 1]["gi_z"].get<double>() >= hs["areas"][i]["gi_z"].get<double>());
    }
    CHECK(request(port, "/api/hotspots?limit=0").status == 400);

    test::TempDir tmp;
    for (const std::string format : {"gpkg", "shp.zip", "geojson", "csv"}) {
        const Reply r = request(port, "/export/ward." + format + "?categories=burglary");
        REQUIRE(r.status == 200);
        CHECK(r.header("Content-Disposition") == "attachment; filename=\"hotspot-ward-public." + format + "\"");
        const std::string path = tmp.path("download." + format);
        test::write_file(path, r.body);
        const std::string open = format == "shp.zip" ? "/vsizip/" + path : path;
        GDALDatasetUniquePtr ds(GDALDataset::Open(open.c_str(), GDAL_OF_VECTOR));
        INFO(format);
        REQUIRE(ds);
        CHECK(ds->GetLayer(0)->GetFeatureCount() == 304);
        // The file says which view it is where its format has room for it.
        if (format == "gpkg" || format == "geojson") {
            const char* description = ds->GetLayer(0)->GetMetadataItem("DESCRIPTION");
            REQUIRE(description != nullptr);
            CHECK(std::string(description).rfind("hotspot, public view: Public counts are moved by up to 2", 0) == 0);
        }
    }
    const Reply analysts = request(port, "/export/ward.gpkg", {{"Authorization", "Bearer " + kAnalyst}});
    CHECK(analysts.header("Content-Disposition") == "attachment; filename=\"hotspot-ward-analyst.gpkg\"");
    test::write_file(tmp.path("analyst.gpkg"), analysts.body);
    GDALDatasetUniquePtr analysts_file(GDALDataset::Open(tmp.path("analyst.gpkg").c_str(), GDAL_OF_VECTOR));
    REQUIRE(analysts_file);
    CHECK(std::string(analysts_file->GetLayer(0)->GetMetadataItem("DESCRIPTION")).find("analyst view") != std::string::npos);
    CHECK(request(port, "/export/ward.xlsx").status == 404);
}

TEST_CASE("serve: a patrol plan as GeoJSON, a briefing and downloads", "[server][patrol]") {
    TestApi t;
    const Endpoint port(t);
    // The command line's default plan for 4 officer hours: nine places a day over 7 days.
    const json plan = get_json(port, "/api/patrol?officer_hours=4");
    REQUIRE(plan["type"] == "FeatureCollection");
    const json& places = plan["features"];
    REQUIRE(places.size() == 9);
    CHECK(plan["places_per_day"] == 9);
    CHECK(plan["minutes_used"].get<double>() <= plan["minutes_available"].get<double>());
    CHECK(plan["minutes_available"].get<double>() == 240);
    CHECK(plan["harm_share"].get<double>() > 0);
    CHECK(plan["area_share"].get<double>() > 0);
    CHECK(plan["area_share"].get<double>() < 0.01);
    std::set<int64_t> ids;
    for (size_t i = 0; i < places.size(); ++i) {
        const json& f = places[i];
        INFO("place " << i);
        CHECK(f["geometry"]["type"] == "Polygon");
        const json& p = f["properties"];
        ids.insert(p["place_id"].get<int64_t>());
        CHECK(p["longitude"].get<double>() > 0.0);  // Essex: east of Greenwich
        CHECK(p["longitude"].get<double>() < 1.4);
        CHECK(p["latitude"].get<double>() > 51.4);
        CHECK(p["latitude"].get<double>() < 52.1);
        CHECK(p["visits_day"] == 1);
        CHECK(p["minutes_day"].get<double>() == 15);
        CHECK(p["days"] == 7);
        CHECK(p["code"].get<std::string>().rfind("E01", 0) == 0);
        if (i > 0) {
            CHECK(places[i - 1]["properties"]["harm"].get<double>() >= p["harm"].get<double>());
        }
    }
    REQUIRE(plan["schedule"].size() == 9 * 7);
    for (const auto& v : plan["schedule"]) {
        CHECK(ids.count(v["place_id"].get<int64_t>()) == 1);
    }
    // The same options, the same plan; another seed, another order of visits.
    const json again = get_json(port, "/api/patrol?officer_hours=4");
    CHECK(again["schedule"] == plan["schedule"]);
    CHECK(get_json(port, "/api/patrol?officer_hours_week=28")["features"] == plan["features"]);
    const json burglary = get_json(port, "/api/patrol?officer_hours=4&categories=burglary");
    CHECK(burglary["crime"] == "burglary");
    CHECK(burglary["features"] != plan["features"]);
    const json reseeded = get_json(port, "/api/patrol?officer_hours=4&seed=99");
    CHECK(reseeded["schedule"] != plan["schedule"]);

    // Three beats, each with its page in the briefing; an experiment leaves controls.
    const json teams = get_json(port, "/api/patrol?officer_hours=4&teams=3");
    CHECK(teams["teams"] == 3);
    std::set<int> beats;
    for (const auto& f : teams["features"]) {
        beats.insert(f["properties"]["team"].get<int>());
    }
    CHECK(beats == std::set<int>{1, 2, 3});
    const Reply briefing = request(port, "/api/patrol/briefing?officer_hours=4&teams=3");
    REQUIRE(briefing.status == 200);
    CHECK(briefing.header("Content-Type").rfind("text/html", 0) == 0);
    size_t pages = 0;
    for (size_t at = briefing.body.find("<section class=\"team\""); at != std::string::npos;
         at = briefing.body.find("<section class=\"team\"", at + 1)) {
        ++pages;
    }
    CHECK(pages == 3);
    const json pairs = get_json(port, "/api/patrol?officer_hours=4&experiment=pairs");
    REQUIRE(pairs["features"].size() == 18);
    int controls = 0;
    for (const auto& f : pairs["features"]) {
        controls += f["properties"]["group"] == "control" ? 1 : 0;
        CHECK((f["properties"]["team"] == 0) == (f["properties"]["group"] == "control"));
    }
    CHECK(controls == 9);
    // Wards as units.
    const json wards = get_json(port, "/api/patrol?officer_hours=4&unit=ward");
    REQUIRE(!wards["features"].empty());
    for (const auto& f : wards["features"]) {
        CHECK(f["properties"]["code"].get<std::string>().rfind("E05", 0) == 0);
        CHECK(f["geometry"]["type"].get<std::string>().find("Polygon") != std::string::npos);
    }

    // Downloads of the plan and its schedule open in GDAL.
    test::TempDir tmp;
    for (const std::string format : {"gpkg", "shp.zip", "geojson", "csv"}) {
        const Reply r = request(port, "/export/patrol." + format + "?officer_hours=4");
        REQUIRE(r.status == 200);
        CHECK(r.header("Content-Disposition") == "attachment; filename=\"hotspot-patrol-public." + format + "\"");
        const std::string path = tmp.path("patrol." + format);
        test::write_file(path, r.body);
        const std::string open = format == "shp.zip" ? "/vsizip/" + path : path;
        GDALDatasetUniquePtr ds(GDALDataset::Open(open.c_str(), GDAL_OF_VECTOR));
        INFO(format);
        REQUIRE(ds);
        OGRLayer* layer = ds->GetLayer(0);
        CHECK(layer->GetFeatureCount() == 9);
        // Shapefile fields have ten-character names, so the short name there.
        CHECK(layer->GetLayerDefn()->GetFieldIndex(format == "shp.zip" ? "minutes" : "minutes_day") >= 0);
        if (format != "csv") {
            layer->ResetReading();
            const OGRFeatureUniquePtr f(layer->GetNextFeature());
            REQUIRE(f);
            REQUIRE(f->GetGeometryRef() != nullptr);
            const OGRwkbGeometryType type = wkbFlatten(f->GetGeometryRef()->getGeometryType());
            CHECK((type == wkbPolygon || type == wkbMultiPolygon));
        }
    }
    const Reply schedule = request(port, "/export/patrol_schedule.csv?officer_hours=4");
    REQUIRE(schedule.status == 200);
    CHECK(std::count(schedule.body.begin(), schedule.body.end(), '\n') == 1 + 9 * 7);

    // Bad options are a 400 that names them.
    for (const std::string bad : {"officer_hours=abc", "officer_hours=0.2", "unit=beat", "window=22:00",
                                  "teams=0", "experiment=coin", "visits_per_day=1.5", "months=0",
                                  "officer_hours=4&officer_hours_week=28", "categories=arson",
                                  "knife=1&categories=burglary"}) {
        const Reply r = request(port, "/api/patrol?" + bad);
        INFO(bad << " -> " << r.body);
        CHECK(r.status == 400);
        CHECK(r.header("Content-Type") == "application/json");
        const std::string name = bad.substr(0, bad.find('='));
        CHECK((r.body.find(name) != std::string::npos || r.body.find("officer hours allow") != std::string::npos));
    }
    CHECK(request(port, "/export/patrol.csv?unit=beat").status == 400);
}

TEST_CASE("serve: the backtest of every method, its chart and its table", "[server][evaluate]") {
    TestApi t;
    const Endpoint port(t);
    const std::vector<std::pair<std::string, std::string>> analyst{{"Authorization", "Bearer " + kAnalyst}};
    // The backtest scores incident points from true counts: analysts only.
    for (const std::string path : {"/api/evaluate", "/api/evaluate/chart.svg", "/export/evaluation.csv"}) {
        CHECK(request(port, path).status == 403);
    }
    const json e = get_json(port, "/api/evaluate", analyst);
    const json& rows = e["rows"];
    REQUIRE(rows.size() == 32);  // 8 methods x 2 shares x 2 crime sets
    for (const auto& r : rows) {
        INFO(r.dump());
        // PAI divides by the share the flagged cells really cover, within a cell of the one asked.
        CHECK(r["pai"].get<double>() ==
              Approx(r["hit_rate"].get<double>() / r["area_share"].get<double>()).epsilon(0.01));
        CHECK(r["hit_rate"].get<double>() >= 0);
        CHECK(r["hit_rate"].get<double>() <= 1);
        CHECK(r["origins"] == 4);
    }
    CHECK(e["verdicts"]["all crime"].get<std::string>().rfind("Best at 1.0 % of the area: ", 0) == 0);
    CHECK(e["verdicts"]["knife crime"].is_string());
    const Reply chart = request(port, "/api/evaluate/chart.svg", analyst);
    REQUIRE(chart.status == 200);
    CHECK(chart.header("Content-Type") == "image/svg+xml");
    CHECK(chart.body.find("data-crime-set=\"knife crime\"") != std::string::npos);
    const Reply csv = request(port, "/export/evaluation.csv", analyst);
    REQUIRE(csv.status == 200);
    CHECK(std::count(csv.body.begin(), csv.body.end(), '\n') == 33);
    CHECK(csv.body.rfind("method,area_share,crime_set,hit_rate,pai,pei_star,rri,", 0) == 0);
    // Other windows and shares; and options the months cannot give.
    const json two = get_json(port, "/api/evaluate?train_months=2&shares=0.02", analyst);
    CHECK(two["rows"].size() == 16);
    CHECK(two["rows"][0]["origins"] == 5);
    for (const std::string bad : {"train_months=0", "train_months=7", "shares=2", "shares=0.01,x", "horizon=1.5"}) {
        const Reply r = request(port, "/api/evaluate?" + bad, analyst);
        INFO(bad << " -> " << r.body);
        CHECK(r.status == 400);
    }
}

TEST_CASE("serve: the places with most incidents, in an area or everywhere, for analysts", "[server][places]") {
    TestApi t;
    const Endpoint port(t);
    const std::vector<std::pair<std::string, std::string>> analyst{{"Authorization", "Bearer " + kAnalyst}};
    // A place is an incident's location: not for the public.
    CHECK(request(port, "/api/places").status == 403);
    const json all = get_json(port, "/api/places?limit=3", analyst);
    REQUIRE(all["places"].size() == 3);
    const json& top = all["places"][0];
    CHECK(top["location"] == "On or near Airport/Airfield");
    CHECK(top["flag"] == "airport");
    CHECK(top["count"] == 1027);
    CHECK(top["position"] == 1);
    CHECK(top["ward_name"] == "Takeley and the Canfields");
    CHECK(all["total"]["incidents"] == 114746);  // as hotspot places counts them
    CHECK(all["total"]["flagged_incidents"] == 3318);
    CHECK(all["total"]["places"] == 17025);
    // One ward's places, and a filter: the command line's numbers.
    const json ward = get_json(port, "/api/places?layer=ward&area=E05004107&limit=500", analyst);
    CHECK(ward["area"] == "E05004107");
    int64_t sum = 0;
    for (const auto& p : ward["places"]) {
        CHECK(p["ward_code"] == "E05004107");
        sum += p["count"].get<int64_t>();
    }
    CHECK(sum == ward["total"]["incidents"].get<int64_t>());
    CHECK(ward["places"][0]["location"] == "On or near Shopping Area");
    CHECK(ward["places"][0]["count"] == 209);
    CHECK(ward["places"][1]["location"] == "On or near Chelmsford Police Station");
    CHECK(ward["places"][1]["flag"] == "police_station");
    // How concentrated the ward's crime is on its places, and its streets, most first.
    CHECK(ward["concentration"]["places_holding_half"] == 15);
    CHECK(ward["concentration"]["top_1_percent_share"].get<double>() == Approx(0.1548).margin(1e-4));
    REQUIRE(ward["streets"].size() == 10);
    CHECK(ward["streets"][0]["street"] == "High Street Chelmsford");
    CHECK(ward["streets"][0]["count"] == 92);
    CHECK(ward["streets"][1]["street"] == "Duke Street");
    CHECK(ward["streets"][1]["places"] == 4);
    CHECK(all["streets"].is_null());  // streets are ranked within a ward
    const json weapons = get_json(port, "/api/places?categories=weapons&limit=1", analyst);
    CHECK(weapons["places"][0]["count"] == 440);
    CHECK(weapons["total"]["incidents"] == 1308);
    for (const std::string bad : {"limit=0", "limit=x", "layer=county", "categories=jaywalking", "from=2018-13"}) {
        const Reply r = request(port, "/api/places?" + bad, analyst);
        INFO(bad << " -> " << r.body);
        CHECK(r.status == 400);
    }
    CHECK(request(port, "/api/places?layer=ward&area=E01015852", analyst).status == 404);
    // Long multi-byte values are cut on a character, never inside one.
    std::string long_area;
    for (int i = 0; i < 40; ++i) {
        long_area += "%C3%A9";  // é
    }
    const Reply cut = request(port, "/api/places?layer=ward&area=x" + long_area, analyst);
    CHECK(cut.status == 404);
    CHECK(json::parse(cut.body)["error"].get<std::string>().find("no such area") != std::string::npos);
    CHECK(request(port, "/api/places?limit=9" + long_area, analyst).status == 400);
    CHECK(request(port, "/api/places?layer=" + long_area, analyst).status == 400);

    // The area profile lists its top places for analysts, and none for the public.
    const json profile = get_json(port, "/api/areas/ward/E05004107", analyst);
    REQUIRE(profile["top_places"].size() == 5);
    CHECK(profile["top_places"][0]["location"] == "On or near Shopping Area");
    CHECK(profile["top_places"][0]["count"] == 209);
    CHECK(profile["top_places"][1]["flag"] == "police_station");
    CHECK_FALSE(get_json(port, "/api/areas/ward/E05004107").contains("top_places"));
    REQUIRE(profile["top_streets"].size() == 5);
    CHECK(profile["top_streets"][0]["street"] == "High Street Chelmsford");
    CHECK(profile["top_streets"][0]["share"].get<double>() == Approx(92.0 / ward["total"]["incidents"].get<double>()));
    CHECK_FALSE(get_json(port, "/api/areas/ward/E05004107").contains("top_streets"));
    CHECK_FALSE(get_json(port, "/api/areas/lsoa/E01022090", analyst).contains("top_streets"));
    const json lsoa = get_json(port, "/api/areas/lsoa/E01022090?categories=weapons", analyst);
    CHECK(lsoa["top_places"][0]["flag"] == "airport");
    CHECK(lsoa["top_places"][0]["count"] == 440);

    // And as downloads for a GIS, analysts only.
    CHECK(request(port, "/export/places.csv").status == 403);
    const Reply csv = request(port, "/export/places.csv?categories=weapons", analyst);
    REQUIRE(csv.status == 200);
    CHECK(csv.body.rfind("place_id,location,street,area_code,area_name,ward_code,ward_name,count,harm,flag,", 0) == 0);
    CHECK(std::count(csv.body.begin(), csv.body.end(), '\n') == 1 + weapons["total"]["places"].get<int64_t>());
    const Reply gpkg = request(port, "/export/places.gpkg", analyst);
    REQUIRE(gpkg.status == 200);
    CHECK(gpkg.header("Content-Disposition") == "attachment; filename=\"hotspot-places-analyst.gpkg\"");

    // On the map: points in tiles, analysts only; a low zoom keeps each tile's busiest places.
    CHECK(request(port, "/tiles/places/8/128/85.mvt").status == 403);
    CHECK(get_json(port, "/api/catalog")["places"].is_null());
    CHECK(get_json(port, "/api/catalog", analyst)["places"]["tilejson"] == "/tiles/places.json");
    CHECK(get_json(port, "/tiles/places.json", analyst)["vector_layers"][0]["id"] == "places");
    const json more = get_json(port, "/api/places?limit=10000", analyst);
    const tiles::TileId z8 = tiles::tile_at(top["longitude"].get<double>(), top["latitude"].get<double>(), 8);
    bool any_thinned = false;
    for (const tiles::TileId tile : {z8, tiles::TileId{8, 128, 85}}) {
        const Reply low = request(port, "/tiles/places/8/" + std::to_string(tile.x) + "/" + std::to_string(tile.y) +
                                            ".mvt", analyst);
        REQUIRE(low.status == 200);
        // Places a little past the edges come too, so that no circle is cut in half.
        const auto kept = decode_tile(low.body, 8, tile.x, tile.y, "places", "place_id", false);
        CHECK(kept.size() <= Api::kPlacesPerTile);
        const bool thinned = kept.size() == Api::kPlacesPerTile;
        any_thinned = any_thinned || thinned;
        int64_t least = INT64_MAX;
        for (const auto& [id, f] : kept) {
            least = std::min<int64_t>(least, std::stoll(f.at("count")));
        }
        // Every place inside the tile is kept, or when it is thinned, every place busier
        // than the least kept.
        for (const auto& p : more["places"]) {
            const tiles::TileId in = tiles::tile_at(p["longitude"].get<double>(), p["latitude"].get<double>(), 8);
            if (in.x == tile.x && in.y == tile.y && (!thinned || p["count"].get<int64_t>() > least)) {
                CHECK(kept.count(p["place_id"].dump()) == 1);
            }
        }
        if (tile.x == z8.x && tile.y == z8.y) {
            CHECK(kept.at(top["place_id"].dump()).at("flag") == "airport");
        }
    }
    CHECK(any_thinned);
    const tiles::TileId at = tiles::tile_at(top["longitude"].get<double>(), top["latitude"].get<double>(), 14);
    const std::string path = "/tiles/places/14/" + std::to_string(at.x) + "/" + std::to_string(at.y) + ".mvt";
    const auto near = decode_tile(request(port, path + "?categories=weapons", analyst).body, 14, at.x, at.y, "places",
                                  "place_id");
    const auto& airport = near.at(top["place_id"].dump());
    CHECK(airport.at("location") == "On or near Airport/Airfield");
    CHECK(airport.at("count") == "440");
    CHECK(airport.at("ward_name") == "Takeley and the Canfields");
    CHECK(request(port, "/tiles/places/14/0/0.mvt", analyst).status == 204);
    CHECK(request(port, "/tiles/places/30/0/0.mvt", analyst).status == 400);
    CHECK(request(port, "/tiles/places/14/8203/5442.mvt?categories=unicorns", analyst).status == 400);
}

TEST_CASE("serve: the near-repeat zones as circles, for analysts", "[server][nearrepeat]") {
    TestApi t;
    const Endpoint port(t);
    const std::vector<std::pair<std::string, std::string>> analyst{{"Authorization", "Bearer " + kAnalyst}};
    // Zones are drawn around incidents: not for the public, who are not told of them.
    CHECK(request(port, "/api/nearrepeat/zones").status == 403);
    CHECK(get_json(port, "/api/catalog")["nearrepeat"].is_null());
    const json cat = get_json(port, "/api/catalog", analyst)["nearrepeat"];
    CHECK(cat["count"] == 234);
    CHECK(cat["today"] == "2016-01-31");
    const json z = get_json(port, "/api/nearrepeat/zones", analyst);
    CHECK(z["type"] == "FeatureCollection");
    CHECK(z["source"] == "chicago_be_month1.zones.csv");  // never the server's path
    CHECK(z["today"] == "2016-01-31");
    REQUIRE(z["features"].size() == 234);
    const json& f = z["features"][0];
    CHECK(f["properties"]["date"] == "2016-01-31");
    CHECK(f["properties"]["until"] == "2016-02-06");
    CHECK(f["properties"]["days_left"] == 6);
    CHECK(f["properties"]["event_line"] == 942);
    // A closed ring whose every corner lies 200 m from the event (haversine, within 0.5 %).
    const json& ring = f["geometry"]["coordinates"][0];
    REQUIRE(ring.size() == 33);
    CHECK(ring.front() == ring.back());
    const double lon0 = f["properties"]["longitude"].get<double>() * std::numbers::pi / 180;
    const double lat0 = f["properties"]["latitude"].get<double>() * std::numbers::pi / 180;
    for (const auto& p : ring) {
        const double lon = p[0].get<double>() * std::numbers::pi / 180;
        const double lat = p[1].get<double>() * std::numbers::pi / 180;
        const double h = std::pow(std::sin((lat - lat0) / 2), 2) +
                         std::cos(lat0) * std::cos(lat) * std::pow(std::sin((lon - lon0) / 2), 2);
        CHECK(2 * 6'371'008.8 * std::asin(std::sqrt(h)) == Approx(200).epsilon(0.005));
    }
}

TEST_CASE("serve: a public patrol plan holds no place with a small count, and no disc", "[server][patrol]") {
    {
        // Where no place reaches the threshold there is no public plan.
        ServerConfig config = TestServer::default_config();
        config.suppress_below = 100000;
        TestApi t(config);
        const Reply r = request(Endpoint(t), "/api/patrol?officer_hours=2");
        CHECK(r.status == 400);
        CHECK(r.body.find("no place holds 100000 or more incidents") != std::string::npos);
        CHECK(request(Endpoint(t), "/api/patrol?officer_hours=2&unit=lsoa").status == 400);
        CHECK(get_json(Endpoint(t), "/api/patrol?officer_hours=2", {{"Authorization", "Bearer " + kAnalyst}})["features"]
                  .size() > 0);
    }
    TestApi t;
    const Endpoint port(t);
    // Every place of a public plan shows its counts: candidates below the threshold are
    // left out, so a plan asked for one place more adds a number the map shows anyway.
    for (const std::string unit : {"place", "lsoa", "ward"}) {
        const json plan = get_json(port, "/api/patrol?officer_hours=400&visits_per_day=1&unit=" + unit);
        INFO(unit);
        REQUIRE(plan["features"].size() > 20);
        for (const json& f : plan["features"]) {
            REQUIRE(f["properties"]["incidents"].is_number());
            CHECK(f["properties"]["incidents"].get<int64_t>() >= 3);
            CHECK(f["properties"]["harm"].is_number());
        }
    }
    const json pub = get_json(port, "/api/patrol?officer_hours=2");
    const json full = get_json(port, "/api/patrol?officer_hours=2", {{"Authorization", "Bearer " + kAnalyst}});
    test::TempDir tmp;
    const GDALDatasetUniquePtr ds = open_download(port, "/export/patrol.csv?officer_hours=2", tmp, "p.csv");
    for (auto& f : *ds->GetLayer(0)) {
        // A place is a 250 m square of the public grid: its centre, no disc.
        for (const char* axis : {"x", "y"}) {
            const double v = f->GetFieldAsDouble(axis);
            CHECK(std::fmod(v - kPublicPlaceCell / 2, kPublicPlaceCell) == Approx(0).margin(1e-6));
        }
    }
    // Nor does the GeoJSON give a disc or its centre: the squares, 250 m across.
    for (size_t i = 0; i < pub["features"].size(); ++i) {
        const json& g = pub["features"][i]["geometry"];
        CHECK(g["type"] == "Polygon");
        CHECK(g["coordinates"][0].size() == 5);
        if (i < full["features"].size()) {
            CHECK(pub["features"][i]["properties"]["longitude"] != full["features"][i]["properties"]["longitude"]);
        }
    }
    const Reply brief = request(port, "/api/patrol/briefing?officer_hours=2");
    REQUIRE(brief.status == 200);
    CHECK(brief.body.find("&lt;3") == std::string::npos);  // no place's count is hidden
}

TEST_CASE("serve: the legend's classes are quantiles of the downloaded numbers", "[server]") {
    TestApi t;
    const Endpoint port(t);
    const std::vector<std::pair<std::string, std::string>> analyst{{"Authorization", "Bearer " + kAnalyst}};
    // Counts of all crime, read back from the CSV download of the same filter.
    test::TempDir tmp;
    const GDALDatasetUniquePtr ds = open_download(port, "/export/lsoa.csv", tmp, "lsoa.csv", analyst);
    std::vector<double> counts;
    for (const auto& f : ds->GetLayer(0)) {
        counts.push_back(f->GetFieldAsDouble("count"));
    }
    REQUIRE(counts.size() == 1077);
    std::sort(counts.begin(), counts.end());
    const json legend = get_json(port, "/api/legend/lsoa?field=count", analyst);
    CHECK(legend["method"].get<std::string>().rfind("quintiles", 0) == 0);
    CHECK(legend["min"].get<double>() == counts.front());
    CHECK(legend["max"].get<double>() == counts.back());
    REQUIRE(legend["breaks"].size() == 4);
    for (size_t k = 0; k < 4; ++k) {
        // R's quantile(type = 7), rounded up to a whole count.
        const double h = (static_cast<double>(counts.size()) - 1) * 0.2 * static_cast<double>(k + 1);
        const auto lo = static_cast<size_t>(h);
        const double q = counts[lo] + (h - static_cast<double>(lo)) * (counts[lo + 1] - counts[lo]);
        CHECK(legend["breaks"][k].get<double>() == std::ceil(q));
    }
    // Sparse knife crime: no crime is a class of its own; the public do not see small counts.
    const json knife = get_json(port, "/api/legend/lsoa?field=count&knife=1");
    CHECK(knife["method"].get<std::string>().rfind("none", 0) == 0);
    CHECK(knife["suppressed"].get<int64_t>() > 0);
    CHECK(knife["areas"].get<int64_t>() + knife["suppressed"].get<int64_t>() + knife["empty"].get<int64_t>() == 1077);
    // Change: diverging classes around no change.
    const json change = get_json(port, "/api/legend/lsoa?field=change");
    REQUIRE(change["breaks"].size() == 4);
    CHECK(change["breaks"][1] == 0.0);
    CHECK(change["breaks"][2] == 1.0);
    CHECK(change["breaks"][3].get<double>() == 1 - change["breaks"][0].get<double>());
    CHECK(request(port, "/api/legend/lsoa?field=area_name").status == 400);
    CHECK(request(port, "/api/legend/county").status == 404);
    // The profile says where the area is, for the page to zoom to it.
    const json p = get_json(port, "/api/areas/lsoa/E01015852");
    REQUIRE(p["bbox"].size() == 4);
    CHECK(p["bbox"][0].get<double>() > 0.6);  // Southend-on-Sea, east of Greenwich
    CHECK(p["bbox"][0].get<double>() < p["bbox"][2].get<double>());
    CHECK(p["bbox"][1].get<double>() > 51.5);
    CHECK(p["bbox"][3].get<double>() < 51.6);
    CHECK(p["feature_id"].get<int64_t>() >= 1);
    // The engagement classification of the LSOAs, from the sample (synthetic) survey.
    const json cat = get_json(port, "/api/catalog");
    REQUIRE(cat["engagement"].is_object());
    CHECK(cat["engagement"]["synthetic"] == true);
    CHECK(cat["engagement"]["classes"].size() >= 2);
    CHECK(p["summary"]["class_code"].get<std::string>().rfind("C", 0) == 0);
    CHECK((p["summary"]["engagement"] == "rich" || p["summary"]["engagement"] == "poor"));
    CHECK(p["summary"]["belonging"].get<double>() > 0);
    CHECK(get_json(port, "/api/areas/ward/" + get_json(port, "/api/hotspots?layer=ward&limit=1")["areas"][0]["area_code"].get<std::string>())["summary"].count("class_code") == 0);
}

TEST_CASE("serve: ETags, gzip, CORS and HEAD", "[server]") {
    TestServer t;
    const uint16_t port = t.server.port();
    const std::string tile = "/tiles/lsoa/10/513/339.mvt";
    const Reply plain = request(port, tile);
    REQUIRE(plain.status == 200);
    const std::string etag = plain.header("ETag");
    CHECK(etag.size() > 2);
    CHECK(plain.header("Cache-Control") == "public, max-age=300");
    CHECK(plain.header("Access-Control-Allow-Origin") == "*");
    CHECK(request(port, tile, {{"If-None-Match", etag}}).status == 304);
    const Reply zipped = request(port, tile, {{"Accept-Encoding", "gzip, deflate"}});
    CHECK(zipped.header("Content-Encoding") == "gzip");
    CHECK(zipped.body.size() < plain.body.size());
    CHECK(gunzip(zipped.body) == plain.body);
    CHECK(zipped.header("ETag") != etag);
    CHECK(request(port, tile, {{"Accept-Encoding", "gzip;q=0"}}).headers.count("Content-Encoding") == 0);
    const Reply head = request(port, tile, {}, http::verb::head);
    CHECK(head.status == 200);
    CHECK(head.header("Content-Length") == std::to_string(plain.body.size()));
    CHECK(request(port, "/api/catalog", {}, http::verb::options).status == 204);
    CHECK(request(port, "/api/catalog", {}, http::verb::delete_).status == 405);
}

TEST_CASE("serve: tokens decide who sees what, and who reloads", "[server]") {
    TestApi t;
    const Endpoint port(t);
    CHECK(request(port, "/health", {{"Authorization", "Bearer wrong-token-000000000"}}).status == 401);
    CHECK(request(port, "/tiles/incidents/14/8210/5430.mvt").status == 403);
    const Reply points = request(port, "/tiles/incidents/13/4106/2714.mvt", {{"Authorization", "Bearer " + kAnalyst}});
    CHECK((points.status == 200 || points.status == 204));
    CHECK(request(port, "/tiles/incidents/8/128/84.mvt", {{"Authorization", "Bearer " + kAnalyst}}).status == 400);
    const json pub = get_json(port, "/api/areas/lsoa/E01021237");
    const json full = get_json(port, "/api/areas/lsoa/E01021237", {{"Authorization", "Bearer " + kAnalyst}});
    CHECK(pub["summary"]["suppressed"] == 1);
    CHECK(full["summary"]["count"].is_number());
    CHECK(request(port, "/api/reload", {}, http::verb::post).status == 401);
    CHECK(request(port, "/api/reload", {{"Authorization", "Bearer " + kAnalyst}}, http::verb::post).status == 401);
    CHECK(request(port, "/api/reload", {{"Authorization", "Bearer " + kAdmin}}, http::verb::post).status == 200);
    CHECK(t.reloads == 1);
}

TEST_CASE("serve: requests keep being answered while the data is reloaded", "[server]") {
    TestServer t;
    const uint16_t port = t.server.port();
    std::atomic<int> failed{0};
    std::atomic<int> answered{0};
    std::atomic<bool> done{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c) {
        clients.emplace_back([&, c] {
            int i = 0;
            while (!done) {
                const std::string target = (i++ % 2 == 0) ? "/tiles/lsoa/10/513/" + std::to_string(338 + c) + ".mvt"
                                                          : "/api/hotspots?limit=5";
                const int status = request(port, target).status;
                (status == 200 ? answered : failed) += 1;
            }
        });
    }
    for (int r = 0; r < 3; ++r) {
        CHECK(request(port, "/api/reload", {{"Authorization", "Bearer " + kAdmin}}, http::verb::post).status == 200);
    }
    done = true;
    for (auto& c : clients) {
        c.join();
    }
    CHECK(failed == 0);
    CHECK(answered > 0);
}

TEST_CASE("serve: the map page's files, and nothing outside them", "[server]") {
    test::TempDir web;
    test::write_file(web.path("index.html"), "<!doctype html><title>map</title>");
    test::write_file(web.path("app.js"), "console.log(1);");
    TestApi t(TestServer::default_config(), web.dir().string());
    const Endpoint port(t);
    const Reply index = request(port, "/");
    CHECK(index.status == 200);
    CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(request(port, "/app.js").header("Content-Type") == "text/javascript");
    for (const std::string bad : {"/../CMakeLists.txt", "/%2e%2e/%2e%2e/etc/passwd", "/./index.html",
                                  "/a/../../x", "/%00"}) {
        INFO(bad);
        const int status = request(port, bad).status;
        CHECK((status == 400 || status == 404));
    }
    CHECK(request(port, "/missing.js").status == 404);
    // The page's npm sources stay private; only what setup copies to vendor/ is served.
    std::filesystem::create_directories(web.path("node_modules/x"));
    test::write_file(web.path("node_modules/x/index.js"), "1");
    test::write_file(web.path("package.json"), "{}");
    CHECK(request(port, "/node_modules/x/index.js").status == 404);
    CHECK(request(port, "/package.json").status == 404);
}

TEST_CASE("serve: malformed, oversized, pipelined and slow clients", "[server]") {
    TestServer t;
    const uint16_t port = t.server.port();
    CHECK(raw_exchange(port, "NONSENSE\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
    const std::string big = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
    CHECK(raw_exchange(port, big).rfind("HTTP/1.1 431", 0) == 0);
    const std::string body = "POST /api/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n";
    CHECK(raw_exchange(port, body).rfind("HTTP/1.1 413", 0) == 0);
    // Three requests in one write: three answers, in order, then the close asked for.
    const std::string three = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                              "GET /api/hotspots?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                              "GET /nothing.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const std::string replies = raw_exchange(port, three);
    const size_t first = replies.find("HTTP/1.1 200");
    const size_t second = replies.find("HTTP/1.1 200", first + 1);
    const size_t third = replies.find("HTTP/1.1 404", second + 1);
    CHECK(first == 0);
    CHECK(second != std::string::npos);
    CHECK(third != std::string::npos);
    // A client that stops halfway through its header is dropped after the 1 s timeout.
    const auto start = std::chrono::steady_clock::now();
    const std::string slow = raw_exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\n");
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(slow.empty());
    CHECK(waited >= 0.9);
    CHECK(waited < 5);
    // The server still answers.
    CHECK(request(port, "/health").status == 200);
}

TEST_CASE("serve: hostile bytes in a path or parameter get a 400 naming it, and no crash", "[server][hostile]") {
    TestServer t;
    const uint16_t port = t.server.port();
    // Each target with the text its error must hold. Raw bytes go out as they are.
    const std::vector<std::pair<std::string, std::string>> cases{
        {"/tiles/lsoa/%FF/1/1.mvt", "the path: not UTF-8 (byte 0xFF"},
        {"/tiles/lsoa/\xFF/1/1.mvt", "the path: not UTF-8"},
        {"/api/hotspots?from=%FF", "parameter \"from\": not UTF-8"},
        {"/api/hotspots?categories=%C3%28", "parameter \"categories\": not UTF-8 (byte 0xC3"},
        {"/tiles/lsoa/10/513/339.mvt?window=%FF", "parameter \"window\""},
        {"/api/patrol?window=%ED%A0%80", "parameter \"window\": not UTF-8"},  // a surrogate
        {"/api/evaluate?cell=%F4%90%80%80", "parameter \"cell\": not UTF-8"},  // past U+10FFFF
        {"/api/areas/lsoa/%C0%AF", "the path: not UTF-8"},                    // an overlong "/"
        {"/api/hotspots?%FF=1", "a parameter name: not UTF-8"},
        {"/api/hotspots?from=%0", "parameter \"from\": bad percent escape"},
        {"/api/hotspots?from=%00", "parameter \"from\": holds a NUL byte"},
        {"/export/lsoa.csv?categories=%FF", "parameter \"categories\""},
        {"/tiles/lsoa/08/128/85.mvt", "without leading zeros"},
        {"/tiles/lsoa/99999999999999999999/0/0.mvt", "not a tile"},
        {"/api/evaluate?shares=,", "shares=,: an empty item"},
    };
    for (const auto& [target, expected] : cases) {
        INFO(target);
        const std::string reply = raw_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                                         kAnalyst + "\r\nConnection: close\r\n\r\n");
        CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
        const std::string body = reply.substr(reply.find("\r\n\r\n") + 4);
        CHECK(is_valid_utf8(body));
        const json j = json::parse(body);  // a JSON body, whatever the bytes asked
        CHECK(j["error"].get<std::string>().find(expected) != std::string::npos);
    }
    // Found by fuzz_http: a request with an empty target read past the end of its path.
    for (const std::string target : {"", "*", "tiles/lsoa/1/1/1.mvt"}) {
        INFO("target \"" << target << "\"");
        Request empty;
        empty.method = "GET";
        empty.target = target;
        CHECK(t.api.handle(empty).status == 400);
    }
    // A message that echoes bytes the checks let through still cannot throw.
    const Response r = error_response(400, "bad \xFF\xFE value", "test");
    CHECK(json::parse(*r.body)["error"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD value");
    const Reply put = request(port, "/health", {}, http::verb::put);
    CHECK(put.status == 405);
    CHECK(put.header("Allow") == "GET, HEAD, OPTIONS");
    CHECK(request(port, "/api/reload").header("Allow") == "POST, OPTIONS");
    CHECK(request(port, "/health").status == 200);
}

TEST_CASE("serve: a request over its cost bounds is refused before any work", "[server][hostile]") {
    TestApi t;
    const Endpoint port(t);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"/api/patrol?officer_hours=10000&visits_per_day=24&days=366&visit_minutes=1&travel_minutes=0",
         "this plan would schedule about 219600000 visits; the most is 120000"},
        {"/api/evaluate?cell=10", "cell=10: the study area would need"},
        {"/api/evaluate?bandwidth=20000", "bandwidth=20000: at most 60 cells across the kernel"},
    };
    for (const auto& [target, expected] : cases) {
        INFO(target);
        const Reply r = request(port, target, {{"Authorization", "Bearer " + kAnalyst}});
        CHECK(r.status == 413);
        CHECK(json::parse(r.body)["error"].get<std::string>().find(expected) != std::string::npos);
    }
    // A narrow density kernel gets a coarser grid, not a quarter of a gigabyte.
    const json d = get_json(port, "/api/density?bandwidth=50&categories=burglary");
    CHECK(d["cell_metres"].get<double>() > 10);
    CHECK(t.api.result_bytes() < Api::kStatsBudget + Api::kSurfaceBudget + Api::kPatrolBudget +
                                     Api::kEvaluationBudget + Api::kPlaceBudget);
}

TEST_CASE("serve: work runs no longer than the server allows", "[server][hostile]") {
    ServerConfig config = TestServer::default_config();
    config.work_seconds = 0.001;
    TestServer t(config);
    const uint16_t port = t.server.port();
    const Reply r = request(port, "/api/evaluate?cell=100", {{"Authorization", "Bearer " + kAnalyst}});
    CHECK(r.status == 503);
    CHECK(json::parse(r.body)["error"].get<std::string>().find("ran past the server's limit of 0.001 s") !=
          std::string::npos);
    CHECK(r.header("Cache-Control") == "no-store");
    // Cached answers are not work: they still flow.
    CHECK(request(port, "/health").status == 200);
}

TEST_CASE("serve: work stops when its client leaves", "[server][hostile]") {
    TestServer t;
    const uint16_t port = t.server.port();
    const auto start = std::chrono::steady_clock::now();
    {
        asio::io_context ioc;
        tcp::socket socket(ioc);
        socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        const std::string get = "GET /api/evaluate?cell=60 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kAnalyst + "\r\n\r\n";
        asio::write(socket, asio::buffer(get));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the work has started
    }  // the client closes its connection
    const std::string cancelled = R"(route="cancelled",status="503"} 1)";
    while (t.api.metrics().render().find(cancelled) == std::string::npos &&
           std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(t.api.metrics().render().find(cancelled) != std::string::npos);
    CHECK(request(port, "/health").status == 200);
}

TEST_CASE("serve: a burst of SIGHUPs runs one reload at a time", "[server][hostile]") {
    TestServer t;
    std::atomic<int> running{0};
    std::atomic<int> most{0};
    std::atomic<int> loads{0};
    t.server.stop();  // run() starts the loops again, with the signals
    HttpServer server(t.api, "127.0.0.1", 0, 2, ServerLimits::from(t.api.config()), nullptr);
    std::thread serving([&] {
        server.run([&] {
            const int now = ++running;
            int seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            ++loads;
            --running;
        });
    });
    // Answered only once run() has started its loops, after it has set up the signals.
    CHECK(request(server.port(), "/health").status == 200);
    for (int i = 0; i < 100; ++i) {
        std::raise(SIGHUP);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((loads == 0 || running > 0) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(request(server.port(), "/health").status == 200);
    std::raise(SIGTERM);
    serving.join();
    CHECK(most == 1);
    CHECK(loads >= 1);
    CHECK(loads <= 2);  // the first, and one for the signals that came while it ran
}

TEST_CASE("serve: shutdown closes idle connections and finishes the rest", "[server]") {
    auto t = std::make_unique<TestServer>();
    const uint16_t port = t->server.port();
    asio::io_context ioc;
    tcp::socket idle(ioc);
    idle.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto start = std::chrono::steady_clock::now();
    t->server.stop();
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(took < 1.5);
    char c = 0;
    beast::error_code ec;
    idle.read_some(asio::buffer(&c, 1), ec);
    CHECK(ec);  // closed by the server
    beast::error_code connect_ec;
    tcp::socket late(ioc);
    late.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), connect_ec);
    CHECK(connect_ec);  // no longer accepting
}

// --- Disclosure control: attacks a member of the public could make with public URLs ---

namespace {

/// A CSV download: area code -> field -> text ("" for an empty cell).
using CsvRows = std::map<std::string, std::map<std::string, std::string>>;

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else if (c != '\r') {
            out.back().push_back(c);
        }
    }
    return out;
}

CsvRows download(const Endpoint& port, const std::string& query, bool analyst, const std::string& layer = "lsoa") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (analyst) {
        headers.emplace_back("Authorization", "Bearer " + kAnalyst);
    }
    const Reply r = request(port, "/export/" + layer + ".csv" + query, headers);
    REQUIRE(r.status == 200);
    CHECK(r.header("X-Hotspot-View") == (analyst ? "analyst" : "public"));
    std::istringstream in(r.body);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> names = split_csv_line(line);
    CsvRows rows;
    while (std::getline(in, line)) {
        const std::vector<std::string> cells = split_csv_line(line);
        auto& row = rows[cells.at(0)];
        for (size_t i = 0; i < names.size() && i < cells.size(); ++i) {
            row[names[i]] = cells[i];
        }
    }
    return rows;
}

std::optional<int64_t> number(const CsvRows& rows, const std::string& code, const std::string& field) {
    const auto row = rows.find(code);
    if (row == rows.end()) {
        return std::nullopt;
    }
    const auto cell = row->second.find(field);
    if (cell == row->second.end() || cell->second.empty()) {
        return std::nullopt;
    }
    return std::llround(std::stod(cell->second));
}

/// How often an attack names a hidden count exactly, against the best constant guess
/// on the same cells.
struct AttackScore {
    explicit AttackScore(std::string attack) : name(std::move(attack)) {}
    std::string name;
    int64_t cells = 0;
    int64_t exact = 0;
    std::map<int64_t, int64_t> truths;

    /// The attacker knows a hidden count is from 1 to below - 1, and clamps to that.
    void add(int64_t truth, int64_t estimate, int below = 3) {
        estimate = std::clamp<int64_t>(estimate, 1, below - 1);
        ++cells;
        exact += estimate == truth ? 1 : 0;
        ++truths[truth];
    }
    [[nodiscard]] int64_t best_constant_guess() const {
        int64_t best = 0;
        for (const auto& [value, n] : truths) {
            best = std::max(best, n);
        }
        return best;
    }
    void check(int64_t at_least_cells) const {
        INFO(name << ": " << exact << " of " << cells << " hidden counts named exactly; guessing "
                  << "the commonest value names " << best_constant_guess());
        CHECK(cells >= at_least_cells);  // the attack had something to work on
        // No better than the guess beyond the sampling error of a share of `cells`
        // (two standard errors): a clamped noisy estimate mostly falls back to the
        // commonest value, so on a few dozen cells it can match the guess by chance.
        const double q = static_cast<double>(best_constant_guess()) / static_cast<double>(cells);
        const double margin = 2 * std::sqrt(static_cast<double>(cells) * q * (1 - q));
        CHECK(static_cast<double>(exact) <= static_cast<double>(best_constant_guess()) + margin);
        WARN(name << ": " << exact << " of " << cells << " exact, constant guess " << best_constant_guess());
    }
};

bool hidden_small(const std::optional<int64_t>& shown, const std::optional<int64_t>& truth, int below) {
    return !shown && truth && *truth >= 1 && *truth < below;
}

}  // namespace

TEST_CASE("disclosure: differencing attacks name no more hidden counts than guessing", "[server][disclosure]") {
    TestApi t;
    const Endpoint port(t);
    const int below = t.api.config().suppress_below;
    const std::string month = "?from=2018-07&to=2018-07";
    const CsvRows pub = download(port, month, false);
    const CsvRows truth = download(port, month, true);
    REQUIRE(pub.size() == truth.size());

    // The export's count minus its visible categories, where one category is hidden.
    AttackScore columns{"count minus visible c_* columns"};
    for (const auto& [code, row] : pub) {
        std::vector<std::string> hidden;
        int64_t visible = 0;
        for (const auto& [field, text] : row) {
            if (field.rfind("c_", 0) != 0) {
                continue;
            }
            if (text.empty()) {
                hidden.push_back(field);
            } else {
                visible += std::stoll(text);
            }
        }
        const auto count = number(pub, code, "count");
        if (hidden.size() == 1 && count &&
            hidden_small(std::nullopt, number(truth, code, hidden.front()), below)) {
            columns.add(*number(truth, code, hidden.front()), *count - visible);
        }
    }
    columns.check(50);

    // All categories minus all but one (the profile with and without a category): the
    // public may not ask for a set of 13 categories, nor for January to June, since every
    // such set would give a hidden cell another independent noisy estimate to average.
    std::vector<std::string> codes;
    for (const auto& [field, text] : pub.begin()->second) {
        if (field.rfind("c_", 0) == 0) {
            codes.push_back(field.substr(2));
        }
    }
    REQUIRE(codes.size() == 14);
    std::string others;
    for (const auto& o : codes) {
        if (o != "burglary") {
            others += (others.empty() ? "" : ",") + o;
        }
    }
    for (const std::string& refused : {month + "&categories=" + others, month + "&categories=burglary,robbery",
                                      std::string("?from=2018-01&to=2018-06&categories=burglary"),
                                      std::string("?from=2018-03&to=2018-07")}) {
        for (const std::string path : {"/export/lsoa.csv", "/api/hotspots", "/api/areas/lsoa/E01015830",
                                       "/tiles/lsoa/9/256/169.mvt", "/api/density", "/api/legend/lsoa"}) {
            INFO(path << refused);
            const Reply r = request(port, path + refused);
            CHECK(r.status == 403);
            CHECK(r.body.find("the public view does not publish") != std::string::npos);
            CHECK(request(port, path + refused, {{"Authorization", "Bearer " + kAnalyst}}).status == 200);
        }
    }
    CHECK(request(port, "/api/patrol?categories=" + others).status == 403);
    CHECK(request(port, "/api/patrol?months=2").status == 403);

    // What the public may ask for instead, every estimate of a hidden July burglary count
    // they can make, averaged: the latest 3 months minus May and June; the latest 6
    // minus February to June; all months minus January to June; all crime in July minus
    // the other 13 categories in July.
    AttackScore averaged{"every public estimate of a hidden July count, averaged"};
    std::map<std::string, CsvRows> asked;
    auto csv = [&](const std::string& query) -> const CsvRows& {
        auto it = asked.find(query);
        if (it == asked.end()) {
            it = asked.emplace(query, download(port, query, false)).first;
        }
        return it->second;
    };
    auto single = [](const std::string& m, const std::string& c) { return "?from=" + m + "&to=" + m + "&categories=" + c; };
    const CsvRows july = download(port, month + "&categories=burglary", false);
    const CsvRows july_truth = download(port, month + "&categories=burglary", true);
    const std::vector<std::string> first_six{"2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06"};
    for (const auto& [code, row] : july) {
        const auto real = number(july_truth, code, "count");
        if (!hidden_small(number(july, code, "count"), real, below)) {
            continue;
        }
        std::vector<int64_t> estimates;
        auto estimate = [&](const std::string& whole, const std::vector<std::string>& parts,
                            const std::string& whole_field = "count") {
            auto total = number(csv(whole), code, whole_field);
            for (const auto& part : parts) {
                const auto n = number(csv(part), code, "count");
                if (!total || !n) {
                    return;
                }
                *total -= *n;
            }
            estimates.push_back(*total);
        };
        estimate("?from=2018-05&to=2018-07&categories=burglary",
                 {single("2018-05", "burglary"), single("2018-06", "burglary")});
        std::vector<std::string> parts;
        for (size_t m = 1; m < first_six.size(); ++m) {
            parts.push_back(single(first_six[m], "burglary"));
        }
        estimate("?from=2018-02&to=2018-07&categories=burglary", parts);
        parts.insert(parts.begin(), single(first_six[0], "burglary"));
        estimate("?categories=burglary", parts);
        parts.clear();
        for (const auto& o : codes) {
            if (o != "burglary") {
                parts.push_back(single("2018-07", o));
            }
        }
        estimate(month, parts);
        if (!estimates.empty()) {
            double mean = 0;
            for (const int64_t e : estimates) {
                mean += static_cast<double>(e);
            }
            averaged.add(*real, std::llround(mean / static_cast<double>(estimates.size())));
        }
    }
    averaged.check(50);

    // A ward minus its visible LSOAs, where one LSOA is hidden.
    AttackScore wards{"a ward minus its visible LSOAs"};
    const auto snapshot = sample_snapshot();
    REQUIRE(snapshot->layers().size() == 2);
    const AreaLayer& lsoa = *snapshot->layers()[0];
    const AreaLayer& ward = *snapshot->layers()[1];
    const Rollup rollup = rollup_by_overlap(*lsoa.areas, lsoa.frame, *ward.areas);
    const CsvRows ward_pub = download(port, month + "&categories=burglary", false, "ward");
    std::map<uint32_t, std::vector<uint32_t>> members;
    for (uint32_t a = 0; a < lsoa.areas->size(); ++a) {
        if (rollup.group_of[a] != kNoArea) {
            members[rollup.group_of[a]].push_back(a);
        }
    }
    for (const auto& [w, in] : members) {
        const auto total = number(ward_pub, ward.areas->code(w), "count");
        std::vector<uint32_t> hidden;
        int64_t visible = 0;
        for (const uint32_t a : in) {
            if (const auto n = number(july, lsoa.areas->code(a), "count")) {
                visible += *n;
            } else {
                hidden.push_back(a);
            }
        }
        if (total && hidden.size() == 1) {
            const auto real = number(july_truth, lsoa.areas->code(hidden.front()), "count");
            if (hidden_small(std::nullopt, real, below)) {
                wards.add(*real, *total - visible);
            }
        }
    }
    wards.check(20);
}

TEST_CASE("disclosure: profiles give no more away than the downloads", "[server][disclosure]") {
    TestApi t;
    const Endpoint port(t);
    const int below = t.api.config().suppress_below;
    const std::vector<std::pair<std::string, std::string>> analyst{{"Authorization", "Bearer " + kAnalyst}};
    const auto snapshot = sample_snapshot();
    const AreaLayer& lsoa = *snapshot->layers()[0];
    AttackScore by_month{"a profile's monthly total minus its visible categories"};
    AttackScore by_category{"top_categories minus the visible months"};
    const std::string period = "?from=2018-01&to=2018-12";
    const CsvRows csv = download(port, period, false);
    auto value = [](const json& v) { return v.is_null() ? std::optional<int64_t>() : std::optional<int64_t>(v.get<int64_t>()); };
    for (uint32_t a = 0; a < lsoa.areas->size(); a += 12) {  // every 12th area: about 140
        const std::string path = "/api/areas/lsoa/" + lsoa.areas->code(a) + period;
        const json pub = get_json(port, path);
        const json real = get_json(port, path, analyst);
        CHECK(pub["view"] == "public");
        CHECK(real["view"] == "analyst");
        // The same cell has one value wherever it is published.
        CHECK(value(pub["summary"]["count"]) == number(csv, lsoa.areas->code(a), "count"));
        CHECK(get_json(port, path) == pub);  // asking again averages nothing away
        const json& series = pub["monthly_by_category"];
        const json& truth = real["monthly_by_category"];
        for (size_t m = 0; m < pub["months"].size(); ++m) {
            const auto total = value(pub["monthly_total"][m]);
            std::vector<std::string> hidden;
            int64_t visible = 0;
            for (const auto& [category, values] : series.items()) {
                if (const auto n = value(values[m])) {
                    visible += *n;
                } else {
                    hidden.push_back(category);
                }
            }
            if (total && hidden.size() == 1) {
                const auto n = value(truth[hidden.front()][m]);
                if (hidden_small(std::nullopt, n, below)) {
                    by_month.add(*n, *total - visible);
                }
            }
        }
        for (const json& top : pub["top_categories"]) {
            const auto total = value(top["count"]);
            const std::string category = top["category"];
            if (!total || !series.contains(category)) {
                continue;
            }
            std::vector<size_t> hidden;
            int64_t visible = 0;
            for (size_t m = 0; m < series[category].size(); ++m) {
                if (const auto n = value(series[category][m])) {
                    visible += *n;
                } else {
                    hidden.push_back(m);
                }
            }
            if (hidden.size() == 1) {
                const auto n = value(truth[category][hidden.front()]);
                if (hidden_small(std::nullopt, n, below)) {
                    by_category.add(*n, *total - visible);
                }
            }
        }
    }
    by_month.check(20);
    by_category.check(20);
}

TEST_CASE("disclosure: nothing finer than 'fewer than k' on a hidden row, and the map stays true", "[server][disclosure]") {
    TestApi t;
    const Endpoint port(t);
    const std::string month = "?from=2018-07&to=2018-07&categories=burglary";
    const CsvRows pub = download(port, month, false);
    int64_t hidden_rows = 0;
    for (const auto& [code, row] : pub) {
        if (!number(pub, code, "count") && row.at("suppressed") == "1") {
            ++hidden_rows;
            // Rank, rate, harm and the fine statistics would each give the count back.
            for (const char* field : {"rank", "rate_1k", "harm", "gi_z", "gi_p", "lisa_i", "lisa_p"}) {
                INFO(code << " " << field);
                CHECK(row.at(field).empty());
            }
        } else if (const auto n = number(pub, code, "count"); n && !row.at("rate_1k").empty()) {
            // What is shown derives from the protected count, not the true one.
            CHECK(std::stod(row.at("rate_1k")) * std::stod(row.at("pop")) / 1000 == Approx(static_cast<double>(*n)));
        }
    }
    CHECK(hidden_rows > 100);

    // The whole period, all crime: the public map moves little.
    const CsvRows all_pub = download(port, "", false);
    const CsvRows all_truth = download(port, "", true);
    double moved = 0;
    int64_t cells = 0;
    int64_t same_class = 0;
    for (const auto& [code, row] : all_truth) {
        const auto p = number(all_pub, code, "count");
        REQUIRE(p);
        moved += static_cast<double>(std::llabs(*p - *number(all_truth, code, "count")));
        ++cells;
        same_class += all_pub.at(code).at("gi_bin") == row.at("gi_bin") ? 1 : 0;
    }
    const double mean_moved = moved / static_cast<double>(cells);
    const double same_share = static_cast<double>(same_class) / static_cast<double>(cells);
    WARN("public counts moved by " << mean_moved << " on average; Gi* class unchanged in " << 100 * same_share
                                   << " % of LSOAs");
    CHECK(mean_moved <= 1.0);
    CHECK(same_share >= 0.95);
    // A narrow kernel over one category in one month would place an incident: the public
    // get at least 200 m and 50 m cells, with the cells near fewer than 3 incidents blank.
    const std::string narrow = "/api/density?bandwidth=50&categories=weapons&from=2018-07&to=2018-07";
    const json density = get_json(port, narrow);
    CHECK(density["view"] == "public");
    CHECK(density["bandwidth_metres"] == 200);
    CHECK(density["cell_metres"].get<double>() >= 50);
    CHECK(density["protection"]["grid_metres"] == 250);
    CHECK(density["protection"]["grid_cells_hidden"].get<int64_t>() > 0);
    CHECK(density["protection"]["grid_cells_hidden"].get<int64_t>() <= density["protection"]["grid_cells"].get<int64_t>());
    CHECK(density["points"].is_null());  // the true count of the filter is not public
    const json real = get_json(port, narrow, {{"Authorization", "Bearer " + kAnalyst}});
    CHECK(real["bandwidth_metres"] == 50);
    CHECK(real["protection"].is_null());
    CHECK(real["points"].get<int64_t>() > 0);
    // A public patrol plan over LSOAs is made of the same published cells as the map:
    // each place's incidents are its LSOA's public count over the plan's months, so a
    // plan asked for one place more gives away no more than the map does.
    const json plan = get_json(port, "/api/patrol?unit=lsoa&months=3&officer_hours=6");
    const CsvRows latest = download(port, "?from=2018-05&to=2018-07", false);
    int64_t compared = 0;
    for (const json& f : plan["features"]) {
        const json& props = f["properties"];
        const auto n = number(latest, props["code"].get<std::string>(), "count");
        CHECK(props["incidents"].is_null() == !n.has_value());
        if (n) {
            CHECK(props["incidents"].get<int64_t>() == *n);
            ++compared;
        }
    }
    CHECK(compared > 5);
    const json analysts_plan =
        get_json(port, "/api/patrol?unit=lsoa&months=3&officer_hours=6", {{"Authorization", "Bearer " + kAnalyst}});
    CHECK(analysts_plan["summary"] != plan["summary"]);  // the truth, not the protected counts
    // Micro-places for the public are squares of the density surface's grid, each with
    // its protected count there: which places a plan holds comes from no point.
    const json squares = get_json(port, "/api/patrol?months=3&officer_hours=6");
    const std::shared_ptr<const Snapshot> snap = sample_snapshot();
    const ResolvedFilter may_to_july{std::vector<bool>(snap->points().categories().size(), true),
                                     Month{snap->points().last_month().index - 2}, snap->points().last_month()};
    std::map<std::pair<long, long>, int64_t> square_count;
    for (const GridSquare& q : protected_grid(snap->points(), may_to_july, *snap->secret(), nullptr, 1).squares) {
        square_count[{std::lround(q.x), std::lround(q.y)}] = q.count;
    }
    test::TempDir tmp;
    const GDALDatasetUniquePtr squares_ds =
        open_download(port, "/export/patrol.csv?months=3&officer_hours=6", tmp, "squares.csv");
    size_t square_places = 0;
    for (auto& f : *squares_ds->GetLayer(0)) {
        const auto it = square_count.find({std::lround(f->GetFieldAsDouble("x")), std::lround(f->GetFieldAsDouble("y"))});
        REQUIRE(it != square_count.end());
        CHECK(f->GetFieldAsInteger64("incidents") == it->second);
        CHECK(std::string(f->GetFieldAsString("radius_m")).empty());
        CHECK(f->GetFieldAsDouble("area_m2") == 62500);
        ++square_places;
    }
    CHECK(square_places == squares["features"].size());
    CHECK(square_places > 5);
    // The catalog says how, in a sentence, and which periods the public may ask for.
    const json catalog = get_json(port, "/api/catalog");
    const json& periods = catalog["protection"]["filters"]["periods"];
    CHECK(periods.size() == 7 + 2 + 4);  // 7 months; Q1, Q2; all, latest 3, the 3 before, latest 6 (and January)
    CHECK(periods[0]["kind"] == "all");
    CHECK(catalog["view"] == "public");
    CHECK(catalog["protection"]["sentence"].get<std::string>().find("fewer than 3") != std::string::npos);
}

/// Where an attacker looking at `grid` near (x, y) would put a lone incident: the centre
/// of the surface's positive mass within 300 m (a 200 m kernel and its margin), or
/// nothing when there is none.
std::optional<double> located_within(const DensityGrid& grid, double x, double y) {
    double mass = 0;
    double mx = 0;
    double my = 0;
    const auto c0 = static_cast<int64_t>((x - grid.min_x) / grid.cell);
    const auto r0 = static_cast<int64_t>((grid.max_y - y) / grid.cell);
    const auto reach = static_cast<int64_t>(300 / grid.cell) + 1;
    for (int64_t row = std::max<int64_t>(0, r0 - reach); row <= std::min<int64_t>(grid.rows - 1, r0 + reach); ++row) {
        for (int64_t col = std::max<int64_t>(0, c0 - reach); col <= std::min<int64_t>(grid.cols - 1, c0 + reach); ++col) {
            const double cx = grid.centre_x(static_cast<uint32_t>(col));
            const double cy = grid.centre_y(static_cast<uint32_t>(row));
            const double v = grid.at(static_cast<uint32_t>(col), static_cast<uint32_t>(row));
            if (v > 1e-6 && (cx - x) * (cx - x) + (cy - y) * (cy - y) < 300.0 * 300.0) {
                mass += v;
                mx += v * cx;
                my += v * cy;
            }
        }
    }
    if (mass <= 0) {
        return std::nullopt;
    }
    return std::hypot(mx / mass - x, my / mass - y);
}

TEST_CASE("disclosure: density surfaces, alone or differenced, place no incident", "[server][disclosure]") {
    // The public surface is smoothed from protected counts on the 250 m grid, with the
    // public's 200 m kernel and 50 m cells; the analysts' from the points. The attacks:
    // a one-category, one-month surface around an incident with no other of its
    // category within 400 m, and all crime minus the sum of the single categories.
    const std::shared_ptr<const Snapshot> s = sample_snapshot();
    const Dictionary& cats = s->points().categories();
    const Month july = s->points().last_month();
    const ResolvedFilter all{std::vector<bool>(cats.size(), true), july, july};
    std::vector<std::array<double, 3>> incidents;  // x, y, category
    Box extent;
    s->points().for_each(all, [&](double x, double y, uint16_t c, int32_t) {
        incidents.push_back({x, y, static_cast<double>(c)});
        extent = {std::min(extent.min_x, x), std::min(extent.min_y, y), std::max(extent.max_x, x), std::max(extent.max_y, y)};
    });
    KdeOptions options;
    options.bandwidth = 200;
    options.cell = 50;
    options.extent = extent;
    auto surface = [&](const ResolvedFilter& f, bool is_public) {
        KdePoints p = is_public ? protected_grid(s->points(), f, *s->secret(), nullptr, 3).points
                                : s->points().points(f, nullptr);
        if (p.x.empty()) {  // a blank surface the size of the others
            p = KdePoints{{extent.min_x}, {extent.min_y}, {0.0}};
        }
        return kernel_density(p, options);
    };
    std::vector<DensityGrid> pub;
    std::vector<DensityGrid> truth;
    DensityGrid residual = surface(all, true);
    for (uint16_t c = 0; c < cats.size(); ++c) {
        ResolvedFilter one{std::vector<bool>(cats.size(), false), july, july};
        one.category[c] = true;
        pub.push_back(surface(one, true));
        truth.push_back(surface(one, false));
        REQUIRE(pub.back().values.size() == residual.values.size());
        for (size_t k = 0; k < residual.values.size(); ++k) {
            residual.values[k] -= pub.back().values[k];
        }
    }
    std::vector<double> found_truth;
    std::vector<double> found_public;
    std::vector<double> found_residual;
    size_t lone = 0;
    std::sort(incidents.begin(), incidents.end());
    for (const auto& [x, y, c] : incidents) {
        const auto from = std::lower_bound(incidents.begin(), incidents.end(), std::array<double, 3>{x - 400, 0, 0});
        const auto to = std::upper_bound(incidents.begin(), incidents.end(), std::array<double, 3>{x + 400, 0, 0});
        const bool alone = std::none_of(from, to, [&](const auto& o) {
            return o[2] == c && (o[0] != x || o[1] != y) && std::hypot(o[0] - x, o[1] - y) < 400;
        });
        if (!alone) {
            continue;
        }
        ++lone;
        const auto k = static_cast<size_t>(c);
        for (auto [grid, out] : {std::pair{&truth[k], &found_truth}, std::pair{&pub[k], &found_public},
                                 std::pair{&residual, &found_residual}}) {
            if (const auto d = located_within(*grid, x, y)) {
                out->push_back(*d);
            }
        }
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 1e9 : v[v.size() / 2];
    };
    auto within = [](const std::vector<double>& v, double metres) {
        return std::count_if(v.begin(), v.end(), [&](double d) { return d < metres; });
    };
    WARN(lone << " lone incidents in " << july.to_string() << ": analysts' surface places "
              << found_truth.size() << " (median " << median(found_truth) << " m, " << within(found_truth, 25)
              << " within 25 m); public surface shows " << found_public.size() << " (median "
              << median(found_public) << " m, " << within(found_public, 25) << " within 25 m); all minus "
              << "the single categories shows " << found_residual.size() << " (median " << median(found_residual)
              << " m, " << within(found_residual, 25) << " within 25 m)");
    REQUIRE(lone > 100);
    CHECK(median(found_truth) < 10);  // the attack works on the points' own surface
    // On the public's, a guess no better than a point picked at random in the incident's
    // 250 m square: that is within 25 m of it 3.1 % of the time (pi 25^2 / 250^2).
    const double uniform = std::numbers::pi * 25 * 25 / (250 * 250);
    CHECK(median(found_public) > 50);
    CHECK(static_cast<double>(within(found_public, 25)) <= 2 * uniform * static_cast<double>(found_public.size()));
    CHECK(median(found_residual) > 50);
    CHECK(static_cast<double>(within(found_residual, 25)) <= 2 * uniform * static_cast<double>(found_residual.size()));

    // And the public's heat map still looks like the true one: all crime over all months
    // and over July at the default 300 m kernel, cell by cell.
    for (const Month from : {s->points().first_month(), july}) {
        const ResolvedFilter f{std::vector<bool>(cats.size(), true), from, july};
        const ProtectedGrid grid = protected_grid(s->points(), f, *s->secret(), nullptr, 3);
        const KdePoints points = s->points().points(f, nullptr);
        KdeOptions o;
        o.bandwidth = 300;
        o.cell = 50;
        o.extent = Box{};
        for (size_t i = 0; i < points.x.size(); ++i) {
            o.extent->min_x = std::min(o.extent->min_x, points.x[i]);
            o.extent->min_y = std::min(o.extent->min_y, points.y[i]);
            o.extent->max_x = std::max(o.extent->max_x, points.x[i]);
            o.extent->max_y = std::max(o.extent->max_y, points.y[i]);
        }
        const DensityGrid p = kernel_density(grid.points, o);
        const DensityGrid t = kernel_density(points, o);
        REQUIRE(p.values.size() == t.values.size());
        double sp = 0, st = 0, spp = 0, stt = 0, spt = 0;
        for (size_t k = 0; k < p.values.size(); ++k) {
            const double a = p.values[k];
            const double b = t.values[k];
            sp += a, st += b, spp += a * a, stt += b * b, spt += a * b;
        }
        const auto n = static_cast<double>(p.values.size());
        const double r = (spt - sp * st / n) / std::sqrt((spp - sp * sp / n) * (stt - st * st / n));
        const double kept = grid.weight / static_cast<double>(points.x.size());
        WARN("public heat map, " << from.to_string() << " to " << july.to_string() << ": correlation " << r
                                 << " with the true surface, " << 100 * kept << " % of the incidents kept, "
                                 << grid.kept << " of " << grid.cells << " squares shown");
        CHECK(r > 0.9);
        CHECK(kept > (from == july ? 0.7 : 0.9));
    }
}

TEST_CASE("disclosure: tiles, downloads, the hot spot list and profiles publish the same numbers", "[server][disclosure]") {
    // Were any two public outputs of the same cell to differ (another noise draw, a
    // true count left behind), their difference would say more than either: each area's
    // public fields must be the same wherever they are shown.
    TestApi t;
    const Endpoint port(t);
    const std::string query = "?categories=burglary&from=2018-05&to=2018-07";
    const CsvRows csv = download(port, query, false);
    REQUIRE(csv.size() == 1077);
    auto same = [](const std::string& a, const std::string& b) {  // tiles print reals to 7 digits
        if (a == b) {
            return true;
        }
        char* end_a = nullptr;
        char* end_b = nullptr;
        const double x = std::strtod(a.c_str(), &end_a);
        const double y = std::strtod(b.c_str(), &end_b);
        return !a.empty() && !b.empty() && *end_a == 0 && *end_b == 0 && x == Approx(y).epsilon(1e-6).margin(1e-6);
    };
    // Each shown field as the download has it ("" when hidden there).
    auto check_area = [&](const std::string& where, const std::string& code, const std::map<std::string, std::string>& shown) {
        REQUIRE(csv.count(code) == 1);
        const auto& row = csv.at(code);
        for (const char* field : {"count", "rate_1k", "harm", "cur", "prev", "change", "change_pct", "rank",
                                  "gi_z", "gi_bin", "suppressed"}) {
            const auto in_csv = row.find(field);
            const auto here = shown.find(field);
            if (in_csv == row.end() || here == shown.end()) {
                continue;  // a field this output does not carry
            }
            INFO(where << " " << code << " " << field << ": " << here->second << " against the download's "
                       << in_csv->second);
            CHECK(same(here->second, in_csv->second));
        }
    };
    size_t tiled = 0;
    size_t hidden = 0;
    for (const int x : {63, 64}) {
        const Reply r = request(port, "/tiles/lsoa/7/" + std::to_string(x) + "/42.mvt" + query);
        REQUIRE(r.status == 200);
        for (auto [code, f] : decode_tile(r.body, 7, x, 42, "lsoa")) {
            for (const char* field : {"count", "rate_1k", "harm", "cur", "prev", "change", "change_pct", "rank", "gi_z"}) {
                f.try_emplace(field, "");  // the tile leaves out what is hidden
            }
            hidden += f.at("count").empty() ? 1 : 0;
            check_area("tile", code, f);
            ++tiled;
        }
    }
    CHECK(tiled >= 1077);
    CHECK(hidden > 100);
    auto as_text = [](const json& v) {
        if (v.is_null()) {
            return std::string();
        }
        return v.is_string() ? v.get<std::string>() : v.dump();
    };
    const json list = get_json(port, "/api/hotspots" + query + "&limit=100");
    REQUIRE(list["areas"].size() == 100);
    for (const json& a : list["areas"]) {
        std::map<std::string, std::string> f;
        for (const auto& [k, v] : a.items()) {
            f[k] = as_text(v);
        }
        check_area("list", a["area_code"].get<std::string>(), f);
    }
    size_t profiles = 0;
    for (const auto& [code, row] : csv) {
        if (profiles++ % 50 != 0) {
            continue;  // one area in 50
        }
        const json p = get_json(port, "/api/areas/lsoa/" + code + query);
        std::map<std::string, std::string> f;
        for (const auto& [k, v] : p["summary"].items()) {
            f[k] = as_text(v);
        }
        for (const char* field : {"count", "rate_1k", "harm", "cur", "prev", "change", "change_pct", "rank", "gi_z"}) {
            f.try_emplace(field, "");
        }
        check_area("profile", code, f);
    }
}

TEST_CASE("serve config: numbers out of their type's range are configuration errors", "[server][hostile]") {
    test::TempDir tmp;
    const std::string path = tmp.path("config.json");
    // Found by fuzz_config: 1e30 bytes of cache overflowed the conversion to size_t.
    for (const std::string& text : {std::string(R"({"cache_bytes": 1055555555555555555555555548576})"),
                                    std::string(R"({"cache_bytes": -1})"), std::string(R"({"suppress_below": 4294967299})"),
                                    std::string(R"({"max_header_bytes": 8192.5})")}) {
        INFO(text);
        test::write_file(path, text);
        try {
            (void)ServerConfig::load(path);
            FAIL("accepted");
        } catch (const ConfigError& e) {
            CHECK(std::string(e.what()).find("must be a whole number from") != std::string::npos);
        }
    }
    test::write_file(path, R"({"cache_bytes": 1048576.0, "suppress_below": 5})");
    const ServerConfig c = ServerConfig::load(path);
    CHECK(c.cache_bytes == 1048576);
    CHECK(c.suppress_below == 5);
    test::write_file(path, R"({"max_requests_per_connection": 1e400})");  // not a JSON number we can read
    CHECK_THROWS_AS(ServerConfig::load(path), ConfigError);
    test::write_file(path, R"({"work_seconds": "soon"})");
    CHECK_THROWS_AS(ServerConfig::load(path), ConfigError);
}
