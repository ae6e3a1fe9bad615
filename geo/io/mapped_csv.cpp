#include "geo/io/mapped_csv.hpp"

#include "geo/crs/projection.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_builder.hpp"
#include "geo/io/police_uk.hpp"
#include "geo/text.hpp"

namespace hotspot {
namespace {

constexpr int kAbsent = -1;

struct Columns {
    int x = kAbsent;
    int y = kAbsent;
    int time = kAbsent;
    int category = kAbsent;
    int id = kAbsent;
    int location = kAbsent;
    int outcome = kAbsent;
    int area = kAbsent;
    int knife = kAbsent;
    int place = kAbsent;
    int street = kAbsent;
    int place_type = kAbsent;
    size_t count = 0;
};

class MappedHandler final : public CsvRowHandler {
  public:
    MappedHandler(const SourceMapping& mapping, const Columns& columns, const ReadOptions& options,
                  const Projector& projector, CoordinateKind kind, const std::string& file)
        : m_mapping(mapping),
          m_columns(columns),
          m_builder(options, projector, kind, file, m_rows) {}

    void record(std::span<const std::string_view> f, int64_t line, std::string_view raw) override {
        m_builder.begin(line, raw);
        if (f.size() != m_columns.count) {
            m_builder.reject(RejectReason::wrong_column_count,
                             "expected " + std::to_string(m_columns.count) + " fields, found " +
                                 std::to_string(f.size()));
            return;
        }
        Month month;
        int64_t minutes = kNoTime;
        uint16_t category = 0;
        double x = 0;
        double y = 0;
        if (!m_builder.time_and_category(m_mapping, at(f, m_columns.time),
                                         at(f, m_columns.category), month, minutes, category,
                                         at(f, m_columns.knife)) ||
            !m_builder.coordinates(at(f, m_columns.x), at(f, m_columns.y), *m_mapping.x,
                                   *m_mapping.y, x, y)) {
            return;
        }
        m_builder.append(x, y, month, minutes, category, at(f, m_columns.area),
                         {.crime_id = at(f, m_columns.id),
                          .location = at(f, m_columns.location),
                          .outcome = at(f, m_columns.outcome),
                          .place = at(f, m_columns.place),
                          .street = at(f, m_columns.street),
                          .place_type = at(f, m_columns.place_type)});
    }

    void malformed(int64_t line, std::string_view raw, RejectReason reason,
                   std::string detail) override {
        m_builder.begin(line, raw);
        m_builder.reject(reason, std::move(detail));
    }

  private:
    static std::string_view at(std::span<const std::string_view> f, int i) {
        return i == kAbsent ? std::string_view{} : f[static_cast<size_t>(i)];
    }

    const SourceMapping& m_mapping;
    const Columns& m_columns;
    IncidentBuilder m_builder;
};

}  // namespace

void read_mapped_csv(CsvFileReader& reader, const SourceMapping& mapping,
                     const ReadOptions& options, ParsedRows& out) {
    const auto& header = reader.header();
    if (!mapping.x || !mapping.y) {
        throw InputError(reader.name() + ": the column mapping must name \"x\" and \"y\" "
                                         "columns for a CSV file");
    }
    auto resolve = [&](const std::optional<std::string>& name) {
        if (!name) {
            return kAbsent;
        }
        const auto i = column_index(header, *name);
        if (!i) {
            throw InputError(reader.name() + ":1: no column \"" + *name +
                             "\" (columns: " + join(header, ", ") + ")");
        }
        return static_cast<int>(*i);
    };
    Columns columns;
    columns.count = header.size();
    columns.x = resolve(mapping.x);
    columns.y = resolve(mapping.y);
    columns.time = resolve(mapping.month ? mapping.month : mapping.date);
    columns.category = resolve(mapping.category);
    columns.id = resolve(mapping.id);
    columns.location = resolve(mapping.location);
    columns.outcome = resolve(mapping.outcome);
    columns.place = resolve(mapping.place);
    columns.street = resolve(mapping.street);
    columns.place_type = resolve(mapping.place_type);
    columns.area = resolve(mapping.area);
    columns.knife = resolve(mapping.knife_column);

    const OGRSpatialReference source = parse_crs(mapping.crs.value_or("EPSG:4326"));
    const CoordinateKind kind =
        source.IsGeographic() != 0 ? CoordinateKind::geographic : CoordinateKind::projected;
    const Projector& projector = options.projectors->get(source);
    const std::string& file = reader.name();
    reader.read(
        [&] {
            return std::make_unique<MappedHandler>(mapping, columns, options, projector, kind,
                                                   file);
        },
        options.threads, out, options.progress, options.consumer);
}

}  // namespace hotspot
