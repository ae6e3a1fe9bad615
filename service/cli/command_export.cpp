#include "service/cli/command_export.hpp"

#include <set>

#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/layer_writer.hpp"
#include "geo/io/police_uk.hpp"
#include "geo/io/workspace.hpp"
#include "service/cli/exit_codes.hpp"

namespace hotspot::cli {

CLI::App* ExportCommand::setup(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "export",
        "Write a layer of a workspace (incidents, rejects or the ingest log) as CSV, "
        "GeoPackage, GeoJSON or a zipped Shapefile");
    cmd->add_option("-w,--workspace", m_workspace, "Workspace (GeoPackage file or PG:...)")
        ->required();
    cmd->add_option("--layer", m_layer, "incidents (default), rejects or ingest-log")
        ->check(CLI::IsMember({"incidents", "rejects", "ingest-log"}));
    m_filter.add_to(*cmd);
    cmd->add_option("--crs", m_crs, "Working CRS of the workspace (default EPSG:27700)");
    cmd->add_option("-o,--out", m_out, "Output: .csv, .gpkg, .geojson (EPSG:4326) or .shp.zip")
        ->required();
    cmd->add_flag("-q,--quiet", m_quiet, "Print nothing but errors");
    cmd->footer(std::string("Example:\n  hotspot export --workspace essex.gpkg --layer incidents "
                            "--categories \"Possession of weapons\" --out weapons.shp.zip\n\n") +
                kExitCodeHelp);
    return cmd;
}

namespace {

FieldType field_type(OGRFieldType t) {
    if (t == OFTInteger || t == OFTInteger64) {
        return FieldType::integer;
    }
    return t == OFTReal ? FieldType::real : FieldType::string;
}

FieldValue field_value(OGRFeature& f, int i, FieldType type) {
    if (!f.IsFieldSetAndNotNull(i)) {
        return {};
    }
    switch (type) {
        case FieldType::integer: return static_cast<int64_t>(f.GetFieldAsInteger64(i));
        case FieldType::real: return f.GetFieldAsDouble(i);
        case FieldType::string: return std::string(f.GetFieldAsString(i));
    }
    return {};
}

}  // namespace

int ExportCommand::run() {
    export_format(m_out);
    const OGRSpatialReference crs = parse_working_crs(m_crs);
    const Workspace ws = Workspace::open(m_workspace, false, crs);
    GDALDatasetUniquePtr ds = detail::open_vector(ws.location(), m_workspace);
    const std::string layer_name = m_layer == "incidents" ? Workspace::kIncidents
                                   : m_layer == "rejects" ? Workspace::kRejects
                                                          : Workspace::kIngestLog;
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    OGRFeatureDefn* defn = layer->GetLayerDefn();

    std::vector<FieldSpec> fields;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        std::string name = defn->GetFieldDefn(i)->GetNameRef();
        // The one stored name longer than a Shapefile allows gets a short form there.
        fields.push_back({name, field_type(defn->GetFieldDefn(i)->GetType()), {},
                          name == "reported_area" ? "rep_area" : ""});
    }
    const Filter filter = m_filter.filter();
    std::set<std::string> categories;
    for (const auto& c : filter.categories) {
        std::string name = c;
        for (const auto& known : police_uk::categories()) {
            if (c == known.code) {
                name = known.name;
            }
        }
        categories.insert(name);
    }
    const int month_i = defn->GetFieldIndex("month");
    const int category_i = defn->GetFieldIndex("category");
    auto keep = [&](OGRFeature& f) {
        if (category_i >= 0 && !categories.empty() &&
            !categories.contains(f.GetFieldAsString(category_i))) {
            return false;
        }
        if (month_i >= 0 && (filter.from || filter.to)) {
            const auto m = parse_month(f.GetFieldAsString(month_i));
            if (!m || (filter.from && *m < *filter.from) || (filter.to && *m > *filter.to)) {
                return false;
            }
        }
        return true;
    };

    int64_t written = 0;
    if (layer_name == Workspace::kIncidents) {
        PointWriter out(m_out, layer_name, fields, crs);
        for (auto& f : *layer) {
            const OGRGeometry* g = f->GetGeometryRef();
            if (!keep(*f) || g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint) {
                continue;
            }
            std::vector<FieldValue> values;
            for (size_t i = 0; i < fields.size(); ++i) {
                values.push_back(field_value(*f, static_cast<int>(i), fields[i].type));
            }
            out.write(values, g->toPoint()->getX(), g->toPoint()->getY());
            ++written;
        }
        out.commit();
    } else {
        Table t;
        t.name = layer_name;
        t.fields = fields;
        for (auto& f : *layer) {
            std::vector<FieldValue> values;
            for (size_t i = 0; i < fields.size(); ++i) {
                values.push_back(field_value(*f, static_cast<int>(i), fields[i].type));
            }
            t.rows.push_back(std::move(values));
        }
        written = static_cast<int64_t>(t.rows.size());
        write_table(t, m_out);
    }
    if (!m_quiet) {
        std::printf("wrote     %s rows (%s) to %s\n", with_commas(written).c_str(),
                    layer_name.c_str(), m_out.c_str());
    }
    return kSuccess;
}

}  // namespace hotspot::cli
