#include "geo/io/csv_tokenizer.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace hotspot {
namespace {

/// The first byte in [p, end) that is the delimiter, a quote or a line break, or `end`.
/// Fields are short, so the scan compares 16 bytes at a time where SSE2 is available.
inline const char* find_special(const char* p, const char* end, char delim) {
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8(delim);
    const __m128i vq = _mm_set1_epi8('"');
    const __m128i vn = _mm_set1_epi8('\n');
    const __m128i vr = _mm_set1_epi8('\r');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vd), _mm_cmpeq_epi8(v, vq)),
                                          _mm_or_si128(_mm_cmpeq_epi8(v, vn), _mm_cmpeq_epi8(v, vr)));
        const int mask = _mm_movemask_epi8(hits);
        if (mask != 0) {
            return p + __builtin_ctz(static_cast<unsigned>(mask));
        }
        p += 16;
    }
#endif
    while (p < end && *p != delim && *p != '"' && *p != '\n' && *p != '\r') {
        ++p;
    }
    return p;
}

}  // namespace

size_t skip_utf8_bom(std::string_view data) {
    return data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

CsvStatus CsvTokenizer::quoted_field(const char*& q, const char* end, bool at_eof,
                                     int64_t& inner_lines) {
    const char* chunk = q;
    bool unescaped = false;
    const size_t scratch_begin = m_scratch.size();
    for (;;) {
        const void* hit = std::memchr(q, '"', static_cast<size_t>(end - q));
        if (hit == nullptr) {
            return at_eof ? CsvStatus::unterminated : CsvStatus::need_more;
        }
        const char* quote = static_cast<const char*>(hit);
        for (const char* c = q; c < quote; ++c) {  // line breaks inside the field
            if (*c == '\n' || (*c == '\r' && c[1] != '\n')) {
                ++inner_lines;
            }
        }
        if (quote + 1 < end && quote[1] == '"') {
            unescaped = true;  // a doubled quote: keep one
            m_scratch.append(chunk, static_cast<size_t>(quote + 1 - chunk));
            q = quote + 2;
            chunk = q;
            continue;
        }
        if (quote + 1 == end && !at_eof) {
            return CsvStatus::need_more;  // the next byte may be a second quote
        }
        if (unescaped) {
            m_scratch.append(chunk, static_cast<size_t>(quote - chunk));
            m_fixups.push_back({m_fields.size(), scratch_begin, m_scratch.size() - scratch_begin});
            m_fields.emplace_back();
        } else {
            m_fields.emplace_back(chunk, static_cast<size_t>(quote - chunk));
        }
        q = quote + 1;
        break;
    }
    // Text between the closing quote and the next delimiter is kept, as most readers do.
    if (q < end && *q != m_delimiter && *q != '\n' && *q != '\r') {
        if (m_fixups.empty() || m_fixups.back().field != m_fields.size() - 1) {
            const std::string_view kept = m_fields.back();
            m_fixups.push_back({m_fields.size() - 1, m_scratch.size(), 0});
            m_scratch.append(kept);
        }
        while (q < end && *q != m_delimiter && *q != '\n' && *q != '\r') {
            m_scratch.push_back(*q++);
        }
        m_fixups.back().size = m_scratch.size() - m_fixups.back().begin;
    }
    return CsvStatus::record;
}

CsvStatus CsvTokenizer::next(const char*& p, const char* end, bool at_eof, int64_t& lines) {
    if (p >= end) {
        return at_eof ? CsvStatus::end : CsvStatus::need_more;
    }
    const char delim = m_delimiter;
    m_fields.clear();
    m_scratch.clear();
    m_fixups.clear();
    int64_t inner_lines = 0;
    const char* q = p;

    // A line with nothing on it.
    if (*q == '\n' || *q == '\r') {
        if (*q == '\r') {
            if (q + 1 == end && !at_eof) {
                return CsvStatus::need_more;  // cannot tell CR from CR LF yet
            }
            if (q + 1 < end && q[1] == '\n') {
                ++q;
            }
        }
        p = q + 1;
        ++lines;
        return CsvStatus::blank;
    }

    for (;;) {
        // One field starts at q.
        if (q < end && *q == '"') {
            ++q;
            const CsvStatus s = quoted_field(q, end, at_eof, inner_lines);
            if (s == CsvStatus::unterminated) {
                p = end;
                return s;
            }
            if (s != CsvStatus::record) {
                return s;
            }
        } else {
            const char* f = q;
            for (;;) {
                q = find_special(q, end, delim);
                if (q < end && *q == '"') {
                    ++q;  // a quote inside an unquoted field is an ordinary character
                    continue;
                }
                break;
            }
            m_fields.emplace_back(f, static_cast<size_t>(q - f));
        }

        // After a field: a delimiter, a line terminator or the end of the buffer.
        if (q >= end) {
            if (!at_eof) {
                return CsvStatus::need_more;
            }
            p = end;
            ++lines;
            break;
        }
        if (*q == delim) {
            ++q;
            if (q >= end && at_eof) {  // a trailing delimiter: one more empty field
                m_fields.emplace_back(q, 0);
                p = end;
                ++lines;
                break;
            }
            continue;
        }
        if (*q == '\r') {
            if (q + 1 == end && !at_eof) {
                return CsvStatus::need_more;
            }
            if (q + 1 < end && q[1] == '\n') {
                ++q;
            }
        }
        p = q + 1;
        ++lines;
        break;
    }
    lines += inner_lines;
    for (const Fixup& f : m_fixups) {
        m_fields[f.field] = std::string_view(m_scratch.data() + f.begin, f.size);
    }
    return CsvStatus::record;
}

}  // namespace hotspot
