#include "geo/io/ogr_incidents.hpp"

#include "geo/crs/projection.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/io/incident_builder.hpp"
#include "geo/text.hpp"

namespace hotspot {
namespace {

constexpr size_t kBatch = 65536;  // rows handed to a consumer at a time

bool is_point_type(OGRwkbGeometryType t) {
    return t == wkbPoint || t == wkbMultiPoint || t == wkbNone || t == wkbUnknown;
}

int field_index(OGRFeatureDefn& defn, const std::string& layer_desc,
                const std::optional<std::string>& name) {
    if (!name) {
        return -1;
    }
    const int i = defn.GetFieldIndex(name->c_str());
    if (i < 0) {
        throw InputError(layer_desc + ": no field \"" + *name + "\"");
    }
    return i;
}

std::string field_text(OGRFeature& f, int i) {
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) {
        return {};
    }
    return f.GetFieldAsString(i);
}

/// A short text of the feature's attributes, kept with a reject.
std::string describe_feature(OGRFeature& f) {
    std::string out;
    OGRFeatureDefn* defn = f.GetDefnRef();
    for (int i = 0; i < defn->GetFieldCount() && out.size() < Reject::kMaxRawBytes; ++i) {
        out += i == 0 ? "" : "; ";
        out += defn->GetFieldDefn(i)->GetNameRef();
        out += '=';
        out += field_text(f, i);
    }
    return out;
}

}  // namespace

std::string read_ogr_incidents(const std::string& path, const std::string& name,
                               const SourceMapping* mapping, const ReadOptions& options,
                               ParsedRows& out) {
    GDALDatasetUniquePtr ds = detail::open_vector(path, name);
    OGRLayer* layer = detail::pick_layer(*ds, name, mapping != nullptr && mapping->layer
                                                        ? &*mapping->layer
                                                        : nullptr,
                                         &is_point_type, "points");
    const std::string layer_desc = name + " layer \"" + layer->GetName() + "\"";
    OGRFeatureDefn* defn = layer->GetLayerDefn();

    SourceMapping guessed;
    if (mapping == nullptr) {
        std::vector<std::string> columns;
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        }
        std::vector<std::string> missing;
        const bool no_geometry = layer->GetGeomType() == wkbNone;
        auto g = guess_mapping(columns, no_geometry, missing);
        if (!g) {
            throw InputError(layer_desc + ": cannot tell which fields hold the " + join(missing, "; ") +
                             "; give a column mapping with --mapping");
        }
        guessed = std::move(*g);
        mapping = &guessed;
    }

    const bool use_columns = mapping->x.has_value();
    const int x_field = field_index(*defn, layer_desc, mapping->x);
    const int y_field = field_index(*defn, layer_desc, mapping->y);
    const int time_field = field_index(*defn, layer_desc, mapping->month ? mapping->month
                                                                          : mapping->date);
    const int category_field = field_index(*defn, layer_desc, mapping->category);
    const int id_field = field_index(*defn, layer_desc, mapping->id);
    const int location_field = field_index(*defn, layer_desc, mapping->location);
    const int outcome_field = field_index(*defn, layer_desc, mapping->outcome);
    const int area_field = field_index(*defn, layer_desc, mapping->area);
    const int knife_field = field_index(*defn, layer_desc, mapping->knife_column);
    const int place_field = field_index(*defn, layer_desc, mapping->place);
    const int street_field = field_index(*defn, layer_desc, mapping->street);
    const int place_type_field = field_index(*defn, layer_desc, mapping->place_type);

    OGRSpatialReference source;
    if (mapping->crs) {
        source = parse_crs(*mapping->crs);
    } else if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs != nullptr) {
        source = *srs;
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else if (use_columns) {
        source = parse_crs("EPSG:4326");
    } else {
        throw InputError(layer_desc + ": has no coordinate reference system; give one with "
                                      "\"crs\" in a column mapping");
    }
    const CoordinateKind kind =
        source.IsGeographic() != 0 ? CoordinateKind::geographic : CoordinateKind::projected;
    const Projector& projector = options.projectors->get(source);

    IncidentBuilder builder(options, projector, kind, name, out);
    const GIntBig total = layer->GetFeatureCount(FALSE);
    GIntBig done = 0;
    layer->ResetReading();
    detail::GdalErrorCapture errors;
    for (auto& feature : *layer) {
        ++done;
        const std::string raw = describe_feature(*feature);
        builder.begin(feature->GetFID(), raw, true);
        bool text_ok = true;
        for (const int f : {time_field, category_field, knife_field, area_field, id_field, location_field,
                            outcome_field, place_field, street_field, place_type_field}) {
            if (f >= 0 && text_ok) {
                text_ok = builder.text(field_text(*feature, f), defn->GetFieldDefn(f)->GetNameRef());
            }
        }
        if (!text_ok) {
            continue;
        }

        Month month;
        int64_t minutes = kNoTime;
        uint16_t category = 0;
        std::string time_text = field_text(*feature, time_field);
        if (time_field >= 0 && mapping->date) {
            const OGRFieldType type = defn->GetFieldDefn(time_field)->GetType();
            if ((type == OFTDate || type == OFTDateTime) &&
                feature->IsFieldSetAndNotNull(time_field)) {
                int y = 0;
                int mo = 0;
                int d = 0;
                int h = 0;
                int mi = 0;
                float s = 0;
                int tz = 0;
                feature->GetFieldAsDateTime(time_field, &y, &mo, &d, &h, &mi, &s, &tz);
                std::array<char, 40> buf{};
                std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
                time_text = buf.data();
            }
        }
        if (!builder.time_and_category(*mapping, time_text, field_text(*feature, category_field),
                                       month, minutes, category, field_text(*feature, knife_field))) {
            continue;
        }

        double x = 0;
        double y = 0;
        if (use_columns) {
            if (!builder.coordinates(field_text(*feature, x_field), field_text(*feature, y_field),
                                     *mapping->x, *mapping->y, x, y)) {
                continue;
            }
        } else {
            const OGRGeometry* g = feature->GetGeometryRef();
            if (g == nullptr || g->IsEmpty()) {
                builder.reject(RejectReason::no_location, "the feature has no geometry");
                continue;
            }
            const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
            const OGRPoint* point = nullptr;
            if (type == wkbPoint) {
                point = g->toPoint();
            } else if (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
                point = g->toMultiPoint()->getGeometryRef(0);
            }
            if (point == nullptr) {
                builder.reject(RejectReason::bad_geometry,
                               std::string("geometry is ") + OGRGeometryTypeToName(type) +
                                   ", not a point");
                continue;
            }
            x = point->getX();
            y = point->getY();
            if (kind == CoordinateKind::geographic &&
                (x < -180.0 || x > 180.0 || y < -90.0 || y > 90.0)) {
                builder.reject(RejectReason::coordinate_out_of_range,
                               "longitude/latitude outside -180..180 / -90..90");
                continue;
            }
            if (!builder.project(x, y)) {
                continue;
            }
        }
        const int64_t excluded = out.excluded;
        const std::string id = field_text(*feature, id_field);
        const std::string location = field_text(*feature, location_field);
        const std::string outcome = field_text(*feature, outcome_field);
        const std::string place = field_text(*feature, place_field);
        const std::string street = field_text(*feature, street_field);
        const std::string place_type = field_text(*feature, place_type_field);
        builder.append(x, y, month, minutes, category, field_text(*feature, area_field),
                       {.crime_id = id, .location = location, .outcome = outcome, .place = place, .street = street,
                        .place_type = place_type});
        out.accepted += out.excluded == excluded ? 1 : 0;
        if (options.consumer != nullptr && out.table.size() >= kBatch) {
            options.consumer->consume(out.table, 0);
            out.table.clear_rows();
        }
        if (options.progress && done % 65536 == 0) {
            options.progress(static_cast<uint64_t>(done), static_cast<uint64_t>(std::max<GIntBig>(total, done)));
        }
    }
    if (options.consumer != nullptr && out.table.size() > 0) {
        options.consumer->consume(out.table, 0);
        out.table.clear_rows();
    }
    if (!errors.last_error().empty()) {
        throw InputError(layer_desc + ": reading stopped after " + std::to_string(done) +
                         " features" + errors.suffix());
    }
    return "OGR layer \"" + std::string(layer->GetName()) + "\" (" + crs_label(source) + "): " +
           mapping->describe();
}

}  // namespace hotspot
