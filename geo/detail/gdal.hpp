#pragma once
// The one place that owns GDAL/OGR handles and turns GDAL errors into exceptions.
// GDAL's C++ API already gives RAII owners for datasets and features; this adds opening
// with proper messages and capture of the messages GDAL would otherwise print.

#include <string>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace hotspot::detail {

/// Registers GDAL's drivers once, whichever thread asks first.
void gdal_init();

/// While alive, GDAL errors and warnings on this thread are collected instead of printed.
class GdalErrorCapture {
  public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// The last error message (warnings excluded), or "" if there was none.
    [[nodiscard]] const std::string& last_error() const { return m_last_error; }
    /// ": message" when there was an error, else "" (for appending to our own message).
    [[nodiscard]] std::string suffix() const;
    void clear() { m_last_error.clear(); }

  private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum number, const char* message);
    std::string m_last_error;
};

/// Opens a vector dataset for reading (or update). `name` is how messages refer to it.
/// Throws InputError with GDAL's reason when it cannot be opened.
GDALDatasetUniquePtr open_vector(const std::string& path, const std::string& name,
                                 bool update = false);

/// Picks `layer_name`, or the only layer, or the first layer whose geometry type passes
/// `accept`. Throws InputError listing the layers when none fits.
OGRLayer* pick_layer(GDALDataset& ds, const std::string& name, const std::string* layer_name,
                     bool (*accept)(OGRwkbGeometryType), const char* wanted);

}  // namespace hotspot::detail
