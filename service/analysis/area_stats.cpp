#include "service/analysis/area_stats.hpp"

#include <cmath>

#include "geo/aggregate/area_layers.hpp"
#include "geo/aggregate/area_values.hpp"
#include "geo/aggregate/knife.hpp"
#include "geo/hotspots/getis_ord.hpp"
#include "geo/hotspots/hotspot_layers.hpp"
#include "geo/hotspots/local_moran.hpp"

namespace hotspot::server {

std::optional<size_t> AreaStats::column(const std::string& name) const {
    for (size_t i = 0; i < table.fields.size(); ++i) {
        if (table.fields[i].name == name) {
            return i;
        }
    }
    return std::nullopt;
}

ResolvedFilter resolve_query(const Snapshot& snapshot, const Dictionary& categories, Month first,
                             Month last, const MapQuery& query) {
    Filter f;
    f.categories = query.categories;
    f.from = query.from;
    f.to = query.to;
    if (query.knife) {
        f.categories = knife_categories(snapshot.knife(), categories);
    }
    return resolve(f, categories, first, last);
}

const std::vector<std::string> kTileFields{
    "area_code", "area_name", "count", "rate_1k", "harm", "cur", "prev", "change", "change_pct",
    "change_sig", "rank", "gi_z", "gi_bin", "gi_class", "lisa_clust", "suppressed", "class_code",
    "class_name", "engagement", "engage_idx", "belonging", "diversity", "fear", "satisfaction",
    "participation"};

std::shared_ptr<const tiles::MvtAttributes> tile_attributes(const Table& table) {
    std::vector<std::string> keys;
    std::vector<size_t> columns;
    for (const std::string& name : kTileFields) {
        for (size_t c = 0; c < table.fields.size(); ++c) {
            if (table.fields[c].name == name) {
                keys.push_back(name);
                columns.push_back(c);
                break;
            }
        }
    }
    std::vector<std::vector<std::optional<tiles::MvtValue>>> rows(table.rows.size());
    for (size_t r = 0; r < table.rows.size(); ++r) {
        rows[r].resize(columns.size());
        for (size_t k = 0; k < columns.size(); ++k) {
            const FieldValue& v = table.rows[r][columns[k]];
            if (const auto* i = std::get_if<int64_t>(&v)) {
                rows[r][k] = *i;
            } else if (const auto* d = std::get_if<double>(&v)) {
                rows[r][k] = std::round(*d * 1e6) / 1e6;
            } else if (const auto* text = std::get_if<std::string>(&v)) {
                rows[r][k] = *text;
            }
        }
    }
    return std::make_shared<const tiles::MvtAttributes>(std::move(keys), rows);
}

ResolvedFilter resolve_query(const Snapshot& snapshot, const CountsCube& cube, const MapQuery& query) {
    return resolve_query(snapshot, cube.categories(), cube.first_month(), cube.last_month(), query);
}

std::shared_ptr<AreaStats> compute_area_stats(const Snapshot& snapshot, const AreaLayer& layer,
                                              const MapQuery& query, bool protect) {
    auto stats = std::make_shared<AreaStats>();
    stats->filter = resolve_query(snapshot, layer.cube, query);
    stats->is_protected = protect;
    if (protect) {
        snapshot.query_space().check(stats->filter, layer.cube.categories());
    }
    const CellCounts cells =
        protect ? CellCounts::protect(layer.cube, &snapshot.query_space()) : CellCounts::truth(layer.cube);
    const HarmWeights* harm = snapshot.harm().size() > 0 ? &snapshot.harm() : nullptr;
    stats->table = summary_layer(cells, layer.frame, stats->filter, harm,
                                 WindowOptions{query.window, 0.05});
    const ValueKind kind = parse_value_kind(query.value);
    const AreaValues values = area_values(cells, layer.frame, stats->filter, kind, harm,
                                          stats->filter.from, stats->filter.to);
    const AreaValues counts = area_values(cells, layer.frame, stats->filter, ValueKind::count,
                                          nullptr, stats->filter.from, stats->filter.to);
    stats->value_label = values.label;
    Table gi_table;
    try {
        const GiStarResult gi = getis_ord_gi_star(values.values, layer.weights, GiStarOptions{});
        SpatialWeights rw = layer.weights;
        rw.row_standardise();
        const LocalMoranResult lisa = local_moran(values.values, rw, LocalMoranOptions{});
        gi_table = gi_layer(layer.frame, counts.values, values, layer.weights, gi, &lisa, 0.05);
    } catch (const InputError& e) {
        stats->table.notes.push_back(std::string("no Gi* or local Moran's I: ") + e.what());
    }
    // Join the statistics' columns on, row by row (both tables are in area order).
    for (const char* name : {"n_nbrs", "gi_z", "gi_p", "gi_bin", "gi_class", "lisa_i", "lisa_p",
                             "lisa_quadrant", "lisa_clust"}) {
        const FieldSpec* spec = nullptr;
        size_t from = 0;
        for (size_t i = 0; i < gi_table.fields.size(); ++i) {
            if (gi_table.fields[i].name == name) {
                spec = &gi_table.fields[i];
                from = i;
            }
        }
        if (spec != nullptr) {
            stats->table.add_field(spec->name, spec->type, spec->description, spec->short_name);
            for (size_t r = 0; r < stats->table.rows.size(); ++r) {
                stats->table.rows[r].push_back(gi_table.rows[r][from]);
            }
        }
    }
    stats->table.notes.insert(stats->table.notes.end(), gi_table.notes.begin(), gi_table.notes.end());
    // The engagement classification, when the layer has one (rows in area order).
    const Table& eng = layer.engagement;
    if (eng.rows.size() == stats->table.rows.size()) {
        for (const char* name : {"class_code", "class_name", "engagement", "engage_idx", "belonging",
                                 "diversity", "fear", "satisfaction", "participation"}) {
            const size_t from = eng.field_index(name);
            const FieldSpec& spec = eng.fields[from];
            stats->table.add_field(spec.name, spec.type, spec.description, spec.short_name);
            for (size_t r = 0; r < stats->table.rows.size(); ++r) {
                stats->table.rows[r].push_back(eng.rows[r][from]);
            }
        }
    }
    stats->table.name = layer.id;
    return stats;
}

Table suppress_small_counts(const Table& table, int below) {
    Table t = table;
    if (below <= 1) {
        return t;
    }
    auto index = [&](const char* name) -> std::optional<size_t> {
        for (size_t i = 0; i < t.fields.size(); ++i) {
            if (t.fields[i].name == name) {
                return i;
            }
        }
        return std::nullopt;
    };
    auto small = [&](const FieldValue& v) {
        const auto* n = std::get_if<int64_t>(&v);
        return n != nullptr && *n > 0 && *n < below;
    };
    const auto count = index("count");
    const auto cur = index("cur");
    const auto prev = index("prev");
    std::vector<size_t> with_count;  // derived from the total, or finer than a hidden count
    for (const char* f : {"rate_1k", "harm", "harm_1k", "rank", "gi_z", "gi_p", "lisa_i", "lisa_p"}) {
        if (const auto i = index(f)) {
            with_count.push_back(*i);
        }
    }
    std::vector<size_t> with_window;  // derived from the windows
    for (const char* f : {"change", "change_pct", "change_p", "change_q", "change_sig"}) {
        if (const auto i = index(f)) {
            with_window.push_back(*i);
        }
    }
    std::vector<size_t> categories;
    for (size_t i = 0; i < t.fields.size(); ++i) {
        if (t.fields[i].name.rfind("c_", 0) == 0) {
            categories.push_back(i);
        }
    }
    t.add_field("suppressed", FieldType::integer,
                "1 when small counts in this row were hidden (below " + std::to_string(below) + ")");
    for (auto& row : t.rows) {
        bool hidden = false;
        if (count && small(row[*count])) {
            row[*count] = FieldValue();
            for (const size_t i : with_count) {
                row[i] = FieldValue();
            }
            hidden = true;
        }
        if ((cur && small(row[*cur])) || (prev && small(row[*prev]))) {
            for (const auto i : {cur, prev}) {
                if (i) {
                    row[*i] = FieldValue();
                }
            }
            for (const size_t i : with_window) {
                row[i] = FieldValue();
            }
            hidden = true;
        }
        for (const size_t i : categories) {
            if (small(row[i])) {
                row[i] = FieldValue();
                hidden = true;
            }
        }
        row.emplace_back(static_cast<int64_t>(hidden ? 1 : 0));
    }
    t.notes.push_back("counts from 1 to " + std::to_string(below - 1) + " are hidden");
    return t;
}

}  // namespace hotspot::server
