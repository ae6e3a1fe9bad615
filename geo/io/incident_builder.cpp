#include "geo/io/incident_builder.hpp"

#include "geo/text.hpp"
#include "geo/utf8.hpp"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <array>
#include <cstdio>

namespace hotspot {
namespace {

std::string quoted(std::string_view s) {
    constexpr size_t kMax = 80;
    std::string out = "\"";
    out.append(s.substr(0, kMax));
    if (s.size() > kMax) {
        out += "...";
    }
    out += '"';
    return out;
}

std::string format_point(double x, double y) {
    std::array<char, 96> buf{};
    std::snprintf(buf.data(), buf.size(), "(%.1f, %.1f)", x, y);
    return buf.data();
}

}  // namespace

IncidentBuilder::IncidentBuilder(const ReadOptions& options, const Projector& projector,
                                 CoordinateKind kind, std::string file_name, ParsedRows& out)
    : m_options(options),
      m_projector(projector.worker()),
      m_kind(kind),
      m_file(std::move(file_name)),
      m_out(out),
      m_crs_label(crs_label(options.working_crs)) {
    if (m_out.table.sources.empty()) {
        m_out.table.sources.push_back(m_file);
    }
    if (options.keep_details && !m_out.table.details) {
        m_out.table.details.emplace();
    }
}

void IncidentBuilder::reject(RejectReason reason, std::string detail) {
    Reject r;
    r.file = m_file;
    r.line = m_line;
    r.reason = reason;
    r.detail = std::move(detail);
    r.raw = std::string(m_raw.substr(0, Reject::kMaxRawBytes));
    r.line_is_feature_id = m_feature_id;
    m_out.rejects.add(std::move(r));
}

bool IncidentBuilder::text(std::string_view value, std::string_view column) {
    if (is_plain_ascii(value)) {
        return true;
    }
    if (const size_t nul = value.find('\0'); nul != std::string_view::npos) {
        reject(RejectReason::nul_byte, std::string(column) + " holds a NUL byte at offset " + std::to_string(nul));
        return false;
    }
    if (const size_t at = invalid_utf8_at(value); at != std::string_view::npos) {
        reject(RejectReason::invalid_text, std::string(column) + " is not UTF-8: byte " +
                                               hex_byte(static_cast<unsigned char>(value[at])) +
                                               " at offset " + std::to_string(at));
        return false;
    }
    return true;
}

bool IncidentBuilder::coordinates(std::string_view x_text, std::string_view y_text,
                                  std::string_view x_name, std::string_view y_name, double& x,
                                  double& y) {
    const bool x_blank = trim(x_text).empty();
    const bool y_blank = trim(y_text).empty();
    if (x_blank || y_blank) {
        std::string what = x_blank && y_blank ? std::string(x_name) + " and " +
                                                    std::string(y_name) + " are blank"
                                              : std::string(x_blank ? x_name : y_name) +
                                                    " is blank";
        reject(RejectReason::no_location, std::move(what));
        return false;
    }
    const auto xv = parse_number(x_text);
    if (!xv) {
        reject(RejectReason::bad_number,
               std::string(x_name) + " " + quoted(x_text) + " is not a number");
        return false;
    }
    const auto yv = parse_number(y_text);
    if (!yv) {
        reject(RejectReason::bad_number,
               std::string(y_name) + " " + quoted(y_text) + " is not a number");
        return false;
    }
    if (m_kind == CoordinateKind::geographic) {
        if (*xv < -180.0 || *xv > 180.0) {
            reject(RejectReason::coordinate_out_of_range,
                   std::string(x_name) + " " + quoted(trim(x_text)) + " is outside -180..180");
            return false;
        }
        if (*yv < -90.0 || *yv > 90.0) {
            reject(RejectReason::coordinate_out_of_range,
                   std::string(y_name) + " " + quoted(trim(y_text)) + " is outside -90..90");
            return false;
        }
    }
    x = *xv;
    y = *yv;
    return project(x, y);
}

bool IncidentBuilder::project(double& x, double& y) {
    const double sx = x;
    const double sy = y;
    m_px[0] = x;
    m_py[0] = y;
    m_projector.transform(std::span<double>(m_px, 1), std::span<double>(m_py, 1), m_ok);
    if (m_ok[0] == 0) {
        reject(RejectReason::coordinate_out_of_range,
               "point " + format_point(sx, sy) + " cannot be transformed to " + m_crs_label);
        return false;
    }
    x = m_px[0];
    y = m_py[0];
    if (m_options.extent && !m_options.extent->contains(x, y)) {
        reject(RejectReason::outside_extent, "point " + format_point(x, y) + " in " + m_crs_label);
        return false;
    }
    return true;
}

bool IncidentBuilder::month(std::string_view text, std::string_view column, Month& out) {
    if (trim(text).empty()) {
        reject(RejectReason::bad_month, std::string(column) + " is blank");
        return false;
    }
    const auto m = parse_month(text);
    if (!m) {
        reject(RejectReason::bad_month,
               std::string(column) + " " + quoted(text) + " is not a month (YYYY-MM)");
        return false;
    }
    out = *m;
    return true;
}

bool IncidentBuilder::timestamp(std::string_view text, std::string_view column, DateOrder order,
                                Timestamp& out) {
    if (trim(text).empty()) {
        reject(RejectReason::bad_date, std::string(column) + " is blank");
        return false;
    }
    const auto t = parse_timestamp(text, order);
    if (!t) {
        reject(RejectReason::bad_date,
               std::string(column) + " " + quoted(text) + " is not a date or date and time");
        return false;
    }
    out = *t;
    return true;
}

bool IncidentBuilder::category(std::string_view text, std::string_view column, uint16_t& out) {
    text = trim(text);
    if (text.empty()) {
        reject(RejectReason::no_category, std::string(column) + " is blank");
        return false;
    }
    out = m_out.table.category_id(text);
    return true;
}

bool IncidentBuilder::time_and_category(const SourceMapping& mapping, std::string_view time_text,
                                        std::string_view category_text, Month& month,
                                        int64_t& minutes, uint16_t& category,
                                        std::string_view knife_text) {
    minutes = kNoTime;
    if (mapping.month) {
        if (!this->month(time_text, *mapping.month, month)) {
            return false;
        }
    } else {
        Timestamp t;
        if (!timestamp(time_text, mapping.date.value_or("date"), mapping.date_order, t)) {
            return false;
        }
        month = t.month;
        minutes = t.minutes;
    }
    std::string name;
    if (mapping.category_fixed) {
        name = *mapping.category_fixed;
    } else {
        name = std::string(trim(category_text));
        if (const auto it = mapping.category_values.find(name); it != mapping.category_values.end()) {
            name = it->second;
        }
    }
    if (mapping.knife_column && !name.empty()) {
        const std::string_view flag = trim(knife_text);
        if (std::find(mapping.knife_values.begin(), mapping.knife_values.end(), flag) !=
            mapping.knife_values.end()) {
            name += kKnifeSuffix;
        }
    }
    return this->category(name, mapping.category.value_or("category"), category);
}

void IncidentBuilder::append(double x, double y, Month month, int64_t minutes, uint16_t category,
                             std::string_view reported_area, const RowText& text) {
    if (m_options.exclude && m_options.exclude(trim(text.location), trim(text.place_type), x, y)) {
        ++m_out.excluded;
        return;
    }
    IncidentTable& t = m_out.table;
    t.x.push_back(x);
    t.y.push_back(y);
    t.month.push_back(month);
    t.category.push_back(category);
    reported_area = trim(reported_area);
    if (reported_area.empty()) {
        t.reported_area.push_back(kNoId);
    } else {
        // Published files are sorted by area, so the last code usually repeats.
        if (m_last_area_id == kNoId || reported_area != t.reported_areas.at(m_last_area_id)) {
            m_last_area_id = t.reported_areas.intern(reported_area);
        }
        t.reported_area.push_back(m_last_area_id);
    }
    if (minutes != kNoTime || t.has_time()) {
        if (t.minutes.size() + 1 < t.x.size()) {
            t.minutes.resize(t.x.size() - 1, kNoTime);
        }
        t.minutes.push_back(minutes);
    }
    if (t.details) {
        t.details->source.push_back(0);
        t.details->line.push_back(m_line);
        t.details->crime_id.emplace_back(trim(text.crime_id));
        t.details->location.emplace_back(trim(text.location));
        t.details->outcome.emplace_back(trim(text.outcome));
        t.details->place.emplace_back(trim(text.place));
        t.details->street.emplace_back(trim(text.street));
        t.details->place_type.emplace_back(trim(text.place_type));
    }
}

}  // namespace hotspot
