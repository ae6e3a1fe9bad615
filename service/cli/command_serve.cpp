#include "service/cli/command_serve.hpp"

#include <atomic>
#include <cstdlib>
#include <malloc.h>
#include <mutex>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "geo/crs/crs.hpp"
#include "geo/detail/parallel.hpp"
#include "geo/error.hpp"
#include "service/analysis/snapshot.hpp"
#include "service/cli/exit_codes.hpp"
#include "service/cli/options.hpp"
#include "service/http/api.hpp"
#include "service/http/server.hpp"

namespace hotspot::cli {

CLI::App* ServeCommand::setup(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "serve",
        "Serve the map: vector and raster tiles, a JSON API, downloads and the map page. "
        "With no input options, serves the bundled Essex sample");
    cmd->add_option("-i,--incidents", m_incidents, "Incident inputs (as for aggregate)");
    cmd->add_option("-w,--workspace", m_workspace, "Also serve the incidents stored in this workspace");
    cmd->add_option("-a,--areas", m_areas, "Small areas (LSOAs); default: the sample's");
    cmd->add_option("--wards", m_wards, "Larger areas the small ones roll up to (\"\" for none)");
    cmd->add_option("--population", m_population, "Population per small area");
    m_places.add_to(*cmd, false);
    cmd->add_option("--zones", m_zones,
                    "Near-repeat zones to map for analysts: the OUT.zones.csv of hotspot nearrepeat (with --crs or "
                    "--incidents, so they have longitude and latitude); re-read on reload");
    cmd->add_option("--encoding", m_encoding, "Text encoding of the incident CSVs: utf-8 (default), windows-1252 or latin1")
        ->check(encoding_validator());
    cmd->add_option("--config", m_config,
                    "Configuration (JSON): tokens, small-count suppression, CORS, cache size, "
                    "timeouts and limits; see the README");
    cmd->add_option("--bind", m_bind, "Address to listen on (default 127.0.0.1)");
    cmd->add_option("-p,--port", m_port, "Port (default 8080; 0 for any free port)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--threads", m_threads, "Threads answering requests (default and most: all cores)");
    cmd->add_option("--web-root", m_web_root, "Directory of the map page (default: the built-in one)");
    cmd->add_option("--access-log", m_access_log,
                    "Where each request is logged: a file, - for stdout (default), or none");
    cmd->footer(std::string("Example:\n  hotspot serve            # the Essex sample at http://127.0.0.1:8080/\n\n") +
                kExitCodeHelp);
    return cmd;
}

std::string ServeCommand::secret_path(const server::ServerConfig& config) const {
    namespace fs = std::filesystem;
    if (!config.secret_file.empty()) {
        return config.secret_file;
    }
    if (!m_config.empty()) {
        return (fs::path(m_config).parent_path() / "hotspot-secret").string();
    }
    // No configuration: the user's state folder, so that a restart keeps the secret.
    fs::path dir;
    if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state == '/') {
        dir = fs::path(state) / "hotspot";
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
        dir = fs::path(home) / ".local" / "state" / "hotspot";
    } else {
        throw InputError("no folder for the disclosure control secret: give \"secret_file\" in --config");
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::permissions(dir, fs::perms::owner_all, ec);
    return (dir / "secret").string();
}

int ServeCommand::run() {
    using server::Snapshot;
    server::ServerConfig config;
    if (!m_config.empty()) {
        config = server::ServerConfig::load(m_config);
    }
    server::SnapshotSources sources = server::SnapshotSources::sample(data_dir());
    if (!m_incidents.empty() || !m_workspace.empty()) {
        sources.incidents = m_incidents;
        sources.workspace = m_workspace;
    }
    if (!m_areas.empty()) {
        sources.lsoas = m_areas;
        sources.wards.clear();
        sources.population.clear();
    }
    if (!m_wards.empty()) {
        sources.wards = m_wards;
    }
    if (!m_population.empty()) {
        sources.population = m_population;
    }
    sources.threads = m_threads;
    sources.places = true;  // GET /api/places
    sources.place_rules = m_places.rules_path();
    sources.nearrepeat_zones = m_zones;
    sources.exclude_flagged = m_places.exclusion(parse_working_crs(sources.crs));
    sources.prepare_tiles = true;
    sources.encoding = parse_text_encoding(m_encoding).value_or(TextEncoding::utf8);
    sources.secret = disclosure::Secret::load_or_create(secret_path(config));

    std::printf("loading    %zu incident files%s ...\n", sources.incidents.size(),
                sources.workspace.empty() ? "" : " and a workspace");
    std::fflush(stdout);
    std::atomic<std::shared_ptr<const Snapshot>> current(Snapshot::load(sources));
    const std::shared_ptr<const Snapshot> first = current.load();
    std::printf("loaded     %lld incidents (%lld rejected), data version %s, in %.1f s\n",
                static_cast<long long>(first->accepted()), static_cast<long long>(first->rejected()),
                first->version().c_str(), first->load_seconds());
    if (first->excluded_by() != nullptr) {
        std::printf("flagged    %lld incidents at flagged places left out (--exclude-flagged)\n",
                    static_cast<long long>(first->excluded()));
    }
    for (const auto& note : first->notes()) {
        std::printf("note       %s\n", note.c_str());
    }
    if (const auto& classes = first->layers().front()->engagement_classes; !classes.empty()) {
        std::printf("engagement %zu classes%s\n", classes.size(),
                    first->layers().front()->engagement_synthetic ? " (from the SYNTHETIC sample survey)" : "");
    }

    std::unique_ptr<server::Api> api;
    // Reloads run one at a time, whether a signal or POST /api/reload started them, so
    // each starts from the files as they are once the one before it is in: newest wins.
    std::mutex load_mutex;
    auto reload = [&]() {
        const std::lock_guard<std::mutex> lock(load_mutex);
        std::shared_ptr<const Snapshot> next = Snapshot::load(sources);
        const std::string version = next->version();
        const std::string before = current.load()->version();
        current.store(std::move(next));
        if (version != before) {
            api->data_changed();
        }
        // The old snapshot is freed when its last request ends; hand its pages back to
        // the system now rather than keeping them in the allocator's free lists.
        malloc_trim(0);
        std::printf("reloaded   data version %s\n", version.c_str());
        std::fflush(stdout);
        return version;
    };
    const std::string web_root = m_web_root.empty() ? std::string(HOTSPOT_DEFAULT_WEB_DIR) : m_web_root;
    api = std::make_unique<server::Api>(config, [&] { return current.load(); }, reload, web_root);

    std::ofstream log_file;
    std::ostream* log = nullptr;
    if (m_access_log == "-") {
        log = &std::cout;
    } else if (m_access_log != "none") {
        log_file.open(m_access_log, std::ios::app);
        if (!log_file) {
            throw OutputError(m_access_log + ": cannot open the access log");
        }
        log = &log_file;
    }
    const int threads = capped_threads(m_threads);
    server::HttpServer http(*api, m_bind, static_cast<uint16_t>(m_port), threads,
                            server::ServerLimits::from(config), log);
    if (!std::filesystem::exists(std::filesystem::path(web_root) / "vendor" / "maplibre-gl.mjs")) {
        std::fprintf(stderr, "hotspot: warning: %s has no vendor/maplibre-gl.mjs, so the map page will "
                             "not draw; scripts/setup installs it. Tiles and the API work.\n",
                     web_root.c_str());
    }
    std::printf("serving    http://%s:%u/  (Ctrl-C stops; SIGHUP or POST /api/reload reloads)\n",
                m_bind.c_str(), http.port());
    std::fflush(stdout);
    http.run([&] {
        try {
            reload();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "hotspot: reload failed, still serving the old data: %s\n", e.what());
        }
    });
    std::printf("stopped\n");
    return kSuccess;
}

}  // namespace hotspot::cli
