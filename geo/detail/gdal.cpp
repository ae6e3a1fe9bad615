#include "geo/detail/gdal.hpp"

#include <mutex>

#include "geo/error.hpp"

namespace hotspot::detail {

void gdal_init() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture() {
    CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this);
}

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum /*number*/,
                                           const char* message) {
    if (level < CE_Failure) {
        return;  // warnings and debug output: GDAL repeats what matters in the failure
    }
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self != nullptr && message != nullptr) {
        self->m_last_error = message;
    }
}

std::string GdalErrorCapture::suffix() const {
    return m_last_error.empty() ? std::string{} : ": " + m_last_error;
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::string& name, bool update) {
    gdal_init();
    GdalErrorCapture errors;
    const unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), flags));
    if (!ds) {
        VSIStatBufL stat{};
        const bool is_db = path.rfind("PG:", 0) == 0;
        if (!is_db && VSIStatL(path.c_str(), &stat) != 0) {
            throw InputError(name + ": no such file");
        }
        throw InputError(name + ": cannot be opened as a vector layer" +
                         (errors.last_error().empty() ? " (format not recognised)"
                                                      : errors.suffix()));
    }
    return ds;
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& name, const std::string* layer_name,
                     bool (*accept)(OGRwkbGeometryType), const char* wanted) {
    if (layer_name != nullptr) {
        OGRLayer* layer = ds.GetLayerByName(layer_name->c_str());
        if (layer == nullptr) {
            throw InputError(name + ": no layer \"" + *layer_name + "\"");
        }
        return layer;
    }
    const int count = ds.GetLayerCount();
    if (count == 0) {
        throw InputError(name + ": has no layers");
    }
    if (count == 1) {
        return ds.GetLayer(0);
    }
    std::string names;
    for (int i = 0; i < count; ++i) {
        OGRLayer* layer = ds.GetLayer(i);
        if (accept(wkbFlatten(layer->GetGeomType()))) {
            return layer;
        }
        names += names.empty() ? "" : ", ";
        names += layer->GetName();
    }
    throw InputError(name + ": no layer of " + wanted + " (layers: " + names +
                     "); choose one with a layer option");
}

}  // namespace hotspot::detail
