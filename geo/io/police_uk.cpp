#include "geo/io/police_uk.hpp"

#include <cctype>

#include "geo/crs/projection.hpp"
#include "geo/io/incident_builder.hpp"

namespace hotspot::police_uk {
namespace {

constexpr std::array<std::string_view, kColumnCount> kColumnNames{
    "crime_id",  "month",    "reported_by", "falls_within", "longitude",
    "latitude",  "location", "lsoa_code",   "lsoa_name",    "crime_type",
    "last_outcome_category", "context"};

constexpr std::array<Category, 14> kCategories{{
    {"Anti-social behaviour", "asb"},
    {"Bicycle theft", "bicycle"},
    {"Burglary", "burglary"},
    {"Criminal damage and arson", "damage"},
    {"Drugs", "drugs"},
    {"Other crime", "other"},
    {"Other theft", "oththeft"},
    {"Possession of weapons", "weapons"},
    {"Public order", "order"},
    {"Robbery", "robbery"},
    {"Shoplifting", "shoplift"},
    {"Theft from the person", "person"},
    {"Vehicle crime", "vehicle"},
    {"Violence and sexual offences", "violence"},
}};

class StreetCrimeHandler final : public CsvRowHandler {
  public:
    StreetCrimeHandler(const Layout& layout, const ReadOptions& options,
                       const Projector& projector, const std::string& file)
        : m_layout(layout),
          m_builder(options, projector, CoordinateKind::geographic, file, m_rows) {}

    void record(std::span<const std::string_view> f, int64_t line, std::string_view raw) override {
        m_builder.begin(line, raw);
        if (f.size() != m_layout.field_count) {
            m_builder.reject(RejectReason::wrong_column_count,
                             "expected " + std::to_string(m_layout.field_count) +
                                 " fields, found " + std::to_string(f.size()));
            return;
        }
        Month month;
        uint16_t category = 0;
        double x = 0;
        double y = 0;
        if (!m_builder.month(field(f, Column::month), "month", month) ||
            !m_builder.category(field(f, Column::crime_type), "crime type", category) ||
            !m_builder.coordinates(field(f, Column::longitude), field(f, Column::latitude),
                                   "longitude", "latitude", x, y)) {
            return;
        }
        m_builder.append(x, y, month, kNoTime, category, field(f, Column::lsoa_code),
                         {.crime_id = field(f, Column::crime_id),
                          .location = field(f, Column::location),
                          .outcome = field(f, Column::last_outcome_category)});
    }

    void malformed(int64_t line, std::string_view raw, RejectReason reason,
                   std::string detail) override {
        m_builder.begin(line, raw);
        m_builder.reject(reason, std::move(detail));
    }

  private:
    std::string_view field(std::span<const std::string_view> f, Column c) const {
        const int i = m_layout.at(c);
        return i < 0 ? std::string_view{} : f[static_cast<size_t>(i)];
    }

    const Layout& m_layout;
    IncidentBuilder m_builder;
};

}  // namespace

std::string normalise_header(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        if (c == ' ' || c == '-' || c == '_') {
            if (!out.empty() && out.back() != '_') {
                out.push_back('_');
            }
        } else {
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out;
}

std::optional<Layout> detect(const std::vector<std::string>& header,
                             std::vector<std::string>* missing) {
    Layout layout;
    layout.index.fill(-1);
    layout.field_count = header.size();
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string name = normalise_header(header[i]);
        for (size_t c = 0; c < kColumnCount; ++c) {
            if (name == kColumnNames.at(c) && layout.index.at(c) < 0) {
                layout.index.at(c) = static_cast<int>(i);
            }
        }
    }
    bool ok = true;
    for (const Column c : {Column::month, Column::longitude, Column::latitude, Column::crime_type}) {
        if (layout.at(c) < 0) {
            ok = false;
            if (missing != nullptr) {
                missing->emplace_back(kColumnNames.at(static_cast<size_t>(c)));
            }
        }
    }
    return ok ? std::optional<Layout>(layout) : std::nullopt;
}

std::span<const Category> categories() { return kCategories; }

void read_street_csv(CsvFileReader& reader, const Layout& layout, const ReadOptions& options,
                     ParsedRows& out) {
    // Looked up in PROJ's database once per thread, not once per file.
    thread_local const OGRSpatialReference wgs84 = parse_crs("EPSG:4326");
    const Projector& projector = options.projectors->get(wgs84);
    const std::string& file = reader.name();
    reader.read(
        [&] { return std::make_unique<StreetCrimeHandler>(layout, options, projector, file); },
        options.threads, out, options.progress, options.consumer);
}

}  // namespace hotspot::police_uk
