#include "service/analysis/snapshot.hpp"

#include <thread>

#include <openssl/evp.h>

#include "geo/calendar.hpp"
#include "geo/aggregate/area_index.hpp"
#include "geo/crs/crs.hpp"
#include "geo/detail/parallel.hpp"
#include "geo/engagement/survey.hpp"
#include "geo/engagement/tables.hpp"
#include "geo/error.hpp"
#include "geo/hotspots/weights.hpp"
#include "geo/io/area_reader.hpp"
#include "geo/io/file_hash.hpp"
#include "geo/io/harm_weights.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/population.hpp"
#include "geo/io/workspace.hpp"
#include "service/analysis/sample.hpp"

namespace hotspot::server {
namespace {

/// Hands every batch to several consumers.
class Tee : public IncidentConsumer {
  public:
    explicit Tee(std::vector<IncidentConsumer*> to) : m_to(std::move(to)) {}
    void consume(const IncidentTable& batch, size_t slot) override {
        for (IncidentConsumer* c : m_to) {
            c->consume(batch, slot);
        }
    }

  private:
    std::vector<IncidentConsumer*> m_to;
};

std::string short_digest(const std::string& text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < 8 && i < len; ++i) {
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 15];
    }
    return out;
}

std::unique_ptr<AreaLayer> make_layer(const SnapshotSources& sources, std::string id,
                                      std::string title, std::unique_ptr<AreaSet> areas,
                                      AreaFrame frame, CountsCube cube) {
    auto layer = std::make_unique<AreaLayer>();
    layer->id = std::move(id);
    layer->title = std::move(title);
    if (sources.weights) {
        layer->weights = contiguity_weights(*areas, Contiguity::queen, 1.0);
    }
    if (sources.tiles) {
        layer->tiles = std::make_unique<tiles::AreaTiles>(*areas);
    }
    layer->frame = std::move(frame);
    layer->cube = std::move(cube);
    layer->areas = std::move(areas);
    return layer;
}

}  // namespace

SnapshotSources SnapshotSources::sample(const std::string& data_dir) {
    SampleFiles files = SampleFiles::in(data_dir);
    SnapshotSources s;
    s.incidents = std::move(files.incidents);
    s.lsoas = std::move(files.lsoas);
    s.wards = std::move(files.wards);
    s.population = std::move(files.population);
    s.harm_weights = std::move(files.harm_weights);
    s.knife_definition = std::move(files.knife_definition);
    s.survey = std::move(files.survey);
    s.survey_items = std::move(files.survey_items);
    s.iod_domains = std::move(files.iod_domains);
    s.rural_urban = std::move(files.rural_urban);
    s.place_rules = data_dir + "/places.json";
    return s;
}

std::vector<double> Snapshot::category_harm() const {
    const Dictionary& cats = m_points->categories();
    if (m_harm.size() == 0) {
        return std::vector<double>(cats.size(), 1.0);  // no table: every incident weighs one
    }
    return m_harm.by_category(cats);
}

std::shared_ptr<const Snapshot> Snapshot::load(const SnapshotSources& sources) {
    const auto start = std::chrono::steady_clock::now();
    std::shared_ptr<Snapshot> s(new Snapshot());
    s->m_crs = parse_working_crs(sources.crs);
    const int threads = capped_threads(sources.threads);
    std::string digest_input = sources.crs + "|" + std::string(text_encoding_name(sources.encoding));
    auto remember = [&](const std::string& path) {
        if (!path.empty() && path.rfind("PG:", 0) != 0) {
            digest_input += path + "=" + file_sha256(path) + ";";
        }
    };

    AreaReadOptions ao;
    ao.working_crs = s->m_crs;
    auto lsoas = std::make_unique<AreaSet>(read_areas(sources.lsoas, ao));
    remember(sources.lsoas);
    std::optional<PopulationTable> population;
    if (!sources.population.empty()) {
        population = read_population(sources.population, PopulationOptions{});
        remember(sources.population);
    }
    const AreaIndex index(*lsoas);
    CountsAccumulator counts(*lsoas, index, threads);
    if (sources.secret) {
        counts.set_record_keys(*sources.secret);
    }
    s->m_points = std::make_unique<PointCollector>(threads);
    std::unique_ptr<PlaceCollector> place_collector;
    std::vector<IncidentConsumer*> consumers{&counts, s->m_points.get()};
    if (sources.places) {
        s->m_place_rules = load_place_rules(sources.place_rules, s->m_crs);
        remember(sources.place_rules);
        place_collector = std::make_unique<PlaceCollector>(static_cast<size_t>(threads));
        consumers.push_back(place_collector.get());
    }
    if (!sources.nearrepeat_zones.empty()) {
        s->m_zones = read_nearrepeat_zones(sources.nearrepeat_zones);
        remember(sources.nearrepeat_zones);
        const NearRepeatZones& z = *s->m_zones;
        s->m_notes.push_back("near-repeat zones: " + std::to_string(z.zones.size()) + " active on " +
                             (z.today ? format_day(*z.today) : std::string("no day (the file has none)")) + " from " +
                             sources.nearrepeat_zones +
                             (z.rejects.total() > 0 ? ", " + std::to_string(z.rejects.total()) + " rows rejected:\n" +
                                                          z.rejects.summary()
                                                    : std::string()));
    }
    Tee tee(consumers);
    ReadOptions options(s->m_crs, lsoas->extent());
    options.keep_details = sources.places;
    options.threads = threads;
    options.encoding = sources.encoding;
    options.consumer = &tee;
    if (sources.exclude_flagged) {
        s->m_exclude = sources.exclude_flagged;
        options.exclude = exclusion_of(sources.exclude_flagged);
        digest_input += "exclude=" + file_sha256(sources.exclude_flagged->source) + ";";
    }
    ParsedRows rows;
    for (const std::string& path : sources.incidents) {
        const SourceReport r = read_incidents(path, nullptr, options, rows);
        s->m_accepted += r.accepted;
        s->m_rejected += r.rejected;
        s->m_excluded += r.excluded;
        remember(path);
    }
    if (!sources.workspace.empty()) {
        const Workspace ws = Workspace::open(sources.workspace, false, s->m_crs);
        const SourceMapping mapping = Workspace::incidents_mapping();
        const SourceReport r = read_incidents(ws.location(), &mapping, options, rows);
        s->m_accepted += r.accepted;
        s->m_rejected += r.rejected;
        s->m_excluded += r.excluded;
        digest_input += sources.workspace + "@" + std::to_string(r.accepted) + ";";
    }
    CountsCube cube = counts.finish();
    if (place_collector) {
        s->m_places = place_collector->finish();
        s->m_place_lsoa.reserve(s->m_places->points.size());
        for (const PlacePoint& p : s->m_places->points) {
            const uint32_t a = index.locate(p.x, p.y);
            s->m_place_lsoa.push_back(a == kNoArea ? kNoId : a);
        }
    }
    if (cube.empty()) {
        throw InputError("no incidents were read, so there is nothing to map");
    }
    AreaFrame frame = frame_of(*lsoas, population ? &*population : nullptr);
    Table engagement;
    std::vector<EngagementClass> engagement_classes;
    bool synthetic = false;
    if (!sources.survey.empty() && population) {
        try {
            const EngagementCovariates cov =
                read_engagement_covariates(*lsoas, sources.iod_domains, sources.rural_urban, *population);
            const Survey survey = read_survey(sources.survey, read_survey_items(sources.survey_items), *lsoas);
            EngagementOptions eo;
            eo.threads = threads;
            const EngagementResult r = classify_engagement(*lsoas, survey, cov, eo);
            engagement = engagement_table(*lsoas, r, cov);
            engagement_classes = r.classes;
            synthetic = survey.synthetic_rows > 0;
            for (const std::string& path : {sources.survey, sources.survey_items, sources.iod_domains,
                                            sources.rural_urban}) {
                remember(path);
            }
        } catch (const InputError& e) {
            s->m_notes.push_back(std::string("no engagement classification: ") + e.what());
        }
    }

    if (!sources.wards.empty()) {
        auto wards = std::make_unique<AreaSet>(read_areas(sources.wards, ao));
        remember(sources.wards);
        Rollup rollup = rollup_by_overlap(*lsoas, frame, *wards);
        CountsCube ward_cube = regroup(cube, rollup.group_of, rollup.frame.size());
        AreaFrame ward_frame = std::move(rollup.frame);
        // The roll-up's frame points at the ward geometries, which the layer keeps.
        auto layer = make_layer(sources, "ward", "Wards", std::move(wards), std::move(ward_frame),
                                std::move(ward_cube));
        s->m_layers.push_back(make_layer(sources, "lsoa", "LSOAs", std::move(lsoas), std::move(frame),
                                         std::move(cube)));
        s->m_layers.push_back(std::move(layer));
    } else {
        s->m_layers.push_back(make_layer(sources, "lsoa", "Areas", std::move(lsoas), std::move(frame),
                                         std::move(cube)));
    }
    if (s->m_places && s->m_layers.size() > 1) {
        const AreaIndex ward_index(*s->m_layers[1]->areas);
        s->m_place_ward.reserve(s->m_places->points.size());
        for (const PlacePoint& p : s->m_places->points) {
            const uint32_t w = ward_index.locate(p.x, p.y);
            s->m_place_ward.push_back(w == kNoArea ? kNoId : w);
        }
    }
    AreaLayer& small = *s->m_layers.front();
    small.engagement = std::move(engagement);
    small.engagement.geometry.clear();  // the layer's own geometry is used
    small.engagement_classes = std::move(engagement_classes);
    small.engagement_synthetic = synthetic;
    if (!sources.harm_weights.empty()) {
        s->m_harm = read_harm_weights(sources.harm_weights);
        remember(sources.harm_weights);
    }
    if (!sources.knife_definition.empty()) {
        s->m_knife = load_knife_definition(sources.knife_definition);
        remember(sources.knife_definition);
    }
    std::vector<std::vector<std::string>> presets;
    try {
        presets.push_back(knife_categories(s->m_knife, s->m_points->categories()));
    } catch (const InputError&) {
        // No knife crime in the data: the preset holds nothing to publish.
    }
    s->m_space.emplace(s->m_points->first_month(), s->m_points->last_month(), std::move(presets));
    s->m_secret = sources.secret;
    if (sources.prepare_tiles && sources.tiles) {
        // One thread per layer: each layer's GEOS work takes turns only within itself.
        std::vector<std::thread> prepare;
        for (const auto& l : s->m_layers) {
            prepare.emplace_back([&tiles = *l->tiles] {
                tiles.prepare(SnapshotSources::kPreparedZooms[0], SnapshotSources::kPreparedZooms[1]);
            });
        }
        for (auto& t : prepare) {
            t.join();
        }
    }
    s->m_version = short_digest(digest_input);
    s->m_loaded_at = std::chrono::system_clock::now();
    s->m_load_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return s;
}

const AreaLayer* Snapshot::layer(const std::string& id) const {
    for (const auto& l : m_layers) {
        if (l->id == id) {
            return l.get();
        }
    }
    return nullptr;
}

}  // namespace hotspot::server
