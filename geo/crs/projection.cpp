#include "geo/crs/projection.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>

#include <cpl_conv.h>
#include <cpl_error.h>

#include "geo/error.hpp"

namespace hotspot {

namespace {

/// Catmull-Rom cubic through p1 (t = 0) and p2 (t = 1).
inline double catmull_rom(double p0, double p1, double p2, double p3, double t) {
    return p1 + 0.5 * t *
                    (p2 - p0 + t * (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3 +
                                    t * (3.0 * (p1 - p2) + p3 - p0)));
}

std::unique_ptr<OGRCoordinateTransformation> make_transform(const OGRSpatialReference& from,
                                                            const OGRSpatialReference& to) {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&from, &to));
    const std::string msg = CPLGetLastErrorMsg();
    CPLPopErrorHandler();
    if (!ct) {
        throw InputError("cannot transform from " + crs_label(from) + " to " + crs_label(to) +
                         (msg.empty() ? "" : ": " + msg));
    }
    return ct;
}

/// Nodes of the interpolation grid, with one row and column of padding on every side so
/// that each cell has the 4 x 4 neighbourhood a bicubic spline needs.
struct Grid {
    double x0 = 0;
    double y0 = 0;
    double step = 0;
    int cells_x = 0;
    int cells_y = 0;
    std::vector<double> tx;
    std::vector<double> ty;
    std::vector<uint8_t> cell_ok;  // 1: the cell met the tolerance when verified
    bool all_ok = true;

    [[nodiscard]] size_t node(int i, int j) const {  // i, j from -1 to cells + 1
        return static_cast<size_t>(j + 1) * static_cast<size_t>(cells_x + 3) +
               static_cast<size_t>(i + 1);
    }

    bool interpolate(double& x, double& y) const {
        const double u = (x - x0) / step;
        const double v = (y - y0) / step;
        if (!(u >= 0.0 && v >= 0.0 && u < cells_x && v < cells_y)) {
            return false;  // also false for NaN
        }
        const int i = static_cast<int>(u);
        const int j = static_cast<int>(v);
        if (!all_ok && !cell_ok.empty() &&
            cell_ok[static_cast<size_t>(j) * static_cast<size_t>(cells_x) + static_cast<size_t>(i)] == 0) {
            return false;
        }
        const double fu = u - i;
        const double fv = v - j;
        std::array<double, 4> rx{};
        std::array<double, 4> ry{};
        for (int r = 0; r < 4; ++r) {
            const size_t base = node(i - 1, j - 1 + r);
            rx[r] = catmull_rom(tx[base], tx[base + 1], tx[base + 2], tx[base + 3], fu);
            ry[r] = catmull_rom(ty[base], ty[base + 1], ty[base + 2], ty[base + 3], fu);
        }
        x = catmull_rom(rx[0], rx[1], rx[2], rx[3], fv);
        y = catmull_rom(ry[0], ry[1], ry[2], ry[3], fv);
        return true;
    }
};

}  // namespace

struct Projector::State {
    OGRSpatialReference source;
    OGRSpatialReference target;
    bool identity = false;
    std::unique_ptr<OGRCoordinateTransformation> exact;
    /// Workers clone `exact` when they first need it, one at a time.
    mutable std::mutex clone_mutex;
    std::optional<Grid> grid;
    double grid_error = 0;
};

Projector::Projector(const OGRSpatialReference& source, const OGRSpatialReference& target)
    : m_state(std::make_unique<State>()) {
    m_state->source = source;
    m_state->target = target;
    m_state->source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    m_state->target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    m_state->identity = m_state->source.IsSame(&m_state->target) != 0;
    if (!m_state->identity) {
        m_state->exact = make_transform(m_state->source, m_state->target);
    }
}

Projector::~Projector() = default;
Projector::Projector(Projector&&) noexcept = default;
Projector& Projector::operator=(Projector&&) noexcept = default;

bool Projector::is_identity() const { return m_state->identity; }
bool Projector::accelerated() const { return m_state->grid.has_value(); }
double Projector::grid_error() const { return m_state->grid_error; }
const OGRSpatialReference& Projector::source() const { return m_state->source; }
const OGRSpatialReference& Projector::target() const { return m_state->target; }

void Projector::accelerate(const Box& target_extent) {
    if (m_state->identity || target_extent.empty()) {
        return;
    }
    auto inverse = make_transform(m_state->target, m_state->source);
    Box src;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const int ok = inverse->TransformBounds(target_extent.min_x, target_extent.min_y,
                                            target_extent.max_x, target_extent.max_y,
                                            &src.min_x, &src.min_y, &src.max_x, &src.max_y, 21);
    CPLPopErrorHandler();
    if (ok == 0 || src.empty() || !std::isfinite(src.width()) || !std::isfinite(src.height())) {
        return;
    }
    const double margin = 0.05 * std::max(src.width(), src.height());
    src = src.buffered(margin);

    // Start with 128 cells along the longer side and halve the step until 90 % of cells
    // meet the tolerance; cells that still do not (far from the CRS's centre, or where
    // its transform bends sharply) are left to the exact transform.
    constexpr size_t kMaxNodes = 4'000'000;
    double step = std::max(src.width(), src.height()) / 128.0;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    for (int attempt = 0; attempt < 3; ++attempt, step /= 2.0) {
        Grid g;
        g.x0 = src.min_x;
        g.y0 = src.min_y;
        g.step = step;
        g.cells_x = static_cast<int>(std::ceil(src.width() / step));
        g.cells_y = static_cast<int>(std::ceil(src.height() / step));
        const size_t nodes =
            static_cast<size_t>(g.cells_x + 3) * static_cast<size_t>(g.cells_y + 3);
        if (nodes > kMaxNodes) {
            break;
        }
        g.tx.resize(nodes);
        g.ty.resize(nodes);
        for (int j = -1; j <= g.cells_y + 1; ++j) {
            for (int i = -1; i <= g.cells_x + 1; ++i) {
                g.tx[g.node(i, j)] = g.x0 + i * step;
                g.ty[g.node(i, j)] = g.y0 + j * step;
            }
        }
        std::vector<int> success(nodes);
        m_state->exact->Transform(nodes, g.tx.data(), g.ty.data(), nullptr, success.data());
        if (std::find(success.begin(), success.end(), 0) != success.end()) {
            break;  // the CRS is not defined everywhere on the grid: stay exact
        }

        // Verify at the centre of every cell and at an off-centre point.
        const size_t cells = static_cast<size_t>(g.cells_x) * static_cast<size_t>(g.cells_y);
        std::vector<double> ex;
        std::vector<double> ey;
        ex.reserve(2 * cells);
        ey.reserve(2 * cells);
        for (int j = 0; j < g.cells_y; ++j) {
            for (int i = 0; i < g.cells_x; ++i) {
                ex.push_back(g.x0 + (i + 0.5) * step);
                ey.push_back(g.y0 + (j + 0.5) * step);
                ex.push_back(g.x0 + (i + 0.25) * step);
                ey.push_back(g.y0 + (j + 0.8) * step);
            }
        }
        std::vector<double> ix = ex;
        std::vector<double> iy = ey;
        std::vector<int> checked(ex.size());
        m_state->exact->Transform(ex.size(), ex.data(), ey.data(), nullptr, checked.data());
        g.cell_ok.assign(cells, 1);
        g.all_ok = false;  // interpolate every cell while measuring
        double worst = 0;
        size_t good = 0;
        for (size_t c = 0; c < cells; ++c) {
            bool cell_good = true;
            double cell_worst = 0;
            for (size_t k = 2 * c; k < 2 * c + 2; ++k) {
                if (checked[k] == 0 || !g.interpolate(ix[k], iy[k])) {
                    cell_good = false;
                    break;
                }
                cell_worst = std::max(cell_worst, std::hypot(ix[k] - ex[k], iy[k] - ey[k]));
            }
            cell_good = cell_good && cell_worst <= kGridTolerance;
            g.cell_ok[c] = cell_good ? 1 : 0;
            good += cell_good ? 1 : 0;
            worst = cell_good ? std::max(worst, cell_worst) : worst;
        }
        g.all_ok = good == cells;
        if (good >= cells * 9 / 10) {
            m_state->grid = std::move(g);
            m_state->grid_error = worst;
            break;
        }
    }
    CPLPopErrorHandler();
}

Projector::Worker Projector::worker() const {
    // The exact transformation is cloned only when a point falls outside the grid: most
    // reads inside the areas never need it, and a clone costs PROJ a millisecond or so.
    Worker w;
    w.m_owner = this;
    return w;
}

void Projector::Worker::transform(std::span<double> x, std::span<double> y,
                                  std::vector<char>& ok) {
    const State& st = *m_owner->m_state;
    const size_t n = x.size();
    ok.assign(n, 1);
    if (st.identity) {
        for (size_t i = 0; i < n; ++i) {
            ok[i] = static_cast<char>(std::isfinite(x[i]) && std::isfinite(y[i]));
        }
        return;
    }
    m_fallback_x.clear();
    m_fallback_y.clear();
    m_fallback_index.clear();
    for (size_t i = 0; i < n; ++i) {
        if (!st.grid || !st.grid->interpolate(x[i], y[i])) {
            m_fallback_index.push_back(i);
            m_fallback_x.push_back(x[i]);
            m_fallback_y.push_back(y[i]);
        }
    }
    if (m_fallback_index.empty()) {
        return;
    }
    m_success.assign(m_fallback_index.size(), 0);
    if (!m_exact) {
        const std::lock_guard<std::mutex> lock(st.clone_mutex);
        m_exact.reset(st.exact->Clone());
    }
    CPLPushErrorHandler(CPLQuietErrorHandler);
    m_exact->Transform(m_fallback_index.size(), m_fallback_x.data(), m_fallback_y.data(),
                       nullptr, m_success.data());
    CPLPopErrorHandler();
    for (size_t k = 0; k < m_fallback_index.size(); ++k) {
        const size_t i = m_fallback_index[k];
        x[i] = m_fallback_x[k];
        y[i] = m_fallback_y[k];
        ok[i] = static_cast<char>(m_success[k] != 0 && std::isfinite(x[i]) && std::isfinite(y[i]));
    }
}

ProjectorCache::ProjectorCache(const OGRSpatialReference& working_crs, std::optional<Box> extent)
    : m_working(working_crs), m_extent(extent) {}

ProjectorCache::~ProjectorCache() = default;

const Projector& ProjectorCache::get(const OGRSpatialReference& source) {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    source.exportToWkt(&wkt, options);
    std::string key = wkt != nullptr ? wkt : "";
    CPLFree(wkt);
    const std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& [k, p] : m_projectors) {
        if (k == key) {
            return *p;
        }
    }
    auto projector = std::make_unique<Projector>(source, m_working);
    if (!m_extent) {
        m_extent = area_of_use(m_working);
    }
    if (m_extent) {
        projector->accelerate(*m_extent);
    }
    m_projectors.emplace_back(std::move(key), std::move(projector));
    return *m_projectors.back().second;
}

}  // namespace hotspot
