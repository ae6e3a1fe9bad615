#include "geo/aggregate/window_change.hpp"

#include "geo/stats/binomial.hpp"

namespace hotspot {

void add_change_fields(Table& t) {
    t.add_field("cur", FieldType::integer, "count in the latest window");
    t.add_field("prev", FieldType::integer, "count in the window before it");
    t.add_field("change", FieldType::integer, "cur - prev");
    t.add_field("change_pct", FieldType::real, "100 * (cur - prev) / prev; empty when prev is 0");
    t.add_field("change_p", FieldType::real,
                "two-sided p-value of the exact test that both windows share one rate");
    t.add_field("change_q", FieldType::real, "change_p adjusted for the false discovery rate");
    t.add_field("change_sig", FieldType::string,
                "up or down when change_q is below the chosen rate, else none");
}

void append_change_values(std::vector<FieldValue>& row, int64_t cur, int64_t prev) {
    row.emplace_back(cur);
    row.emplace_back(prev);
    row.emplace_back(cur - prev);
    if (prev > 0) {
        row.emplace_back(100.0 * static_cast<double>(cur - prev) / static_cast<double>(prev));
    } else {
        row.emplace_back();
    }
    row.emplace_back(stats::poisson_rate_test(cur, prev));
    row.emplace_back();  // change_q
    row.emplace_back();  // change_sig
}

void append_empty_change_values(std::vector<FieldValue>& row) {
    for (int i = 0; i < 7; ++i) {
        row.emplace_back();
    }
}

void adjust_change(Table& t, double alpha) {
    const size_t cur_i = t.field_index("cur");
    const size_t prev_i = t.field_index("prev");
    const size_t p_i = t.field_index("change_p");
    const size_t q_i = t.field_index("change_q");
    const size_t sig_i = t.field_index("change_sig");
    std::vector<size_t> tested;
    std::vector<double> p;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        if (!std::holds_alternative<int64_t>(row[cur_i])) {
            continue;
        }
        if (std::get<int64_t>(row[cur_i]) + std::get<int64_t>(row[prev_i]) > 0) {
            tested.push_back(r);
            p.push_back(std::get<double>(row[p_i]));
        } else {
            t.rows[r][q_i] = 1.0;
            t.rows[r][sig_i] = std::string("none");
        }
    }
    const std::vector<double> q = stats::benjamini_hochberg(p);
    for (size_t k = 0; k < tested.size(); ++k) {
        auto& row = t.rows[tested[k]];
        row[q_i] = q[k];
        const int64_t change = std::get<int64_t>(row[cur_i]) - std::get<int64_t>(row[prev_i]);
        row[sig_i] = std::string(q[k] < alpha ? (change > 0 ? "up" : "down") : "none");
    }
}

}  // namespace hotspot
