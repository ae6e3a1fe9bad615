#include "geo/aggregate/area_layers.hpp"

#include <algorithm>
#include <numeric>

#include "geo/aggregate/category_codes.hpp"
#include "geo/aggregate/window_change.hpp"
#include "geo/error.hpp"
#include "geo/stats/binomial.hpp"
#include "geo/text.hpp"

namespace hotspot {
namespace {

/// The two windows compared, or nothing when the earlier one starts before the data.
struct Windows {
    Month current_from;
    Month current_to;
    Month previous_from;
    Month previous_to;
};

std::optional<Windows> windows_for(const CellCounts& cells, const ResolvedFilter& filter,
                                   const WindowOptions& w, std::vector<std::string>& notes) {
    if (w.months < 1) {
        throw InputError("the comparison window must be at least 1 month");
    }
    Windows win{filter.to + (1 - w.months), filter.to, filter.to + (1 - 2 * w.months),
                filter.to + (-w.months)};
    if (win.previous_from < cells.first_month()) {
        notes.push_back("no change computed: the previous " + std::to_string(w.months) +
                        "-month window (" + win.previous_from.to_string() + " to " +
                        win.previous_to.to_string() + ") starts before the data (" +
                        cells.first_month().to_string() + ")");
        return std::nullopt;
    }
    if (cells.space() != nullptr && (!cells.space()->allows_months(win.current_from, win.current_to) ||
                                     !cells.space()->allows_months(win.previous_from, win.previous_to))) {
        notes.push_back("no change computed: the public view compares only months, calendar quarters and years, "
                        "and the latest 3, 6 or 12 months with as many before them, not " +
                        win.current_from.to_string() + " to " + win.current_to.to_string() + " with " +
                        win.previous_from.to_string() + " to " + win.previous_to.to_string());
        return std::nullopt;
    }
    notes.push_back("change compares " + win.current_from.to_string() + " to " +
                    win.current_to.to_string() + " with " + win.previous_from.to_string() +
                    " to " + win.previous_to.to_string() +
                    " (exact conditional test for two Poisson counts, Benjamini-Hochberg "
                    "false discovery rate " +
                    std::to_string(w.alpha).substr(0, 4) + ")");
    return win;
}


void set_geometry(Table& t, const AreaFrame& frame) {
    t.geometry = frame.geometry;
    t.geos = frame.geos;
    t.crs = frame.crs;
}

std::vector<std::string> filter_notes(const CellCounts& cells, const ResolvedFilter& f) {
    std::vector<std::string> notes;
    const size_t chosen = static_cast<size_t>(std::count(f.category.begin(), f.category.end(), true));
    notes.push_back("period " + f.from.to_string() + " to " + f.to.to_string() + " (" +
                    std::to_string(f.months()) + " months), " + std::to_string(chosen) + " of " +
                    std::to_string(cells.categories().size()) + " categories");
    return notes;
}

}  // namespace

Table summary_layer(const CellCounts& cells, const AreaFrame& frame, const ResolvedFilter& filter,
                    const HarmWeights* harm, const WindowOptions& window) {
    Table t;
    t.name = "area_summary";
    t.notes = filter_notes(cells, filter);
    t.notes.insert(t.notes.end(), frame.notes.begin(), frame.notes.end());
    const auto win = windows_for(cells, filter, window, t.notes);
    const auto& cats = cells.categories();
    const std::vector<std::string> codes = category_codes(cats);

    std::vector<double> weight(cats.size(), 0.0);
    if (harm != nullptr) {
        std::vector<std::string> unweighted;
        for (uint32_t c = 0; c < cats.size(); ++c) {
            if (const auto w = harm->weight(cats.at(c))) {
                weight[c] = *w;
            } else if (filter.category[c]) {
                unweighted.push_back(cats.at(c));
            }
        }
        if (!unweighted.empty()) {
            t.notes.push_back("no harm weight in " + harm->source() + " for: " +
                              join(unweighted, "; ") + " (they add 0 to harm)");
        }
    }

    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("area_name", FieldType::string, "area name");
    if (frame.has_districts()) {
        t.add_field("district", FieldType::string, "district (local authority) code");
        t.add_field("dist_name", FieldType::string, "district name");
    }
    t.add_field("pop", FieldType::real, "resident population");
    t.add_field("count", FieldType::integer, "incidents in the period");
    t.add_field("rate_1k", FieldType::real, "incidents in the period per 1,000 residents");
    if (harm != nullptr) {
        t.add_field("harm", FieldType::real, "sum of harm weights of the period's incidents");
        t.add_field("harm_1k", FieldType::real, "harm per 1,000 residents");
    }
    add_change_fields(t);
    t.add_field("rank", FieldType::integer, "rank by count, 1 = most (ties share a rank)");
    for (uint32_t c = 0; c < cats.size(); ++c) {
        if (filter.category[c]) {
            t.add_field("c_" + codes[c], FieldType::integer, "incidents of " + cats.at(c));
        }
    }

    std::vector<int64_t> counts(frame.size());
    for (size_t a = 0; a < frame.size(); ++a) {
        std::vector<FieldValue> row;
        row.emplace_back(frame.codes[a]);
        row.emplace_back(frame.names[a]);
        if (frame.has_districts()) {
            row.emplace_back(frame.district_codes[a]);
            row.emplace_back(frame.district_names[a]);
        }
        const std::optional<double> pop = frame.population[a];
        row.emplace_back(pop ? FieldValue(*pop) : FieldValue());
        const int64_t count = cells.sum(a, filter.category, filter.from, filter.to);
        counts[a] = count;
        row.emplace_back(count);
        const bool has_rate = pop && *pop > 0;
        row.emplace_back(has_rate ? FieldValue(1000.0 * static_cast<double>(count) / *pop)
                                  : FieldValue());
        if (harm != nullptr) {
            double h = 0;
            for (uint32_t c = 0; c < cats.size(); ++c) {
                if (filter.category[c] && weight[c] > 0) {
                    h += weight[c] *
                         static_cast<double>(cells.sum_one(a, c, filter.from, filter.to));
                }
            }
            row.emplace_back(h);
            row.emplace_back(has_rate ? FieldValue(1000.0 * h / *pop) : FieldValue());
        }
        if (win) {
            append_change_values(row,
                                 cells.sum(a, filter.category, win->current_from, win->current_to),
                                 cells.sum(a, filter.category, win->previous_from, win->previous_to));
        } else {
            append_empty_change_values(row);
        }
        row.emplace_back();  // rank, below
        for (uint32_t c = 0; c < cats.size(); ++c) {
            if (filter.category[c]) {
                row.emplace_back(cells.sum_one(a, c, filter.from, filter.to));
            }
        }
        t.rows.push_back(std::move(row));
    }
    if (win) {
        adjust_change(t, window.alpha);
    }
    // Standard competition ranking: equal counts share the better rank.
    std::vector<size_t> order(frame.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t l, size_t r) { return counts[l] > counts[r]; });
    const size_t rank_i = t.field_index("rank");
    for (size_t k = 0; k < order.size(); ++k) {
        const bool tie = k > 0 && counts[order[k]] == counts[order[k - 1]];
        t.rows[order[k]][rank_i] =
            tie ? t.rows[order[k - 1]][rank_i] : FieldValue(static_cast<int64_t>(k + 1));
    }
    const int64_t unassigned = cells.sum(cells.unassigned_row(), filter.category, filter.from, filter.to);
    if (unassigned > 0) {
        t.notes.push_back(std::to_string(unassigned) +
                          " incidents in the period fell in no area and are in no row");
    }
    set_geometry(t, frame);
    return t;
}

Table monthly_layer(const CellCounts& cells, const AreaFrame& frame, const ResolvedFilter& filter) {
    Table t;
    t.name = "area_monthly";
    t.notes = filter_notes(cells, filter);
    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("area_name", FieldType::string, "area name");
    t.add_field("month", FieldType::string, "month (YYYY-MM)");
    t.add_field("category", FieldType::string, "crime category");
    t.add_field("count", FieldType::integer, "incidents");
    const auto& cats = cells.categories();
    for (size_t a = 0; a < frame.size(); ++a) {
        for (Month m = filter.from; m <= filter.to; m = m + 1) {
            for (uint32_t c = 0; c < cats.size(); ++c) {
                if (filter.category[c]) {
                    t.rows.push_back({frame.codes[a], frame.names[a], m.to_string(), cats.at(c),
                                      cells.sum_one(a, c, m, m)});
                }
            }
        }
    }
    return t;
}

Table change_layer(const CellCounts& cells, const AreaFrame& frame, const ResolvedFilter& filter,
                   const WindowOptions& window) {
    Table t;
    t.name = "area_change";
    t.notes = filter_notes(cells, filter);
    const auto win = windows_for(cells, filter, window, t.notes);
    if (!win) {
        throw InputError(t.notes.back());
    }
    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("area_name", FieldType::string, "area name");
    t.add_field("category", FieldType::string, "crime category");
    add_change_fields(t);
    const auto& cats = cells.categories();
    for (size_t a = 0; a < frame.size(); ++a) {
        for (uint32_t c = 0; c < cats.size(); ++c) {
            if (!filter.category[c]) {
                continue;
            }
            std::vector<FieldValue> row{frame.codes[a], frame.names[a], cats.at(c)};
            append_change_values(row, cells.sum_one(a, c, win->current_from, win->current_to),
                                 cells.sum_one(a, c, win->previous_from, win->previous_to));
            t.rows.push_back(std::move(row));
        }
    }
    adjust_change(t, window.alpha);
    return t;
}

}  // namespace hotspot
