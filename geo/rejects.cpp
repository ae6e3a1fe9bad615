#include "geo/rejects.hpp"

#include <algorithm>

#include "geo/utf8.hpp"

#include <cstdio>

namespace hotspot {

std::string_view reason_name(RejectReason reason) {
    switch (reason) {
        case RejectReason::wrong_column_count: return "wrong column count";
        case RejectReason::bad_number: return "bad number";
        case RejectReason::coordinate_out_of_range: return "coordinate out of range";
        case RejectReason::no_location: return "no location";
        case RejectReason::outside_extent: return "outside the areas' extent";
        case RejectReason::bad_month: return "bad month";
        case RejectReason::bad_date: return "bad date";
        case RejectReason::no_category: return "no category";
        case RejectReason::bad_geometry: return "bad geometry";
        case RejectReason::unterminated_quote: return "unterminated quote";
        case RejectReason::unknown_area: return "unknown area";
        case RejectReason::out_of_range: return "out of range";
        case RejectReason::no_answers: return "no answers";
        case RejectReason::invalid_text: return "invalid text";
        case RejectReason::nul_byte: return "NUL byte";
        case RejectReason::duplicate_row: return "duplicate row";
        case RejectReason::count_: break;
    }
    return "unknown";
}

Reject Reject::of_record(std::string file, int64_t line, RejectReason reason, std::string detail,
                         const std::vector<std::string>& fields) {
    Reject r;
    r.file = std::move(file);
    r.line = line;
    r.reason = reason;
    r.detail = std::move(detail);
    for (const auto& f : fields) {
        if (!r.raw.empty()) {
            r.raw += ',';
        }
        r.raw += f;
        if (r.raw.size() > kMaxRawBytes) {
            r.raw.resize(kMaxRawBytes);
            break;
        }
    }
    return r;
}

std::string Reject::message() const {
    std::string out = file;
    out += line_is_feature_id ? ": feature " : ":";
    out += std::to_string(line);
    out += ": ";
    out += reason_name(reason);
    if (!detail.empty()) {
        out += ": ";
        out += detail;
    }
    return out;
}

void RejectLog::add(Reject reject) {
    // A reject quotes the input that failed, which may be any bytes: what is kept is
    // UTF-8 without NUL bytes, so that every rejects output is text.
    const auto repair = [](std::string& s) {
        if (!is_plain_ascii(s)) {
            s = to_valid_utf8(s);
            std::replace(s.begin(), s.end(), '\0', ' ');
        }
    };
    reject.raw = std::string(utf8_prefix(reject.raw, Reject::kMaxRawBytes));
    repair(reject.raw);
    repair(reject.detail);
    repair(reject.file);
    ++m_counts.at(static_cast<size_t>(reject.reason));
    m_items.push_back(std::move(reject));
}

void RejectLog::append(RejectLog&& other) {
    for (size_t i = 0; i < kRejectReasonCount; ++i) {
        m_counts.at(i) += other.m_counts.at(i);
    }
    if (m_items.empty()) {
        m_items = std::move(other.m_items);
    } else {
        m_items.insert(m_items.end(), std::make_move_iterator(other.m_items.begin()),
                       std::make_move_iterator(other.m_items.end()));
    }
    other.m_items.clear();
    other.m_counts = {};
}

void RejectLog::shift_lines(int64_t delta) {
    for (auto& r : m_items) {
        r.line += delta;
    }
}

std::string RejectLog::summary() const {
    std::string out;
    for (size_t i = 0; i < kRejectReasonCount; ++i) {
        if (m_counts.at(i) == 0) {
            continue;
        }
        std::array<char, 32> num{};
        std::snprintf(num.data(), num.size(), "%10lld ", static_cast<long long>(m_counts.at(i)));
        out += num.data();
        out += reason_name(static_cast<RejectReason>(i));
        out += '\n';
    }
    return out;
}

Table RejectLog::to_table() const {
    Table t;
    t.name = "rejects";
    t.add_field("file", FieldType::string, "input the row came from");
    t.add_field("line", FieldType::integer, "line of a text file, or feature id of a layer");
    t.add_field("reason", FieldType::string, "why the row was rejected");
    t.add_field("detail", FieldType::string, "what exactly was wrong");
    t.add_field("raw", FieldType::string, "the row as read");
    for (const Reject& r : m_items) {
        t.rows.push_back({r.file, r.line, std::string(reason_name(r.reason)), r.detail, r.raw});
    }
    return t;
}

}  // namespace hotspot
