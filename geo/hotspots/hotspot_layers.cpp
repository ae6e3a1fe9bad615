#include "geo/hotspots/hotspot_layers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "geo/error.hpp"

namespace hotspot {
namespace {

FieldValue optional(const std::optional<double>& v) { return v ? FieldValue(*v) : FieldValue(); }

void add_area_fields(Table& t) {
    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("area_name", FieldType::string, "area name");
}

std::string percent(double v) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.1f %%", v);
    return buf.data();
}

}  // namespace

std::string gi_class(int bin) {
    if (bin == 0) {
        return "not significant";
    }
    static constexpr std::array<const char*, 4> kLevel{"", "90 %", "95 %", "99 %"};
    return std::string(bin > 0 ? "hot " : "cold ") + kLevel.at(static_cast<size_t>(std::abs(bin)));
}

Table gi_layer(const AreaFrame& frame, const std::vector<double>& counts,
               const AreaValues& values, const SpatialWeights& w, const GiStarResult& gi,
               const LocalMoranResult* lisa, double lisa_alpha) {
    Table t;
    t.name = lisa != nullptr ? "local_moran" : "getis_ord";
    add_area_fields(t);
    t.add_field("count", FieldType::integer, "incidents in the period");
    const bool other_value = values.field != "count";
    if (other_value) {
        t.add_field(values.field, FieldType::real, "the value analysed: " + values.label);
    }
    t.add_field("n_nbrs", FieldType::integer, "neighbours in the spatial weights");
    t.add_field("gi_z", FieldType::real, "Gi* z-score");
    t.add_field("gi_p", FieldType::real, "two-sided p-value of gi_z");
    t.add_field("gi_bin", FieldType::integer, "-3..3: cold to hot at 99, 95, 90 % confidence");
    t.add_field("gi_class", FieldType::string, "gi_bin in words");
    if (lisa != nullptr) {
        t.add_field("lisa_i", FieldType::real, "local Moran's I");
        t.add_field("lisa_p", FieldType::real, "pseudo p-value from conditional permutations");
        t.add_field("lisa_quadrant", FieldType::string,
                    "HH, LL, LH or HL: the area's value, then its neighbours', against the mean",
                    "lisa_quad");
        t.add_field("lisa_clust", FieldType::string,
                    "lisa_quadrant where lisa_p is below the significance level, else "
                    "not significant");
    }
    for (size_t i = 0; i < frame.size(); ++i) {
        std::vector<FieldValue> row{frame.codes[i], frame.names[i],
                                    static_cast<int64_t>(std::llround(counts[i]))};
        if (other_value) {
            row.emplace_back(values.values[i]);
        }
        row.emplace_back(static_cast<int64_t>(w.cardinality(i)));
        row.push_back(optional(gi.z[i]));
        row.push_back(optional(gi.p[i]));
        row.emplace_back(static_cast<int64_t>(gi.bin[i]));
        row.emplace_back(gi_class(gi.bin[i]));
        if (lisa != nullptr) {
            row.push_back(optional(lisa->i[i]));
            row.push_back(optional(lisa->p[i]));
            const std::string quadrant(quadrant_name(lisa->quadrant[i]));
            row.emplace_back(quadrant.empty() ? FieldValue() : FieldValue(quadrant));
            const bool significant = lisa->p[i] && *lisa->p[i] < lisa_alpha && !quadrant.empty();
            row.emplace_back(significant ? quadrant : std::string("not significant"));
        }
        t.rows.push_back(std::move(row));
    }
    t.notes.push_back("spatial weights: " + w.description + ", " +
                      std::to_string(w.links()) + " links, " +
                      std::to_string(w.mean_neighbours()).substr(0, 4) + " neighbours per area");
    t.notes.insert(t.notes.end(), gi.notes.begin(), gi.notes.end());
    if (lisa != nullptr) {
        t.notes.insert(t.notes.end(), lisa->notes.begin(), lisa->notes.end());
    }
    int counts_by_bin[7] = {};
    for (const int b : gi.bin) {
        ++counts_by_bin[b + 3];
    }
    t.notes.push_back("Gi* hot spots: " + std::to_string(counts_by_bin[6]) + " at 99 %, " +
                      std::to_string(counts_by_bin[5]) + " at 95 %, " +
                      std::to_string(counts_by_bin[4]) + " at 90 %; cold spots: " +
                      std::to_string(counts_by_bin[0]) + ", " + std::to_string(counts_by_bin[1]) +
                      ", " + std::to_string(counts_by_bin[2]));
    t.geometry = frame.geometry;
    t.geos = frame.geos;
    t.crs = frame.crs;
    return t;
}

Table emerging_layer(const AreaFrame& frame, const std::vector<double>& counts,
                     const EmergingResult& r) {
    Table t;
    t.name = "emerging_hot_spots";
    add_area_fields(t);
    t.add_field("count", FieldType::integer, "incidents in the period");
    t.add_field("pattern", FieldType::string, "emerging hot spot pattern");
    t.add_field("hot_steps", FieldType::integer, "time steps as a significant hot spot");
    t.add_field("cold_steps", FieldType::integer, "time steps as a significant cold spot");
    t.add_field("trend_z", FieldType::real, "Mann-Kendall z of the area's Gi* z-scores");
    t.add_field("trend_p", FieldType::real, "two-sided p-value of trend_z");
    t.add_field("final_bin", FieldType::integer, "Gi* bin at the last time step");
    std::map<std::string, int> tally;
    for (size_t i = 0; i < frame.size(); ++i) {
        t.rows.push_back({frame.codes[i], frame.names[i], static_cast<int64_t>(std::llround(counts[i])),
                          r.pattern[i], static_cast<int64_t>(r.hot_steps[i]),
                          static_cast<int64_t>(r.cold_steps[i]), optional(r.trend_z[i]),
                          optional(r.trend_p[i]), static_cast<int64_t>(r.final_bin[i])});
        ++tally[r.pattern[i]];
    }
    t.notes = r.notes;
    std::string summary;
    for (const auto& [pattern, n] : tally) {
        summary += summary.empty() ? "" : ", ";
        summary += pattern + " " + std::to_string(n);
    }
    t.notes.push_back("patterns: " + summary);
    t.geometry = frame.geometry;
    t.geos = frame.geos;
    t.crs = frame.crs;
    return t;
}

Table concentration_layer(const AreaFrame& frame, const std::vector<double>& land_m2,
                          const AreaValues& values) {
    const size_t n = frame.size();
    const double total = std::accumulate(values.values.begin(), values.values.end(), 0.0);
    if (!(total > 0)) {
        throw InputError("nothing to concentrate: the filtered " + values.label + " add up to 0");
    }
    const double land = std::accumulate(land_m2.begin(), land_m2.end(), 0.0);
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return values.values[a] > values.values[b]; });
    Table t;
    t.name = "concentration";
    t.add_field("rank", FieldType::integer, "1 for the area with the highest value");
    add_area_fields(t);
    t.add_field(values.field, FieldType::real, values.label);
    t.add_field("share_pct", FieldType::real, "the area's share of the total, %");
    t.add_field("cum_pct", FieldType::real, "share held by this area and all ranked above, %");
    t.add_field("areas_pct", FieldType::real, "those areas as a share of all areas, %");
    t.add_field("land_pct", FieldType::real, "their land as a share of all land, %");
    double cumulative = 0;
    double cumulative_land = 0;
    std::optional<double> half_areas;
    std::optional<double> half_land;
    double top5 = 0;
    for (size_t k = 0; k < n; ++k) {
        const size_t i = order[k];
        cumulative += values.values[i];
        cumulative_land += land_m2[i];
        const double areas_pct = 100.0 * static_cast<double>(k + 1) / static_cast<double>(n);
        const double cum_pct = 100.0 * cumulative / total;
        const double land_pct = land > 0 ? 100.0 * cumulative_land / land : 0.0;
        if (!half_areas && cum_pct >= 50.0) {
            half_areas = areas_pct;
            half_land = land_pct;
        }
        if (areas_pct <= 5.0 + 1e-9) {
            top5 = cum_pct;
        }
        t.rows.push_back({static_cast<int64_t>(k + 1), frame.codes[i], frame.names[i],
                          values.values[i], 100.0 * values.values[i] / total, cum_pct, areas_pct,
                          land_pct});
    }
    t.notes.push_back(percent(*half_areas) + " of areas (" + percent(*half_land) +
                      " of the land) hold half of the " + values.label);
    t.notes.push_back("the top 5 % of areas hold " + percent(top5) + " of the " + values.label);
    return t;
}

}  // namespace hotspot
