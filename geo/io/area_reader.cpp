#include "geo/io/area_reader.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "geo/crs/crs.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/error.hpp"
#include "geo/text.hpp"
#include "geo/utf8.hpp"

namespace hotspot {
namespace {

bool is_polygon_type(OGRwkbGeometryType t) {
    return t == wkbPolygon || t == wkbMultiPolygon || t == wkbUnknown;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

/// Keeps the polygonal parts of what MakeValid returned (it may add lines and points
/// where a polygon collapsed).
detail::GeosGeometry polygonal_parts(detail::GeosContext& ctx, detail::GeosGeometry g) {
    GEOSContextHandle_t h = ctx.get();
    const int type = GEOSGeomTypeId_r(h, g.get());
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) {
        return g;
    }
    std::vector<GEOSGeometry*> parts;
    const int n = GEOSGetNumGeometries_r(h, g.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(h, g.get(), i);
        const int pt = GEOSGeomTypeId_r(h, part);
        if (pt == GEOS_POLYGON) {
            parts.push_back(GEOSGeom_clone_r(h, part));
        } else if (pt == GEOS_MULTIPOLYGON) {
            for (int k = 0; k < GEOSGetNumGeometries_r(h, part); ++k) {
                parts.push_back(GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, part, k)));
            }
        }
    }
    if (parts.empty()) {
        return detail::GeosGeometry(nullptr, detail::GeosDeleter{h});
    }
    return detail::own(ctx,
                       GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(),
                                                   static_cast<unsigned>(parts.size())),
                       "collect polygons");
}

}  // namespace

std::optional<std::string> guess_code_field(const std::vector<std::string>& fields) {
    // ONS geography codes: a prefix, a two-digit year and CD (LSOA11CD, WD13CD, LAD19CD).
    for (const std::string prefix : {"LSOA", "MSOA", "OA", "WD", "LAD", "CTY", "PCON", "UTLA", "LTLA"}) {
        for (const auto& f : fields) {
            const std::string u = upper(f);
            if (u.size() == prefix.size() + 4 && u.rfind(prefix, 0) == 0 &&
                std::isdigit(static_cast<unsigned char>(u[prefix.size()])) != 0 &&
                std::isdigit(static_cast<unsigned char>(u[prefix.size() + 1])) != 0 &&
                u.compare(prefix.size() + 2, 2, "CD") == 0) {
                return f;
            }
        }
    }
    for (const char* generic : {"CODE", "AREA_CODE", "AREACODE", "GEO_CODE"}) {
        for (const auto& f : fields) {
            if (upper(f) == generic) {
                return f;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> guess_name_field(const std::vector<std::string>& fields,
                                            const std::string& code_field) {
    std::string wanted = upper(code_field);
    if (wanted.size() > 2 && wanted.substr(wanted.size() - 2) == "CD") {
        wanted = wanted.substr(0, wanted.size() - 2) + "NM";
        for (const auto& f : fields) {
            if (upper(f) == wanted) {
                return f;
            }
        }
    }
    for (const char* generic : {"NAME", "AREA_NAME", "AREANAME"}) {
        for (const auto& f : fields) {
            if (upper(f) == generic) {
                return f;
            }
        }
    }
    return std::nullopt;
}

AreaSet read_areas(const std::string& path, const AreaReadOptions& options) {
    GDALDatasetUniquePtr ds = detail::open_vector(path, path);
    OGRLayer* layer = detail::pick_layer(*ds, path, options.layer ? &*options.layer : nullptr,
                                         &is_polygon_type, "polygons");
    const std::string layer_desc = path + " layer \"" + layer->GetName() + "\"";
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    std::vector<std::string> fields;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    }
    const auto code_field = options.code_field ? options.code_field : guess_code_field(fields);
    if (!code_field) {
        throw InputError(layer_desc + ": no area code field recognised (fields: " +
                         join(fields, ", ") + "); name one with --area-code-field");
    }
    const int code_index = defn->GetFieldIndex(code_field->c_str());
    if (code_index < 0) {
        throw InputError(layer_desc + ": no field \"" + *code_field + "\"");
    }
    const auto name_field =
        options.name_field ? options.name_field : guess_name_field(fields, *code_field);
    const int name_index = name_field ? defn->GetFieldIndex(name_field->c_str()) : -1;
    if (options.name_field && name_index < 0) {
        throw InputError(layer_desc + ": no field \"" + *options.name_field + "\"");
    }

    const OGRSpatialReference* layer_crs = layer->GetSpatialRef();
    if (layer_crs == nullptr) {
        throw InputError(layer_desc + ": has no coordinate reference system (a .prj file "
                                      "for a Shapefile)");
    }
    OGRSpatialReference source = *layer_crs;
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference target = options.working_crs;
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (source.IsSame(&target) == 0) {
        ct.reset(OGRCreateCoordinateTransformation(&source, &target));
        if (!ct) {
            throw InputError(layer_desc + ": cannot transform from " + crs_label(source) +
                             " to " + crs_label(target));
        }
    }

    AreaSet areas;
    areas.source = path;
    areas.layer = layer->GetName();
    areas.code_field = *code_field;
    areas.name_field = name_field.value_or("");
    areas.set_crs(target);
    detail::GeosContext& geos = areas.geos();
    GEOSContextHandle_t h = geos.get();

    struct Pending {
        std::string code;
        std::string name;
        detail::GeosGeometry geometry;
    };
    std::vector<Pending> pending;
    std::unordered_map<std::string, size_t> by_code;
    detail::GdalErrorCapture errors;
    layer->ResetReading();
    for (auto& feature : *layer) {
        const std::string where = layer_desc + " feature " + std::to_string(feature->GetFID());
        std::string code = feature->IsFieldSetAndNotNull(code_index)
                               ? feature->GetFieldAsString(code_index)
                               : "";
        code.erase(0, code.find_first_not_of(" \t"));
        code.erase(code.find_last_not_of(" \t") + 1);
        if (code.empty()) {
            areas.issues.push_back(where + ": skipped: no " + *code_field);
            ++areas.skipped;
            continue;
        }
        if (!is_valid_utf8(code) || code.find('\0') != std::string::npos) {
            // A code names tiles, API paths and joins: one that is not text is not usable.
            areas.issues.push_back(where + " (" + to_valid_utf8(code) + "): skipped: the " + *code_field +
                                   " is not UTF-8 text");
            ++areas.skipped;
            continue;
        }
        std::string name = name_index >= 0 && feature->IsFieldSetAndNotNull(name_index)
                               ? feature->GetFieldAsString(name_index)
                               : "";
        if (!is_valid_utf8(name)) {
            // A name is only shown: keep the area, with U+FFFD for the bytes that are not text.
            name = to_valid_utf8(name);
            areas.issues.push_back(where + " (" + code + "): repaired: its name is not UTF-8 text");
        }
        OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr || g->IsEmpty()) {
            areas.issues.push_back(where + " (" + code + "): skipped: no geometry");
            ++areas.skipped;
            continue;
        }
        const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon) {
            areas.issues.push_back(where + " (" + code + "): skipped: geometry is " +
                                   OGRGeometryTypeToName(type) + ", not a polygon");
            ++areas.skipped;
            continue;
        }
        g->flattenTo2D();
        if (ct && g->transform(ct.get()) != OGRERR_NONE) {
            areas.issues.push_back(where + " (" + code + "): skipped: cannot be transformed to " +
                                   crs_label(target));
            ++areas.skipped;
            continue;
        }
        GEOSGeometry* raw = g->exportToGEOS(h);
        if (raw == nullptr) {
            areas.issues.push_back(where + " (" + code + "): skipped: unreadable geometry");
            ++areas.skipped;
            continue;
        }
        detail::GeosGeometry geom(raw, detail::GeosDeleter{h});
        if (GEOSisValid_r(h, geom.get()) != 1) {
            char* reason = GEOSisValidReason_r(h, geom.get());
            const std::string why = reason != nullptr ? reason : "invalid";
            GEOSFree_r(h, reason);
            auto fixed = polygonal_parts(geos, detail::own(geos, GEOSMakeValid_r(h, geom.get()),
                                                           "repair a polygon"));
            if (!fixed || GEOSisEmpty_r(h, fixed.get()) == 1) {
                areas.issues.push_back(where + " (" + code + "): skipped: invalid (" + why +
                                       ") and nothing polygonal is left after repair");
                ++areas.skipped;
                continue;
            }
            areas.issues.push_back(where + " (" + code + "): repaired: " + why);
            ++areas.repaired;
            geom = std::move(fixed);
        }
        if (const auto it = by_code.find(code); it != by_code.end()) {
            // The same code twice (an area split across features): merge them.
            areas.issues.push_back(where + " (" + code +
                                   "): merged with an earlier feature of the same code");
            ++areas.merged;
            Pending& earlier = pending[it->second];
            earlier.geometry = detail::own(
                geos, GEOSUnion_r(h, earlier.geometry.get(), geom.get()), "merge polygons");
            continue;
        }
        by_code.emplace(code, pending.size());
        pending.push_back(Pending{std::move(code), std::move(name), std::move(geom)});
    }
    if (!errors.last_error().empty()) {
        throw InputError(layer_desc + ": reading failed" + errors.suffix());
    }
    for (auto& p : pending) {
        areas.add(std::move(p.code), std::move(p.name), std::move(p.geometry));
    }
    if (areas.size() == 0) {
        throw InputError(layer_desc + ": no usable polygons (" + std::to_string(areas.skipped) +
                         " features skipped)");
    }
    return areas;
}

}  // namespace hotspot
