#include "geo/hotspots/kde.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <numeric>

#include <gdal_priv.h>

#include "geo/cancel.hpp"
#include "geo/detail/gdal.hpp"
#include "geo/detail/parallel.hpp"
#include "geo/error.hpp"

namespace hotspot {

double DensityGrid::integral() const {
    double sum = 0;
    for (const float v : values) {
        sum += static_cast<double>(v);
    }
    return sum * cell * cell / 1e6;  // values are per km2
}

double bandwidth_rule(const KdePoints& p) {
    const size_t n = p.x.size();
    if (n == 0) {
        throw InputError("no points to smooth");
    }
    auto w = [&](size_t i) { return p.weight.empty() ? 1.0 : p.weight[i]; };
    double total = 0;
    double mx = 0;
    double my = 0;
    for (size_t i = 0; i < n; ++i) {
        total += w(i);
        mx += w(i) * p.x[i];
        my += w(i) * p.y[i];
    }
    if (!(total > 0)) {
        throw InputError("the points' weights add up to 0: nothing to smooth");
    }
    mx /= total;
    my /= total;
    std::vector<std::pair<double, double>> distance(n);  // (distance, weight)
    double sd2 = 0;
    for (size_t i = 0; i < n; ++i) {
        const double dx = p.x[i] - mx;
        const double dy = p.y[i] - my;
        sd2 += w(i) * (dx * dx + dy * dy);
        distance[i] = {std::sqrt(dx * dx + dy * dy), w(i)};
    }
    const double sd = std::sqrt(sd2 / total);
    std::sort(distance.begin(), distance.end());
    double median = distance.back().first;
    double cumulative = 0;
    for (const auto& [d, wt] : distance) {
        cumulative += wt;
        if (cumulative >= total / 2) {
            median = d;
            break;
        }
    }
    const double h = 0.9 * std::min(sd, std::sqrt(1.0 / std::numbers::ln2) * median) *
                     std::pow(total, -0.2);
    if (!(h > 0)) {
        throw InputError("all points are in one place: give a bandwidth (--bandwidth)");
    }
    return h;
}

namespace {

/// A point in grid units: (col, row) is the position relative to the centre of cell
/// (0, 0), columns growing east and rows south.
struct CellPoint {
    double col;
    double row;
    float weight;
};

/// Adds one point's kernel, unscaled ((1 - d^2/r^2)^2 times its weight), to the cells
/// of rows [row_begin, row_end): every cell of the square of side 2 reach + 1 around the
/// point's nearest cell, rounded up to whole vectors of kLanes cells (cells outside the
/// circle receive 0). Near the grid's edges it goes cell by cell, so that it never
/// writes outside its own rows, which other threads may be filling.
struct Splat {
    static constexpr int kLanes = 8;
    // Eight cells at a time (GCC vector extension: one AVX register, or two SSE ones).
    using Lanes = float __attribute__((vector_size(kLanes * sizeof(float))));
    static constexpr Lanes kLaneIndex = {0, 1, 2, 3, 4, 5, 6, 7};
    static constexpr int kMaxVectors = 16;  // kernels up to 63 cells wide take the fast path

    float* values;  // row-major, cols per row
    uint32_t cols;
    double unit;    // one cell in units of the radius
    int reach;
    const int* half_width;  // per row offset -reach..reach

    // Built twice, for AVX2 where the processor has it and for plain SSE2; the loader
    // picks one, so the program still runs on any x86-64.
#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
    __attribute__((target_clones("avx2", "default")))
#endif
    void add(const CellPoint& p, int64_t row_begin, int64_t row_end) const {
        const auto near_col = static_cast<int64_t>(std::floor(p.col + 0.5));
        const auto near_row = static_cast<int64_t>(std::floor(p.row + 0.5));
        const int64_t r0 = std::max<int64_t>(near_row - reach, row_begin);
        const int64_t r1 = std::min<int64_t>(near_row + reach, row_end - 1);
        if (r0 > r1) {
            return;
        }
        const int64_t c0 = near_col - reach;
        const int vectors = (2 * reach + kLanes) / kLanes;
        if (c0 < 0 || c0 + vectors * kLanes > static_cast<int64_t>(cols) || vectors > kMaxVectors) {
            add_near_edge(p, near_col, near_row, r0, r1);
            return;
        }
        // (1 - d^2/r^2) = a_row - u_col^2: the squared column offsets once per point, then
        // one subtraction per cell. Cells of the square outside the circle get 0.
        std::array<Lanes, kMaxVectors> u2{};
        const auto s = static_cast<float>(unit);
        const auto start = static_cast<float>((static_cast<double>(c0) - p.col) * unit);
        for (int v = 0; v < vectors; ++v) {
            const Lanes u = start + (kLaneIndex + static_cast<float>(v * kLanes)) * s;
            u2[static_cast<size_t>(v)] = u * u;
        }
        for (int64_t r = r0; r <= r1; ++r) {
            const double dy = (static_cast<double>(r) - p.row) * unit;
            const auto a = static_cast<float>(1.0 - dy * dy);
            if (a <= 0) {
                continue;
            }
            float* row = values + static_cast<size_t>(r) * cols + c0;
            for (int v = 0; v < vectors; ++v) {
                Lanes k = a - u2[static_cast<size_t>(v)];
                k = k > 0 ? k : Lanes{};
                Lanes cells;
                std::memcpy(&cells, row + v * kLanes, sizeof cells);
                cells += p.weight * k * k;
                std::memcpy(row + v * kLanes, &cells, sizeof cells);
            }
        }
    }

    /// The same, one cell at a time and clipped to the grid, for points whose square of
    /// cells crosses the grid's edge (or for very wide kernels).
    void add_near_edge(const CellPoint& p, int64_t near_col, int64_t near_row, int64_t r0,
                       int64_t r1) const {
        for (int64_t r = r0; r <= r1; ++r) {
            const int h = half_width[r - near_row + reach];
            if (h < 0) {
                continue;
            }
            const double dy = (static_cast<double>(r) - p.row) * unit;
            const double a = 1.0 - dy * dy;
            const int64_t c0 = std::max<int64_t>(near_col - h, 0);
            const int64_t c1 = std::min<int64_t>(near_col + h, static_cast<int64_t>(cols) - 1);
            float* row = values + static_cast<size_t>(r) * cols;
            for (int64_t c = c0; c <= c1; ++c) {
                const double u = (static_cast<double>(c) - p.col) * unit;
                const double k = std::max(a - u * u, 0.0);
                row[c] += static_cast<float>(static_cast<double>(p.weight) * k * k);
            }
        }
    }
};

}  // namespace

DensityGrid kernel_density(const KdePoints& p, const KdeOptions& options) {
    const size_t n = p.x.size();
    if (n == 0) {
        throw InputError("no incidents match the filter, so there is no density to map");
    }
    DensityGrid g;
    g.bandwidth = options.bandwidth ? *options.bandwidth : bandwidth_rule(p);
    if (!(g.bandwidth > 0)) {
        throw InputError("the bandwidth must be greater than 0 metres");
    }
    g.cell = options.cell ? *options.cell : g.bandwidth / 10.0;
    if (!(g.cell > 0)) {
        throw InputError("the cell size must be greater than 0 metres");
    }
    Box extent;
    if (options.extent) {
        extent = *options.extent;
    } else {
        for (size_t i = 0; i < n; ++i) {
            extent.expand(p.x[i], p.y[i]);
        }
    }
    extent = extent.buffered(g.bandwidth);
    const double cols = std::ceil(extent.width() / g.cell);
    const double rows = std::ceil(extent.height() / g.cell);
    if (cols * rows > 4e8) {
        throw InputError("a " + std::to_string(static_cast<int64_t>(cols)) + " x " +
                         std::to_string(static_cast<int64_t>(rows)) +
                         " grid is too large: choose a larger cell size");
    }
    g.cols = static_cast<uint32_t>(std::max(cols, 1.0));
    g.rows = static_cast<uint32_t>(std::max(rows, 1.0));
    // Anchored at the north-west corner, as QGIS's heatmap anchors its grid, so that the
    // two surfaces share their cells when made from the same points.
    g.min_x = extent.min_x;
    g.max_y = extent.max_y;

    // The map is cut into bands of rows. Points are taken a chunk at a time and sorted
    // by band; then each thread fills whole bands from the chunk's points of that band
    // and its two neighbours, so no two threads write the same cell and the rows being
    // written stay in cache. Chunks keep the sorting buffer small and reused.
    const double radius = g.bandwidth;
    const int reach = static_cast<int>(std::ceil(radius / g.cell)) + 1;
    const auto band_rows = static_cast<uint32_t>(std::max(64, reach));
    const uint32_t bands = (g.rows + band_rows - 1) / band_rows;
    // Half-widths, in columns, of the circle on each row around a point's nearest cell,
    // widened by half a cell either way for where the point lies in its cell.
    std::vector<int> half_width(static_cast<size_t>(2 * reach + 1), -1);
    for (int k = -reach; k <= reach; ++k) {
        const double dy = std::max(0.0, (std::abs(k) - 0.5) * g.cell) / radius;
        if (dy < 1.0) {
            half_width[static_cast<size_t>(k + reach)] =
                static_cast<int>(std::ceil(std::sqrt(1.0 - dy * dy) * radius / g.cell)) + 1;
        }
    }
    const bool weighted = !p.weight.empty();
    g.values.assign(static_cast<size_t>(g.cols) * g.rows, 0.0F);
    const Splat splat{g.values.data(), g.cols, g.cell / radius, reach, half_width.data()};
    const int threads = std::max(1, std::min(options.threads, static_cast<int>(bands)));

    constexpr size_t kChunk = size_t{1} << 18;
    std::vector<CellPoint> sorted(std::min(n, kChunk));
    std::vector<uint32_t> band_of(sorted.size());
    std::vector<size_t> band_start(bands + 1);
    for (size_t chunk = 0; chunk < n; chunk += kChunk) {
        cancellation_point();  // between chunks: never while the helper threads run
        const size_t end = std::min(n, chunk + kChunk);
        std::fill(band_start.begin(), band_start.end(), 0);
        for (size_t i = chunk; i < end; ++i) {
            const double fr = (g.max_y - p.y[i]) / g.cell - 0.5;
            const auto b = static_cast<uint32_t>(std::clamp(fr / band_rows, 0.0, bands - 1.0));
            band_of[i - chunk] = b;
            ++band_start[b + 1];
        }
        std::partial_sum(band_start.begin(), band_start.end(), band_start.begin());
        std::vector<size_t> next(band_start.begin(), band_start.end() - 1);
        for (size_t i = chunk; i < end; ++i) {
            sorted[next[band_of[i - chunk]]++] =
                CellPoint{(p.x[i] - g.min_x) / g.cell - 0.5, (g.max_y - p.y[i]) / g.cell - 0.5,
                          static_cast<float>(weighted ? p.weight[i] : 1.0)};
        }
        // Bands are dealt in turn (0, t, 2t, ... to thread 0), which balances dense and
        // empty parts of the map.
        parallel_ranges(static_cast<size_t>(threads), threads, [&](size_t t, size_t, size_t) {
            for (auto b = static_cast<uint32_t>(t); b < bands; b += static_cast<uint32_t>(threads)) {
                const auto row_begin = static_cast<int64_t>(b) * band_rows;
                const int64_t row_end = std::min<int64_t>(g.rows, row_begin + band_rows);
                const size_t from = band_start[b == 0 ? 0 : b - 1];
                const size_t to = band_start[std::min(bands, b + 2)];
                for (size_t k = from; k < to; ++k) {
                    splat.add(sorted[k], row_begin, row_end);
                }
            }
        });
    }
    const double scale = 3.0 / (std::numbers::pi * radius * radius) * 1e6;  // per km2
    parallel_ranges(g.values.size(), threads, [&](size_t begin, size_t end, size_t) {
        for (size_t i = begin; i < end; ++i) {
            g.values[i] = static_cast<float>(static_cast<double>(g.values[i]) * scale);
        }
    });
    return g;
}

void write_geotiff(const DensityGrid& grid, const OGRSpatialReference& crs,
                   const std::string& path) {
    detail::gdal_init();
    detail::GdalErrorCapture errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    const std::string temp = path + ".partial";
    const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", "BIGTIFF=IF_SAFER",
                             nullptr};
    GDALDatasetUniquePtr ds(driver->Create(temp.c_str(), static_cast<int>(grid.cols),
                                           static_cast<int>(grid.rows), 1, GDT_Float32,
                                           const_cast<char**>(options)));
    if (!ds) {
        throw OutputError(path + ": cannot be created" + errors.suffix());
    }
    double transform[6] = {grid.min_x, grid.cell, 0, grid.max_y, 0, -grid.cell};
    ds->SetGeoTransform(transform);
    ds->SetSpatialRef(&crs);
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetDescription(grid.units.c_str());
    band->SetMetadataItem("UNITS", grid.units.c_str());
    band->SetMetadataItem("BANDWIDTH_METRES", std::to_string(grid.bandwidth).c_str());
    band->SetMetadataItem("KERNEL", "quartic");
    band->SetUnitType(grid.units.c_str());
    if (band->RasterIO(GF_Write, 0, 0, static_cast<int>(grid.cols), static_cast<int>(grid.rows),
                       const_cast<float*>(grid.values.data()), static_cast<int>(grid.cols),
                       static_cast<int>(grid.rows), GDT_Float32, 0, 0, nullptr) != CE_None) {
        throw OutputError(path + ": cannot be written" + errors.suffix());
    }
    ds.reset();
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        throw OutputError(path + ": cannot be moved into place");
    }
}

DensityWeights density_weights(const std::string& value, const HarmWeights* harm, const Dictionary& categories) {
    DensityWeights w;
    w.units = "incidents per km2";
    if (value == "harm") {
        if (harm == nullptr) {
            throw InputError("a density surface of harm needs harm weights");
        }
        w.by_category = harm->by_category(categories);
        w.units = "harm per km2";
    } else if (value == "rate") {
        throw InputError("a density surface is of incidents or harm, not of rates");
    }
    return w;
}

}  // namespace hotspot
