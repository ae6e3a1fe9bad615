#include "geo/io/layer_writer.hpp"

#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include <unistd.h>

#include "geo/cancel.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/text.hpp"

namespace hotspot {
namespace {

namespace fs = std::filesystem;

constexpr size_t kShapefileMaxString = 254;

const char* driver_name(ExportFormat f) {
    switch (f) {
        case ExportFormat::csv: return "CSV";
        case ExportFormat::geopackage: return "GPKG";
        case ExportFormat::geojson: return "GeoJSON";
        case ExportFormat::shapefile_zip: return "ESRI Shapefile";
    }
    return "";
}

/// Cuts a UTF-8 string to at most `max` bytes without splitting a character.
bool cut_utf8(std::string& s, size_t max) {
    if (s.size() <= max) {
        return false;
    }
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) {
        --n;
    }
    s.resize(n);
    return true;
}

/// An OGR layer written under a temporary name and moved into place on commit.
class OgrOutput {
  public:
    OgrOutput(const std::string& path, const std::string& layer_name,
              const std::vector<FieldSpec>& fields, const OGRSpatialReference* crs,
              OGRwkbGeometryType geometry, const std::string& description = {})
        : m_path(path), m_format(export_format(path)) {
        detail::gdal_init();
        static std::atomic<int> counter{0};
        const fs::path out(path);
        const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
        if (!fs::is_directory(dir)) {
            throw OutputError(path + ": the folder " + dir.string() + " does not exist");
        }
        m_temp_dir = dir / ("." + out.filename().string() + ".partial-" +
                            std::to_string(getpid()) + "-" + std::to_string(counter++));
        std::error_code ec;
        fs::create_directory(m_temp_dir, ec);
        if (ec) {
            throw OutputError(path + ": cannot write in " + dir.string() + ": " + ec.message());
        }
        m_temp_path = (m_temp_dir / out.filename()).string();

        detail::GdalErrorCapture errors;
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name(m_format));
        if (driver == nullptr) {
            throw OutputError(path + ": GDAL has no " + driver_name(m_format) + " driver");
        }
        m_dataset.reset(driver->Create(m_temp_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!m_dataset) {
            cleanup();
            throw OutputError(path + ": cannot be created" + errors.suffix());
        }
        std::vector<std::string> options;
        if (m_format == ExportFormat::csv) {
            options.emplace_back("STRING_QUOTING=IF_NEEDED");
            if (geometry == wkbPoint) {
                options.emplace_back("GEOMETRY=AS_XY");
            } else {
                geometry = wkbNone;  // polygons stay out of CSV files
            }
        } else if (m_format == ExportFormat::geojson) {
            options.emplace_back("RFC7946=YES");
        } else if (m_format == ExportFormat::shapefile_zip) {
            options.emplace_back("ENCODING=UTF-8");
        }
        if (!description.empty() && (m_format == ExportFormat::geojson || m_format == ExportFormat::geopackage)) {
            options.emplace_back("DESCRIPTION=" + description);
        }
        std::vector<const char*> option_ptrs;
        for (const auto& o : options) {
            option_ptrs.push_back(o.c_str());
        }
        option_ptrs.push_back(nullptr);
        OGRSpatialReference* layer_crs = nullptr;
        if (crs != nullptr && geometry != wkbNone) {
            layer_crs = crs->Clone();
        }
        m_layer = m_dataset->CreateLayer(layer_name.c_str(), layer_crs, geometry,
                                         const_cast<char**>(option_ptrs.data()));
        if (layer_crs != nullptr) {
            layer_crs->Release();
        }
        if (m_layer == nullptr) {
            cleanup();
            throw OutputError(path + ": cannot create layer \"" + layer_name + "\"" +
                              errors.suffix());
        }
        for (const auto& f : fields) {
            OGRFieldType type = OFTString;
            if (f.type == FieldType::integer) {
                type = m_format == ExportFormat::shapefile_zip ? OFTInteger : OFTInteger64;
            } else if (f.type == FieldType::real) {
                type = OFTReal;
            }
            const std::string& name =
                m_format == ExportFormat::shapefile_zip ? f.shapefile_name() : f.name;
            OGRFieldDefn defn(name.c_str(), type);
            if (m_format == ExportFormat::shapefile_zip && type == OFTString) {
                defn.SetWidth(static_cast<int>(kShapefileMaxString));
            }
            if (m_layer->CreateField(&defn) != OGRERR_NONE) {
                cleanup();
                throw OutputError(path + ": cannot create field \"" + f.name + "\"" +
                                  errors.suffix());
            }
        }
        m_geometry = geometry;
        m_fields = fields.size();
        // Drivers without transactions (Shapefile, CSV) just write straight through.
        m_in_transaction = m_layer->StartTransaction() == OGRERR_NONE;
    }

    ~OgrOutput() {
        if (!m_committed) {
            m_dataset.reset();
            cleanup();
        }
    }
    OgrOutput(const OgrOutput&) = delete;
    OgrOutput& operator=(const OgrOutput&) = delete;

    void add(const std::vector<FieldValue>& values, std::unique_ptr<OGRGeometry> geometry) {
        OGRFeature feature(m_layer->GetLayerDefn());
        for (size_t i = 0; i < m_fields && i < values.size(); ++i) {
            const int fi = static_cast<int>(i);
            const FieldValue& v = values[i];
            if (std::holds_alternative<int64_t>(v)) {
                feature.SetField(fi, static_cast<GIntBig>(std::get<int64_t>(v)));
            } else if (std::holds_alternative<double>(v)) {
                feature.SetField(fi, std::get<double>(v));
            } else if (std::holds_alternative<std::string>(v)) {
                if (m_format == ExportFormat::shapefile_zip &&
                    std::get<std::string>(v).size() > kShapefileMaxString) {
                    std::string s = std::get<std::string>(v);
                    cut_utf8(s, kShapefileMaxString);
                    ++m_truncated;
                    feature.SetField(fi, s.c_str());
                } else {
                    feature.SetField(fi, std::get<std::string>(v).c_str());
                }
            } else {
                feature.SetFieldNull(fi);
            }
        }
        if (geometry && m_geometry != wkbNone) {
            feature.SetGeometryDirectly(geometry.release());
        }
        detail::GdalErrorCapture errors;
        if (m_layer->CreateFeature(&feature) != OGRERR_NONE) {
            throw OutputError(m_path + ": cannot write feature " + std::to_string(m_count + 1) +
                              errors.suffix());
        }
        ++m_count;
    }

    void commit() {
        detail::GdalErrorCapture errors;
        if (m_in_transaction && m_layer->CommitTransaction() != OGRERR_NONE) {
            throw OutputError(m_path + ": cannot finish writing" + errors.suffix());
        }
        m_dataset.reset();  // closes and flushes the file
        if (!errors.last_error().empty()) {
            cleanup();
            throw OutputError(m_path + ": cannot finish writing" + errors.suffix());
        }
        std::error_code ec;
        fs::rename(m_temp_path, m_path, ec);
        if (ec) {
            cleanup();
            throw OutputError(m_path + ": cannot be moved into place: " + ec.message());
        }
        fs::remove_all(m_temp_dir, ec);
        m_committed = true;
    }

    [[nodiscard]] size_t truncated() const { return m_truncated; }
    [[nodiscard]] OGRwkbGeometryType geometry_type() const { return m_geometry; }

  private:
    void cleanup() {
        std::error_code ec;
        fs::remove_all(m_temp_dir, ec);
    }

    std::string m_path;
    ExportFormat m_format;
    fs::path m_temp_dir;
    std::string m_temp_path;
    GDALDatasetUniquePtr m_dataset;
    OGRLayer* m_layer = nullptr;
    OGRwkbGeometryType m_geometry = wkbNone;
    size_t m_fields = 0;
    size_t m_count = 0;
    size_t m_truncated = 0;
    bool m_committed = false;
    bool m_in_transaction = false;
};

}  // namespace

ExportFormat export_format(const std::string& path) {
    const std::string lower = lower_ascii(path);
    if (lower.ends_with(".csv")) {
        return ExportFormat::csv;
    }
    if (lower.ends_with(".gpkg")) {
        return ExportFormat::geopackage;
    }
    if (lower.ends_with(".geojson") || lower.ends_with(".json")) {
        return ExportFormat::geojson;
    }
    if (lower.ends_with(".shp.zip")) {
        return ExportFormat::shapefile_zip;
    }
    throw OutputError(path + ": unknown output format (use .csv, .gpkg, .geojson or .shp.zip)");
}

size_t write_table(const Table& table, const std::string& path, const std::string& description) {
    const bool has_geometry = !table.geometry.empty();
    OgrOutput out(path, table.name, table.fields, table.crs,
                  has_geometry ? wkbMultiPolygon : wkbNone, description);
    for (size_t r = 0; r < table.rows.size(); ++r) {
        cancellation_point();
        std::unique_ptr<OGRGeometry> g;
        if (has_geometry && table.geometry[r] != nullptr &&
            out.geometry_type() != wkbNone) {
            g.reset(OGRGeometryFactory::createFromGEOS(
                table.geos, const_cast<GEOSGeometry*>(table.geometry[r])));
            if (g) {
                g.reset(OGRGeometryFactory::forceToMultiPolygon(g.release()));
            }
        }
        out.add(table.rows[r], std::move(g));
    }
    out.commit();
    return out.truncated();
}

struct PointWriter::State {
    std::unique_ptr<OgrOutput> output;
};

PointWriter::PointWriter(const std::string& path, const std::string& layer_name,
                         std::vector<FieldSpec> fields, const OGRSpatialReference& crs)
    : m_state(std::make_unique<State>()) {
    m_state->output = std::make_unique<OgrOutput>(path, layer_name, fields, &crs, wkbPoint);
}

PointWriter::~PointWriter() = default;

void PointWriter::write(const std::vector<FieldValue>& values, double x, double y) {
    m_state->output->add(values, std::make_unique<OGRPoint>(x, y));
}

void PointWriter::commit() { m_state->output->commit(); }

}  // namespace hotspot
