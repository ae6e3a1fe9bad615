#include "geo/io/small_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include <cpl_vsi.h>

#include "geo/error.hpp"
#include "geo/io/csv_tokenizer.hpp"
#include "geo/io/police_uk.hpp"
#include "geo/text.hpp"
#include "geo/utf8.hpp"

namespace hotspot {

void read_small_csv(const std::string& path, std::vector<std::vector<std::string>>& rows,
                    std::vector<int64_t>& lines) {
    const bool gz = path.size() > 3 && path.ends_with(".gz");
    const std::string vsi = gz ? "/vsigzip/" + path : path;
    VSIStatBufL stat{};
    if (VSIStatL(path.c_str(), &stat) != 0) {
        throw InputError(path + ": no such file");
    }
    VSILFILE* f = VSIFOpenL(vsi.c_str(), "rb");
    if (f == nullptr) {
        throw InputError(path + ": cannot be opened");
    }
    std::string text;
    std::array<char, 65536> buf{};
    size_t got = 0;
    while ((got = VSIFReadL(buf.data(), 1, buf.size(), f)) > 0) {
        text.append(buf.data(), got);
    }
    VSIFCloseL(f);
    CsvTokenizer tokenizer;
    const char* p = text.data() + skip_utf8_bom(text);
    const char* end = text.data() + text.size();
    int64_t line = 0;
    for (;;) {
        const int64_t start = line + 1;
        const CsvStatus status = tokenizer.next(p, end, true, line);
        if (status == CsvStatus::end) {
            break;
        }
        if (status == CsvStatus::unterminated) {
            throw InputError(path + ":" + std::to_string(start) +
                             ": the file ends inside a quoted field");
        }
        if (status == CsvStatus::record) {
            const auto& fields = tokenizer.fields();
            for (size_t i = 0; i < fields.size(); ++i) {
                const size_t nul = fields[i].find('\0');
                const size_t bad = invalid_utf8_at(fields[i]);
                if (nul != std::string_view::npos || bad != std::string_view::npos) {
                    const size_t at = std::min(nul, bad);
                    throw InputError(path + ":" + std::to_string(start) + ": field " +
                                     std::to_string(i + 1) + " is not UTF-8 text: byte " +
                                     hex_byte(static_cast<unsigned char>(fields[i][at])) +
                                     " at offset " + std::to_string(at));
                }
            }
            rows.emplace_back(fields.begin(), fields.end());
            lines.push_back(start);
        }
    }
}

std::optional<size_t> column_index(const std::vector<std::string>& columns,
                                   std::string_view name) {
    for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == name) {
            return i;
        }
    }
    const std::string wanted = police_uk::normalise_header(name);
    for (size_t i = 0; i < columns.size(); ++i) {
        if (police_uk::normalise_header(columns[i]) == wanted) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<size_t> first_column(const std::vector<std::string>& columns,
                                   std::initializer_list<const char*> names) {
    for (const char* n : names) {
        if (auto i = column_index(columns, n)) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    if (text.empty()) {
        return std::nullopt;
    }
    // Fast path for plain decimals such as "-0.738080" (Clinger): a mantissa below 2^53
    // and a power of ten up to 10^22 are exact doubles, so one division rounds correctly.
    static constexpr std::array<double, 23> kPowers{
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    {
        size_t i = 0;
        const bool negative = text[0] == '-';
        i += negative ? 1 : 0;
        uint64_t mantissa = 0;
        int digits = 0;
        int fraction = 0;
        bool point = false;
        bool simple = i < text.size();
        for (; i < text.size() && simple; ++i) {
            const char c = text[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
                fraction += point ? 1 : 0;
                simple = ++digits <= 15;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                simple = false;
            }
        }
        if (simple && digits > 0) {
            const double v = static_cast<double>(mantissa) / kPowers.at(static_cast<size_t>(fraction));
            return negative ? -v : v;
        }
    }
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_grouped_number(std::string_view text) {
    std::string digits;
    for (const char c : text) {
        if (c != ',') {
            digits.push_back(c);
        }
    }
    return parse_number(digits);
}

}  // namespace hotspot
