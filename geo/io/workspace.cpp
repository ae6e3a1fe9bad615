#include "geo/io/workspace.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <unordered_map>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/file_hash.hpp"

namespace hotspot {
namespace {

bool is_database(const std::string& location) { return location.rfind("PG:", 0) == 0; }

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::array<char, 32> buf{};
    std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf.data();
}

void add_field(OGRLayer* layer, const char* name, OGRFieldType type, const std::string& where) {
    OGRFieldDefn defn(name, type);
    if (layer->CreateField(&defn) != OGRERR_NONE) {
        throw WorkspaceError(where + ": cannot create field " + name);
    }
}

/// The text that identifies a stored row, whatever file, line or line ending it came
/// from: its crime id where it has one, else its normalised content (position to 0.1 m,
/// month, time, category, location, area and outcome, as the workspace stores them).
std::string row_identity(std::string_view crime_id, double x, double y, std::string_view month,
                         std::string_view occurred, std::string_view category, std::string_view location,
                         std::string_view area, std::string_view outcome) {
    if (!crime_id.empty()) {
        return "id\x1f" + std::string(crime_id);
    }
    std::array<char, 64> xy{};
    std::snprintf(xy.data(), xy.size(), "%.1f\x1f%.1f", x, y);
    std::string out = "row\x1f";
    for (const std::string_view part : {std::string_view(xy.data()), month, occurred, category, location, area, outcome}) {
        out.append(part);
        out.push_back('\x1f');
    }
    return out;
}

std::string occurred_text(int64_t minutes) {
    const int64_t days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    const int minute_of_day = static_cast<int>(minutes - days * 1440);
    const std::time_t secs = static_cast<std::time_t>(days) * 86400;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    std::array<char, 64> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, minute_of_day / 60, minute_of_day % 60);
    return buf.data();
}

}  // namespace

struct Workspace::State {
    std::string location;
    GDALDatasetUniquePtr ds;
    OGRSpatialReference crs;
    OGRLayer* incidents = nullptr;
    OGRLayer* log = nullptr;
    OGRLayer* rejects = nullptr;
};

Workspace::Workspace(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

const std::string& Workspace::location() const { return m_state->location; }

SourceMapping Workspace::incidents_mapping() {
    SourceMapping m;
    m.layer = kIncidents;
    m.month = "month";
    m.category = "category";
    m.id = "crime_id";
    m.location = "location";
    m.outcome = "outcome";
    m.area = "reported_area";
    return m;
}

Workspace Workspace::open(const std::string& location, bool create,
                          const OGRSpatialReference& crs) {
    detail::gdal_init();
    auto st = std::make_unique<State>();
    st->location = location;
    st->crs = crs;
    detail::GdalErrorCapture errors;
    const bool db = is_database(location);
    if (!db && !std::filesystem::exists(location)) {
        if (!create) {
            throw WorkspaceError(location + ": no such workspace (create one with hotspot ingest)");
        }
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        st->ds.reset(gpkg->Create(location.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    } else {
        st->ds.reset(GDALDataset::Open(location.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    }
    if (!st->ds) {
        throw WorkspaceError(location + ": cannot open the workspace" + errors.suffix());
    }
    st->incidents = st->ds->GetLayerByName(kIncidents);
    st->log = st->ds->GetLayerByName(kIngestLog);
    st->rejects = st->ds->GetLayerByName(kRejects);
    const bool complete = st->incidents != nullptr && st->log != nullptr && st->rejects != nullptr;
    if (!complete) {
        if (!create) {
            throw WorkspaceError(location + ": is not a hotspot workspace (no " + kIncidents +
                                 ", " + kIngestLog + " and " + kRejects + " layers)");
        }
        if (st->incidents != nullptr || st->log != nullptr || st->rejects != nullptr) {
            throw WorkspaceError(location + ": holds some but not all of the workspace layers");
        }
        if (!db && st->ds->GetLayerCount() > 0) {
            // Someone's own GeoPackage (or any other layer file): adding our layers to it
            // would change a file the user did not mean to hand over.
            throw InputError(location + ": is not a hotspot workspace but a file with " +
                             std::to_string(st->ds->GetLayerCount()) +
                             " layers of its own; give a new file name for the workspace");
        }
        // All three layers in one transaction, so a workspace is never half made.
        const bool transaction = st->ds->StartTransaction(FALSE) == OGRERR_NONE;
        OGRSpatialReference layer_crs = crs;
        st->incidents = st->ds->CreateLayer(kIncidents, &layer_crs, wkbPoint, nullptr);
        st->log = st->ds->CreateLayer(kIngestLog, nullptr, wkbNone, nullptr);
        st->rejects = st->ds->CreateLayer(kRejects, nullptr, wkbNone, nullptr);
        if (st->incidents == nullptr || st->log == nullptr || st->rejects == nullptr) {
            throw WorkspaceError(location + ": cannot create the workspace layers" +
                                 errors.suffix());
        }
        add_field(st->incidents, "ingest_id", OFTInteger64, location);
        add_field(st->incidents, "source", OFTString, location);
        add_field(st->incidents, "line", OFTInteger64, location);
        add_field(st->incidents, "crime_id", OFTString, location);
        add_field(st->incidents, "month", OFTString, location);
        add_field(st->incidents, "occurred", OFTString, location);
        add_field(st->incidents, "category", OFTString, location);
        add_field(st->incidents, "location", OFTString, location);
        add_field(st->incidents, "reported_area", OFTString, location);
        add_field(st->incidents, "outcome", OFTString, location);
        add_field(st->log, "ingest_id", OFTInteger64, location);
        add_field(st->log, "file", OFTString, location);
        add_field(st->log, "sha256", OFTString, location);
        add_field(st->log, "accepted", OFTInteger64, location);
        add_field(st->log, "rejected", OFTInteger64, location);
        add_field(st->log, "duplicates", OFTInteger64, location);
        add_field(st->log, "started", OFTString, location);
        add_field(st->log, "finished", OFTString, location);
        add_field(st->rejects, "ingest_id", OFTInteger64, location);
        add_field(st->rejects, "file", OFTString, location);
        add_field(st->rejects, "line", OFTInteger64, location);
        add_field(st->rejects, "reason", OFTString, location);
        add_field(st->rejects, "detail", OFTString, location);
        add_field(st->rejects, "raw", OFTString, location);
        if (transaction && st->ds->CommitTransaction() != OGRERR_NONE) {
            throw WorkspaceError(location + ": cannot create the workspace layers" +
                                 errors.suffix());
        }
    }
    if (create && st->log->GetLayerDefn()->GetFieldIndex("duplicates") < 0) {
        add_field(st->log, "duplicates", OFTInteger64, location);  // a workspace from before rows were keyed
    }
    const OGRSpatialReference* stored = st->incidents->GetSpatialRef();
    if (stored == nullptr || stored->IsSame(&crs) == 0) {
        throw WorkspaceError(location + ": stores incidents in " +
                             (stored != nullptr ? crs_label(*stored) : std::string("no CRS")) +
                             ", not in the working CRS " + crs_label(crs));
    }
    return Workspace(std::move(st));
}

std::vector<IngestLogEntry> Workspace::log() const {
    std::vector<IngestLogEntry> out;
    OGRLayer* l = m_state->log;
    l->SetAttributeFilter(nullptr);
    l->ResetReading();
    for (auto& f : *l) {
        IngestLogEntry e;
        e.id = f->GetFieldAsInteger64("ingest_id");
        e.file = f->GetFieldAsString("file");
        e.sha256 = f->GetFieldAsString("sha256");
        e.accepted = f->GetFieldAsInteger64("accepted");
        e.rejected = f->GetFieldAsInteger64("rejected");
        if (f->GetFieldIndex("duplicates") >= 0) {
            e.duplicates = f->GetFieldAsInteger64("duplicates");
        }
        e.started = f->GetFieldAsString("started");
        e.finished = f->GetFieldAsString("finished");
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(),
              [](const IngestLogEntry& a, const IngestLogEntry& b) { return a.id < b.id; });
    return out;
}

int64_t Workspace::incident_count() const { return m_state->incidents->GetFeatureCount(TRUE); }

std::unordered_map<uint64_t, int64_t> Workspace::stored_rows() const {
    // Hashes of identities, counted: the same row may rightly occur twice (two incidents
    // at one snap point in one month), and is then a duplicate only past that count.
    std::unordered_map<uint64_t, int64_t> out;
    OGRLayer* l = m_state->incidents;
    const char* ignored[] = {"ingest_id", "source", "line", nullptr};
    l->SetIgnoredFields(ignored);
    l->SetAttributeFilter(nullptr);
    l->ResetReading();
    for (auto& f : *l) {
        double x = 0;
        double y = 0;
        if (const OGRGeometry* g = f->GetGeometryRef(); g != nullptr && wkbFlatten(g->getGeometryType()) == wkbPoint) {
            x = g->toPoint()->getX();
            y = g->toPoint()->getY();
        }
        const auto text = [&](const char* name) {
            return f->IsFieldSetAndNotNull(f->GetFieldIndex(name)) ? std::string_view(f->GetFieldAsString(name))
                                                                   : std::string_view();
        };
        ++out[std::hash<std::string>{}(row_identity(text("crime_id"), x, y, text("month"), text("occurred"),
                                                     text("category"), text("location"), text("reported_area"),
                                                     text("outcome")))];
    }
    l->SetIgnoredFields(nullptr);
    return out;
}

IngestResult Workspace::ingest(const std::string& input, const SourceMapping* mapping,
                               const ReadOptions& options) {
    State& st = *m_state;
    IngestResult result;
    result.entry.started = utc_now();
    result.entry.file = input;

    // Files are recognised by their bytes; database layers by the rows read from them.
    ParsedRows rows;
    ReadOptions read = options;
    read.keep_details = true;
    read.consumer = nullptr;
    const bool is_file = !is_database(input);
    if (is_file) {
        result.entry.sha256 = file_sha256(input);
    }
    const auto previous = log();
    for (const auto& e : previous) {
        if (!result.entry.sha256.empty() && e.sha256 == result.entry.sha256) {
            result.skipped = true;
            result.entry = e;
            return result;
        }
    }
    const SourceReport report = read_incidents(input, mapping, read, rows);
    result.description = report.description;
    const IncidentTable& t = rows.table;
    if (!is_file) {
        Sha256 hash;
        for (size_t i = 0; i < t.size(); ++i) {
            const std::string row = std::to_string(t.x[i]) + "," + std::to_string(t.y[i]) + "," +
                                    t.month[i].to_string() + "," + t.categories.at(t.category[i]) +
                                    "," + t.details->crime_id[i] + "\n";
            hash.update(row);
        }
        result.entry.sha256 = hash.hex();
        for (const auto& e : previous) {
            if (e.sha256 == result.entry.sha256) {
                result.skipped = true;
                result.entry = e;
                return result;
            }
        }
    }
    result.entry.id = previous.empty() ? 1 : previous.back().id + 1;

    // Rows stored by an earlier ingest (of this file renamed, re-saved with other line
    // endings, or a later export that repeats it) are counted, not stored again.
    std::unordered_map<uint64_t, int64_t> stored = stored_rows();
    std::vector<char> fresh(t.size(), 1);
    for (size_t i = 0; i < t.size(); ++i) {
        const std::string occurred = t.has_time() && t.minutes[i] != kNoTime ? occurred_text(t.minutes[i]) : "";
        const std::string area = t.reported_area[i] != kNoId ? t.reported_areas.at(t.reported_area[i]) : "";
        const uint64_t h = std::hash<std::string>{}(row_identity(
            t.details->crime_id[i], t.x[i], t.y[i], t.month[i].to_string(), occurred, t.categories.at(t.category[i]),
            t.details->location[i], area, t.details->outcome[i]));
        if (auto it = stored.find(h); it != stored.end() && it->second > 0) {
            --it->second;
            fresh[i] = 0;
            ++result.entry.duplicates;
        }
    }
    result.entry.accepted = static_cast<int64_t>(t.size()) - result.entry.duplicates;
    result.entry.rejected = rows.rejects.total();

    detail::GdalErrorCapture errors;
    if (st.ds->StartTransaction(FALSE) != OGRERR_NONE) {
        throw WorkspaceError(st.location + ": cannot start a transaction" + errors.suffix());
    }
    auto fail = [&](const std::string& what) {
        const std::string message = st.location + ": " + what + errors.suffix();
        st.ds->RollbackTransaction();
        throw WorkspaceError(message);
    };
    for (size_t i = 0; i < t.size(); ++i) {
        if (fresh[i] == 0) {
            continue;
        }
        OGRFeature f(st.incidents->GetLayerDefn());
        f.SetField("ingest_id", static_cast<GIntBig>(result.entry.id));
        f.SetField("source", t.sources.at(t.details->source[i]).c_str());
        f.SetField("line", static_cast<GIntBig>(t.details->line[i]));
        if (!t.details->crime_id[i].empty()) {
            f.SetField("crime_id", t.details->crime_id[i].c_str());
        }
        f.SetField("month", t.month[i].to_string().c_str());
        if (t.has_time() && t.minutes[i] != kNoTime) {
            f.SetField("occurred", occurred_text(t.minutes[i]).c_str());
        }
        f.SetField("category", t.categories.at(t.category[i]).c_str());
        if (!t.details->location[i].empty()) {
            f.SetField("location", t.details->location[i].c_str());
        }
        if (t.reported_area[i] != kNoId) {
            f.SetField("reported_area", t.reported_areas.at(t.reported_area[i]).c_str());
        }
        if (!t.details->outcome[i].empty()) {
            f.SetField("outcome", t.details->outcome[i].c_str());
        }
        f.SetGeometryDirectly(new OGRPoint(t.x[i], t.y[i]));
        if (st.incidents->CreateFeature(&f) != OGRERR_NONE) {
            fail("cannot store incident " + std::to_string(i + 1) + " of " + input);
        }
    }
    for (const Reject& r : rows.rejects.items()) {
        OGRFeature f(st.rejects->GetLayerDefn());
        f.SetField("ingest_id", static_cast<GIntBig>(result.entry.id));
        f.SetField("file", r.file.c_str());
        f.SetField("line", static_cast<GIntBig>(r.line));
        f.SetField("reason", std::string(reason_name(r.reason)).c_str());
        f.SetField("detail", r.detail.c_str());
        f.SetField("raw", r.raw.c_str());
        if (st.rejects->CreateFeature(&f) != OGRERR_NONE) {
            fail("cannot store a rejected row of " + input);
        }
    }
    result.entry.finished = utc_now();
    OGRFeature f(st.log->GetLayerDefn());
    f.SetField("ingest_id", static_cast<GIntBig>(result.entry.id));
    f.SetField("file", input.c_str());
    f.SetField("sha256", result.entry.sha256.c_str());
    f.SetField("accepted", static_cast<GIntBig>(result.entry.accepted));
    f.SetField("rejected", static_cast<GIntBig>(result.entry.rejected));
    if (f.GetFieldIndex("duplicates") >= 0) {
        f.SetField("duplicates", static_cast<GIntBig>(result.entry.duplicates));
    }
    f.SetField("started", result.entry.started.c_str());
    f.SetField("finished", result.entry.finished.c_str());
    if (st.log->CreateFeature(&f) != OGRERR_NONE) {
        fail("cannot write the ingest log");
    }
    if (st.ds->CommitTransaction() != OGRERR_NONE) {
        fail("cannot commit the ingest of " + input);
    }
    return result;
}

}  // namespace hotspot
