#include "geo/repeats/knox.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "geo/detail/parallel.hpp"
#include "geo/error.hpp"
#include "geo/text.hpp"
#include "geo/stats/random.hpp"

namespace hotspot {

namespace {

/// "100", "12.5": metres as the user wrote them.
void check_options(const KnoxOptions& o, size_t events) {
    auto need = [](bool ok, const std::string& what) {
        if (!ok) {
            throw InputError(what);
        }
    };
    need(std::isfinite(o.distance_band) && o.distance_band >= 1 && o.distance_band <= 100'000,
         "--distance-band " + shortest(o.distance_band) + ": give metres from 1 to 100000");
    need(o.distance_bands >= 1 && o.distance_bands <= 50, "--distance-bands " + std::to_string(o.distance_bands) +
                                                              ": give 1 to 50 bands");
    need(o.time_band >= 1 && o.time_band <= 3650, "--time-band " + std::to_string(o.time_band) +
                                                      ": give days from 1 to 3650");
    need(o.time_bands >= 1 && o.time_bands <= 100, "--time-bands " + std::to_string(o.time_bands) +
                                                       ": give 1 to 100 bands");
    need(o.permutations >= 1 && o.permutations <= 99'999, "--permutations " + std::to_string(o.permutations) +
                                                              ": give 1 to 99999");
    need(events >= 2, "the near-repeat test needs at least two events; " + std::to_string(events) + " given");
    need(events < std::numeric_limits<uint32_t>::max(), "too many events");
}

/// Pairs of events closer than the outermost band's edge, grouped by distance band
/// (0 same location, 1..n), each a pair of positions in the spatially sorted order.
struct ClosePairs {
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> by_band;
    int64_t total = 0;
};

ClosePairs find_close_pairs(const std::vector<double>& xs, const std::vector<double>& ys,
                            const std::vector<int64_t>& cell_of, const KnoxOptions& o) {
    const double reach = o.distance_band * o.distance_bands;
    // The events are sorted by cell, so each cell is a contiguous range.
    std::unordered_map<int64_t, std::pair<uint32_t, uint32_t>> cells;
    cells.reserve(cell_of.size());
    for (uint32_t i = 0; i < cell_of.size();) {
        uint32_t j = i;
        while (j < cell_of.size() && cell_of[j] == cell_of[i]) {
            ++j;
        }
        cells.emplace(cell_of[i], std::make_pair(i, j));
        i = j;
    }
    ClosePairs out;
    out.by_band.resize(static_cast<size_t>(o.distance_bands) + 1);
    const bool manhattan = o.metric == DistanceMetric::manhattan;
    // Each unordered pair of neighbouring cells once: the cell itself and four of its
    // eight neighbours.
    constexpr int64_t kForward[4][2] = {{1, -1}, {1, 0}, {1, 1}, {0, 1}};
    auto visit = [&](uint32_t i, uint32_t j) {
        const double dx = std::abs(xs[i] - xs[j]);
        const double dy = std::abs(ys[i] - ys[j]);
        const double d = manhattan ? dx + dy : std::sqrt(dx * dx + dy * dy);
        if (d >= reach) {
            return;
        }
        const size_t band = d < 1 ? 0 : std::min<size_t>(1 + static_cast<size_t>(d / o.distance_band),
                                                         static_cast<size_t>(o.distance_bands));
        out.by_band[band].emplace_back(i, j);
        if (++out.total > o.max_close_pairs) {
            throw InputError("more than " + std::to_string(o.max_close_pairs) + " pairs of events lie within " +
                             shortest(reach) + " m of each other: use narrower or fewer distance bands, or fewer events");
        }
    };
    for (const auto& [key, range] : cells) {
        const int64_t cx = key >> 32;
        const int64_t cy = key & 0xFFFFFFFF;
        for (uint32_t i = range.first; i < range.second; ++i) {
            for (uint32_t j = i + 1; j < range.second; ++j) {
                visit(i, j);
            }
        }
        for (const auto& step : kForward) {
            const int64_t nx = cx + step[0];
            const int64_t ny = cy + step[1];
            if (ny < 0) {
                continue;
            }
            const auto it = cells.find((nx << 32) | ny);
            if (it == cells.end()) {
                continue;
            }
            for (uint32_t i = range.first; i < range.second; ++i) {
                for (uint32_t j = it->second.first; j < it->second.second; ++j) {
                    visit(i, j);
                }
            }
        }
    }
    for (auto& pairs : out.by_band) {
        std::sort(pairs.begin(), pairs.end());  // the order of positions, for the cache
    }
    return out;
}

/// Pairs of all events by time band: the same for every permutation of the days.
std::vector<int64_t> pairs_by_time_band(std::vector<int32_t> days, const KnoxOptions& o) {
    std::sort(days.begin(), days.end());
    const auto n = static_cast<int64_t>(days.size());
    auto closer_than = [&](int64_t gap) {  // pairs whose gap is below `gap` days
        int64_t count = 0;
        int64_t j = 0;
        for (int64_t i = 0; i < n; ++i) {
            j = std::max(j, i + 1);
            while (j < n && days[static_cast<size_t>(j)] - days[static_cast<size_t>(i)] < gap) {
                ++j;
            }
            count += j - i - 1;
        }
        return count;
    };
    std::vector<int64_t> out(static_cast<size_t>(o.time_bands) + 1);
    int64_t below = 0;
    for (int t = 0; t < o.time_bands; ++t) {
        const int64_t c = closer_than(static_cast<int64_t>(t + 1) * o.time_band);
        out[static_cast<size_t>(t)] = c - below;
        below = c;
    }
    out.back() = n * (n - 1) / 2 - below;
    return out;
}

}  // namespace

double distance_lo(const KnoxOptions& o, int band) {
    return band == 0 ? 0 : band == 1 ? 1 : (band - 1) * o.distance_band;
}
double distance_hi(const KnoxOptions& o, int band) {
    return band == 0 ? 1 : band > o.distance_bands ? -1 : band * o.distance_band;
}
int time_lo(const KnoxOptions& o, int band) { return band * o.time_band; }
int time_hi(const KnoxOptions& o, int band) { return band >= o.time_bands ? -1 : (band + 1) * o.time_band; }

std::string distance_label(const KnoxOptions& o, int band) {
    if (band == 0) {
        return "same";
    }
    if (band > o.distance_bands) {
        return ">" + shortest(o.distance_bands * o.distance_band);
    }
    return shortest(band == 1 ? 1 : (band - 1) * o.distance_band + 1) + "-" + shortest(band * o.distance_band);
}

std::string time_label(const KnoxOptions& o, int band) {
    if (band >= o.time_bands) {
        return ">" + std::to_string(o.time_bands * o.time_band);
    }
    return std::to_string(band == 0 ? 0 : band * o.time_band + 1) + "-" + std::to_string((band + 1) * o.time_band);
}

KnoxResult knox_test(const std::vector<DatedEvent>& events, const KnoxOptions& o) {
    check_options(o, events.size());
    const size_t n = events.size();
    const double reach = o.distance_band * o.distance_bands;
    double min_x = events[0].x;
    double min_y = events[0].y;
    for (const auto& e : events) {
        min_x = std::min(min_x, e.x);
        min_y = std::min(min_y, e.y);
    }
    // Sort the events by grid cell of side `reach`: a close pair is in one cell or two
    // neighbouring ones, and close events sit near each other in memory.
    std::vector<int64_t> key(n);
    for (size_t i = 0; i < n; ++i) {
        const auto cx = static_cast<int64_t>((events[i].x - min_x) / reach);
        const auto cy = static_cast<int64_t>((events[i].y - min_y) / reach);
        key[i] = (cx << 32) | cy;
    }
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key[a] < key[b]; });
    std::vector<double> xs(n);
    std::vector<double> ys(n);
    std::vector<int64_t> cell_of(n);
    std::vector<int32_t> days(n);
    for (size_t i = 0; i < n; ++i) {
        const auto& e = events[order[i]];
        xs[i] = e.x;
        ys[i] = e.y;
        cell_of[i] = key[order[i]];
        days[i] = static_cast<int32_t>(e.day);
    }
    const ClosePairs close = find_close_pairs(xs, ys, cell_of, o);
    const std::vector<int64_t> all_pairs = pairs_by_time_band(days, o);

    const int tcols = o.time_bands + 1;
    const int drows = o.distance_bands + 2;
    const size_t ncells = static_cast<size_t>(tcols * drows);
    // The time band of a gap in days, looked up instead of divided.
    std::vector<uint8_t> band_of_gap(static_cast<size_t>(o.time_bands) * static_cast<size_t>(o.time_band));
    for (size_t g = 0; g < band_of_gap.size(); ++g) {
        band_of_gap[g] = static_cast<uint8_t>(g / static_cast<size_t>(o.time_band));
    }
    const auto far_gap = static_cast<int64_t>(band_of_gap.size());
    const auto far_band = static_cast<size_t>(o.time_bands);
    auto count = [&](const std::vector<int32_t>& d, int64_t* cells) {
        std::fill(cells, cells + ncells, 0);
        for (size_t band = 0; band < close.by_band.size(); ++band) {
            int64_t* row = cells + band * static_cast<size_t>(tcols);
            // Most close pairs are far apart in time: count only those that are not
            // (a well-predicted branch, and no chain of increments of one counter), and
            // the far ones are the rest of the band.
            int64_t near = 0;
            for (const auto& [a, b] : close.by_band[band]) {
                const int64_t gap = std::abs(static_cast<int64_t>(d[a]) - d[b]);
                if (gap < far_gap) {
                    ++row[band_of_gap[static_cast<size_t>(gap)]];
                    ++near;
                }
            }
            row[far_band] = static_cast<int64_t>(close.by_band[band].size()) - near;
        }
        int64_t* far = cells + static_cast<size_t>(drows - 1) * static_cast<size_t>(tcols);
        for (size_t t = 0; t < static_cast<size_t>(tcols); ++t) {
            int64_t near = 0;
            for (size_t band = 0; band + 1 < static_cast<size_t>(drows); ++band) {
                near += cells[band * static_cast<size_t>(tcols) + t];
            }
            far[t] = all_pairs[t] - near;
        }
    };

    std::vector<int64_t> observed(ncells);
    count(days, observed.data());
    const auto perms = static_cast<size_t>(o.permutations);
    std::vector<int64_t> sims(perms * ncells);
    parallel_ranges(perms, capped_threads(o.threads), [&](size_t begin, size_t end, size_t) {
        std::vector<int32_t> shuffled(n);
        for (size_t r = begin; r < end; ++r) {
            // Each permutation shuffles the observed days afresh from its own stream, so
            // permutation r is the same whichever thread draws it.
            std::copy(days.begin(), days.end(), shuffled.begin());
            auto rng = stats::SplitMix64::stream(o.seed, r);
            for (size_t i = n - 1; i > 0; --i) {
                std::swap(shuffled[i], shuffled[rng.below(i + 1)]);
            }
            count(shuffled, sims.data() + r * ncells);
        }
    });

    KnoxResult result;
    result.options = o;
    result.events = static_cast<int64_t>(n);
    result.pairs = static_cast<int64_t>(n) * static_cast<int64_t>(n - 1) / 2;
    result.close_pairs = close.total;
    for (int dband = 0; dband < drows; ++dband) {
        for (int t = 0; t < tcols; ++t) {
            const size_t c = static_cast<size_t>(dband * tcols + t);
            KnoxCell cell;
            cell.distance_band = dband;
            cell.time_band = t;
            cell.observed = observed[c];
            cell.sim_min = std::numeric_limits<int64_t>::max();
            cell.sim_max = std::numeric_limits<int64_t>::min();
            double sum = 0;
            for (size_t r = 0; r < perms; ++r) {
                const int64_t s = sims[r * ncells + c];
                sum += static_cast<double>(s);
                cell.sim_min = std::min(cell.sim_min, s);
                cell.sim_max = std::max(cell.sim_max, s);
                cell.at_least += s >= cell.observed ? 1 : 0;
            }
            cell.expected = sum / static_cast<double>(perms);
            double ss = 0;
            for (size_t r = 0; r < perms; ++r) {
                const double dev = static_cast<double>(sims[r * ncells + c]) - cell.expected;
                ss += dev * dev;
            }
            cell.sd = perms > 1 ? std::sqrt(ss / static_cast<double>(perms - 1)) : 0;
            cell.ratio = cell.expected > 0 ? static_cast<double>(cell.observed) / cell.expected
                                           : std::numeric_limits<double>::quiet_NaN();
            cell.p = static_cast<double>(1 + cell.at_least) / static_cast<double>(perms + 1);
            result.cells.push_back(cell);
        }
    }
    return result;
}

KnoxFinding describe_knox(const KnoxResult& r, double alpha, double meaningful) {
    const KnoxOptions& o = r.options;
    KnoxFinding f;
    auto strong = [&](const KnoxCell& c) { return c.p <= alpha && std::isfinite(c.ratio) && c.ratio >= meaningful; };
    auto leading_run = [&](int dband) {
        int t = 0;
        while (t < o.time_bands && strong(r.cell(dband, t))) {
            ++t;
        }
        return t;
    };
    auto span = [&](int d) {  // "1 to 100", "101 to 200", as the calculator writes them
        std::string label = distance_label(o, d);
        return label.replace(label.find('-'), 1, " to ");
    };
    auto percent = [](double ratio) { return std::to_string(std::lround((ratio - 1) * 100)); };
    auto days_range = [&](int t) {
        return "from " + std::to_string(t == 0 ? 0 : t * o.time_band + 1) + " to " +
               std::to_string((t + 1) * o.time_band) + " days";
    };
    if (r.best_p() > alpha) {
        f.lines.push_back("with " + std::to_string(o.permutations) + " permutations the smallest p-value is " +
                          shortest(r.best_p()) + ", above " + shortest(alpha) +
                          ": nothing can be significant; run at least 19 (999 is the default)");
    }
    // Near repeats: the bands from 1 m out, each with its own run of raised time bands.
    const KnoxCell* best = nullptr;
    bool contiguous = true;
    for (int d = 1; d <= o.distance_bands; ++d) {
        const int run = leading_run(d);
        if (run == 0) {
            contiguous = false;
            continue;
        }
        f.near_repeat = true;
        f.lines.push_back("within " + span(d) + " metres of an incident, near repeats are over-represented for up to " +
                          std::to_string(run * o.time_band) + " days");
        if (contiguous) {
            f.zone_metres = distance_hi(o, d);
            f.zone_days = std::max(f.zone_days, run * o.time_band);
        }
        for (int t = 0; t < run; ++t) {
            if (best == nullptr || r.cell(d, t).ratio > best->ratio) {
                best = &r.cell(d, t);
            }
        }
    }
    if (best != nullptr) {
        f.lines.push_back("the most over-represented significant zone is " + span(best->distance_band) +
                          " metres and " +
                          days_range(best->time_band) + ": the chance of another incident is about " +
                          percent(best->ratio) + " percent greater than if there were no pattern");
    } else {
        f.lines.push_back("no significant and meaningful near-repeat pattern (p <= " + shortest(alpha) +
                          " and at least " + percent(meaningful) + " percent over the expected count)");
    }
    const int same_run = leading_run(0);
    if (same_run > 0) {
        f.repeat = true;
        const KnoxCell* top = &r.cell(0, 0);
        for (int t = 1; t < same_run; ++t) {
            top = r.cell(0, t).ratio > top->ratio ? &r.cell(0, t) : top;
        }
        f.lines.push_back("repeats at the same place are over-represented for up to " +
                          std::to_string(same_run * o.time_band) + " days; the most over-represented is " +
                          days_range(top->time_band) + ": about " + percent(top->ratio) +
                          " percent greater than if there were no pattern");
    } else {
        f.lines.push_back("no significant and meaningful repeat pattern at the same place");
    }
    return f;
}

}  // namespace hotspot
