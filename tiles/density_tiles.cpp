#include "tiles/density_tiles.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <png.h>

#include "geo/crs/crs.hpp"
#include "geo/error.hpp"

namespace hotspot::tiles {
namespace {

constexpr std::array<std::array<uint8_t, 3>, 6> kRamp{{{0xff, 0xff, 0xb2},
                                                        {0xfe, 0xd9, 0x76},
                                                        {0xfe, 0xb2, 0x4c},
                                                        {0xfd, 0x8d, 0x3c},
                                                        {0xf0, 0x3b, 0x20},
                                                        {0xbd, 0x00, 0x26}}};
constexpr double kFloor = 0.02;  // below this share of the scale: transparent
constexpr uint32_t kSize = 256;
constexpr uint32_t kLattice = 16;  // pixels between exactly transformed points

void write_to_string(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}

void flush_nothing(png_structp /*png*/) {}

}  // namespace

Rgba density_colour(double value, double scale_max) {
    if (!(scale_max > 0) || !(value >= kFloor * scale_max)) {
        return {0, 0, 0, 0};
    }
    const double t = std::min(value / scale_max, 1.0);
    const double pos = t * (kRamp.size() - 1);
    const auto i = std::min(static_cast<size_t>(pos), kRamp.size() - 2);
    const double f = pos - static_cast<double>(i);
    auto mix = [&](size_t c) {
        return static_cast<uint8_t>(std::lround(kRamp[i][c] * (1 - f) + kRamp[i + 1][c] * f));
    };
    return {mix(0), mix(1), mix(2), static_cast<uint8_t>(std::lround(255 * (0.45 + 0.45 * t)))};
}

double density_scale(const DensityGrid& grid) {
    std::vector<float> positive;
    for (const float v : grid.values) {
        if (v > 0) {
            positive.push_back(v);
        }
    }
    if (positive.empty()) {
        return 0;
    }
    const size_t k = std::min(positive.size() - 1, positive.size() * 99 / 100);
    std::nth_element(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(k), positive.end());
    return positive[k];
}

std::string encode_png(const uint8_t* rgba, uint32_t width, uint32_t height) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png != nullptr ? png_create_info_struct(png) : nullptr;
    if (info == nullptr) {
        png_destroy_write_struct(&png, nullptr);
        throw Error("PNG: out of memory");
    }
    std::string out;
    std::vector<png_bytep> rows(height);
    for (uint32_t r = 0; r < height; ++r) {
        rows[r] = const_cast<png_bytep>(rgba + static_cast<size_t>(r) * width * 4);
    }
    if (setjmp(png_jmpbuf(png)) != 0) {  // NOLINT: libpng reports errors by longjmp
        png_destroy_write_struct(&png, &info);
        throw Error("PNG: encoding failed");
    }
    png_set_write_fn(png, &out, write_to_string, flush_nothing);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 6);
    png_set_rows(png, info, rows.data());
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

DensityTiles::DensityTiles(const DensityGrid& grid, const OGRSpatialReference& crs, double scale_max)
    : m_grid(grid), m_scale(scale_max) {
    m_to_grid = lonlat_transform(crs, false);
    if (!m_to_grid) {
        throw Error("density tiles: cannot transform longitude/latitude to the surface's CRS");
    }
}

DensityTiles::~DensityTiles() = default;

std::string DensityTiles::png(const TileId& tile) const {
    if (!(m_scale > 0) || m_grid.values.empty()) {
        return {};
    }
    // The surface's position of a lattice of pixel corners, transformed exactly; pixels
    // between them are interpolated (within a 16-pixel square the map is affine to far
    // below a pixel).
    const Box b = tile_bounds(tile);
    constexpr uint32_t n = kSize / kLattice + 1;
    std::vector<double> lx(n * n);
    std::vector<double> ly(n * n);
    for (uint32_t j = 0; j < n; ++j) {
        for (uint32_t i = 0; i < n; ++i) {
            const double mx = b.min_x + b.width() * (i * kLattice) / kSize;
            const double my = b.max_y - b.height() * (j * kLattice) / kSize;
            mercator_to_lonlat(mx, my, lx[j * n + i], ly[j * n + i]);
        }
    }
    std::vector<int> ok(n * n);
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_to_grid->Transform(n * n, lx.data(), ly.data(), nullptr, ok.data());
    }
    if (std::find(ok.begin(), ok.end(), 0) != ok.end()) {
        return {};  // outside where the surface's CRS is defined
    }
    std::vector<uint8_t> rgba(static_cast<size_t>(kSize) * kSize * 4, 0);
    bool any = false;
    for (uint32_t py = 0; py < kSize; ++py) {
        const uint32_t j = py / kLattice;
        const double fy = ((py % kLattice) + 0.5) / kLattice;
        for (uint32_t px = 0; px < kSize; ++px) {
            const uint32_t i = px / kLattice;
            const double fx = ((px % kLattice) + 0.5) / kLattice;
            auto at = [&](const std::vector<double>& v) {
                const double top = v[j * n + i] * (1 - fx) + v[j * n + i + 1] * fx;
                const double bottom = v[(j + 1) * n + i] * (1 - fx) + v[(j + 1) * n + i + 1] * fx;
                return top * (1 - fy) + bottom * fy;
            };
            const double col = (at(lx) - m_grid.min_x) / m_grid.cell;
            const double row = (m_grid.max_y - at(ly)) / m_grid.cell;
            if (!(col >= 0 && row >= 0 && col < m_grid.cols && row < m_grid.rows)) {
                continue;
            }
            const float v = m_grid.at(static_cast<uint32_t>(col), static_cast<uint32_t>(row));
            const Rgba c = density_colour(v, m_scale);
            if (c.a == 0) {
                continue;
            }
            uint8_t* p = &rgba[(static_cast<size_t>(py) * kSize + px) * 4];
            p[0] = c.r;
            p[1] = c.g;
            p[2] = c.b;
            p[3] = c.a;
            any = true;
        }
    }
    return any ? encode_png(rgba.data(), kSize, kSize) : std::string{};
}

}  // namespace hotspot::tiles
