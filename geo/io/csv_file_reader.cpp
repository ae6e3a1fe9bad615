#include "geo/io/csv_file_reader.hpp"

#include <array>
#include <cstring>
#include <thread>
#include <utility>

#include <cpl_vsi.h>

#include "geo/detail/parallel.hpp"
#include "geo/error.hpp"

namespace hotspot {
namespace {

struct ChunkResult {
    const char* end = nullptr;  // where parsing stopped
    int64_t lines = 0;          // line terminators consumed
    bool stopped_early = false; // stopped at an incomplete record (needs more input)
};

std::string_view strip_terminator(const char* begin, const char* end) {
    while (end > begin && (end[-1] == '\n' || end[-1] == '\r')) {
        --end;
    }
    return {begin, static_cast<size_t>(end - begin)};
}

/// The first line start at or after `from`, or `end`.
const char* next_line_start(const char* from, const char* end);

/// How a chunk's records are checked before they reach the handler.
struct RecordCheck {
    TextEncoding encoding = TextEncoding::utf8;
    const std::vector<std::string>* header = nullptr;  // names fields in messages
};

/// "field 10 (Crime type)".
std::string field_label(const RecordCheck& check, size_t i) {
    std::string out = "field " + std::to_string(i + 1);
    if (check.header != nullptr && i < check.header->size()) {
        out += " (" + to_valid_utf8(utf8_prefix((*check.header)[i], 60)) + ")";
    }
    return out;
}

/// Checks and, for a legacy encoding, transcodes the fields of one record. Returns the
/// fields to hand on (UTF-8, without NUL bytes), or sets `detail` and `reason` and
/// returns nullptr.
class FieldText {
  public:
    const std::vector<std::string_view>* check(const std::vector<std::string_view>& fields,
                                               std::string_view raw, const RecordCheck& check,
                                               RejectReason& reason, std::string& detail) {
        if (is_plain_ascii(raw)) {
            return &fields;  // nearly every record: nothing to look at
        }
        for (size_t i = 0; i < fields.size(); ++i) {
            if (fields[i].find('\0') != std::string_view::npos) {
                reason = RejectReason::nul_byte;
                detail = field_label(check, i) + " holds a NUL byte at offset " +
                         std::to_string(fields[i].find('\0'));
                return nullptr;
            }
        }
        if (check.encoding == TextEncoding::utf8) {
            for (size_t i = 0; i < fields.size(); ++i) {
                const size_t at = invalid_utf8_at(fields[i]);
                if (at != std::string_view::npos) {
                    reason = RejectReason::invalid_text;
                    detail = field_label(check, i) + " is not UTF-8: byte " +
                             hex_byte(static_cast<unsigned char>(fields[i][at])) + " at offset " +
                             std::to_string(at) +
                             " (give the file's encoding, e.g. --encoding windows-1252)";
                    return nullptr;
                }
            }
            return &fields;
        }
        m_text.clear();
        std::vector<size_t> ends;
        for (const std::string_view f : fields) {
            append_as_utf8(f, check.encoding, m_text);
            ends.push_back(m_text.size());
        }
        m_fields.clear();
        size_t begin = 0;
        for (const size_t end : ends) {
            m_fields.emplace_back(m_text.data() + begin, end - begin);
            begin = end;
        }
        return &m_fields;
    }

  private:
    std::string m_text;
    std::vector<std::string_view> m_fields;
};

/// Parses records from `start` while they begin before `limit`; records may run past
/// `limit` up to `data_end`.
///
/// A quote opened in a field and never closed makes the tokenizer read on to the next
/// quote, swallowing the lines between into one record. Such a record (it spans lines
/// and has the wrong number of fields, or the input or kMaxRecordBytes ends first) is
/// set aside as its first line only, and reading resumes on the line after it.
void parse_chunk(const char* start, const char* limit, const char* data_end, bool at_eof,
                 char delimiter, const RecordCheck& check, CsvRowHandler& handler,
                 ChunkResult& result) {
    CsvTokenizer tokenizer(delimiter);
    FieldText text;
    const size_t expected_fields = check.header != nullptr ? check.header->size() : 0;
    const char* p = start;
    int64_t lines = 0;
    const auto open_quote = [&](const char* record_start, const std::string& why) {
        const char* next = next_line_start(record_start, data_end);
        handler.malformed(lines + 1, strip_terminator(record_start, next),
                          RejectReason::unterminated_quote,
                          why + "; the row is set aside and reading resumes on the next line");
        p = next;
        ++lines;
    };
    while (p < limit) {
        const char* record_start = p;
        const int64_t line = lines + 1;
        const int64_t lines_before = lines;
        const CsvStatus status = tokenizer.next(p, data_end, at_eof, lines);
        if (status == CsvStatus::record) {
            const auto& fields = tokenizer.fields();
            if (lines - lines_before > 1 && expected_fields > 0 && fields.size() != expected_fields) {
                lines = lines_before;
                open_quote(record_start, "a quote opened on this line is not closed before the row ends (" +
                                             std::to_string(fields.size()) + " fields, expected " +
                                             std::to_string(expected_fields) + ")");
                continue;
            }
            const std::string_view raw = strip_terminator(record_start, p);
            RejectReason reason{};
            std::string detail;
            if (const auto* checked = text.check(fields, raw, check, reason, detail)) {
                handler.record(*checked, line, raw);
            } else {
                handler.malformed(line, raw, reason, std::move(detail));
            }
        } else if (status == CsvStatus::need_more) {
            if (static_cast<size_t>(data_end - record_start) > CsvFileReader::kMaxRecordBytes) {
                lines = lines_before;
                open_quote(record_start, "a quoted field that starts on this line runs past " +
                                             std::to_string(CsvFileReader::kMaxRecordBytes >> 20) +
                                             " MiB without closing");
                continue;
            }
            p = record_start;
            result.stopped_early = true;
            break;
        } else if (status == CsvStatus::unterminated) {
            lines = lines_before;
            open_quote(record_start, "the file ends inside a quoted field that starts on this line");
        } else if (status == CsvStatus::end) {
            break;
        }
    }
    result.end = p;
    result.lines = lines;
}

const char* next_line_start(const char* from, const char* end) {
    for (const char* c = from; c < end; ++c) {
        if (*c == '\n') {
            return c + 1;
        }
        if (*c == '\r') {
            if (c + 1 < end && c[1] == '\n') {
                return c + 2;
            }
            return c + 1 < end ? c + 1 : end;
        }
    }
    return end;
}

void shift_lines(ParsedRows& rows, int64_t delta) {
    rows.rejects.shift_lines(delta);
    if (rows.table.details) {
        for (auto& l : rows.table.details->line) {
            l += delta;
        }
    }
}

}  // namespace

CsvFileReader::CsvFileReader(std::string path, std::string name, char delimiter)
    : m_path(std::move(path)), m_name(std::move(name)), m_delimiter(delimiter) {
    VSIStatBufL stat{};
    if (VSIStatL(m_path.c_str(), &stat) != 0) {
        throw InputError(m_name + ": no such file");
    }
    if (VSI_ISDIR(stat.st_mode)) {
        throw InputError(m_name + ": is a directory, not a file");
    }
    m_size = static_cast<uint64_t>(stat.st_size);
    m_file = VSIFOpenL(m_path.c_str(), "rb");
    if (m_file == nullptr) {
        throw InputError(m_name + ": cannot be opened: " + std::strerror(errno));
    }
}

CsvFileReader::~CsvFileReader() {
    if (m_file != nullptr) {
        VSIFCloseL(static_cast<VSILFILE*>(m_file));
    }
}

bool CsvFileReader::fill() {
    if (m_eof) {
        return false;
    }
    // Move the unparsed tail to the front, then read up to a block after it.
    const size_t tail = m_end - m_begin;
    // Small files get a buffer of their own size rather than a whole block.
    const size_t want = static_cast<size_t>(std::min<uint64_t>(m_block_size, m_size - std::min(m_size, m_read) + 1));
    // Streams such as /vsigzip/ may not know their size; files and /vsimem/ do.
    const bool sized = m_path.rfind("/vsi", 0) != 0 || m_path.rfind("/vsimem/", 0) == 0;
    const size_t read_size = sized ? std::max<size_t>(want, 1) : m_block_size;
    if (m_capacity < tail + read_size) {
        // Room for a partial record carried over from the previous block as well.
        const size_t capacity = tail + read_size + read_size / 8;
        auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
        if (tail > 0) {
            std::memcpy(bigger.get(), m_buffer.get() + m_begin, tail);
        }
        m_buffer = std::move(bigger);
        m_capacity = capacity;
    } else if (m_begin > 0 && tail > 0) {
        std::memmove(m_buffer.get(), m_buffer.get() + m_begin, tail);
    }
    m_begin = 0;
    m_end = tail;
    const size_t got =
        VSIFReadL(m_buffer.get() + m_end, 1, read_size, static_cast<VSILFILE*>(m_file));
    if (got < read_size) {
        if (VSIFEofL(static_cast<VSILFILE*>(m_file)) == 0) {
            throw InputError(m_name + ": read error after " + std::to_string(m_read + got) +
                             " bytes");
        }
        m_eof = true;
    }
    if (m_read == 0) {
        m_begin += skip_utf8_bom(std::string_view(m_buffer.get(), got));
    }
    m_read += got;
    m_end += got;
    return true;
}

const std::vector<std::string>& CsvFileReader::header() {
    if (m_header_read) {
        return m_header;
    }
    CsvTokenizer tokenizer(m_delimiter);
    int64_t lines = 0;
    for (;;) {
        const char* p = m_buffer.get() + m_begin;
        const char* end = m_buffer.get() + m_end;
        const CsvStatus status = m_end > m_begin || m_eof ? tokenizer.next(p, end, m_eof, lines)
                                                         : CsvStatus::need_more;
        if (status == CsvStatus::blank) {
            m_begin = static_cast<size_t>(p - m_buffer.get());
            continue;
        }
        if (status == CsvStatus::record) {
            // Header names are matched and quoted in messages, so they are made UTF-8 too.
            for (const auto& f : tokenizer.fields()) {
                std::string name;
                append_as_utf8(f, m_encoding, name);
                m_header.push_back(is_valid_utf8(name) && name.find('\0') == std::string::npos
                                       ? std::move(name)
                                       : to_valid_utf8(name));
            }
            m_begin = static_cast<size_t>(p - m_buffer.get());
            break;
        }
        if (status == CsvStatus::unterminated) {
            throw InputError(m_name + ":1: the header ends inside a quoted field");
        }
        if (status == CsvStatus::end || !fill()) {
            throw InputError(m_name + ": is empty (no header line)");
        }
    }
    m_next_line = lines + 1;
    m_header_read = true;
    return m_header;
}

void CsvFileReader::read(const CsvRowHandlerFactory& make_handler, int threads,
                         ParsedRows& out, const ProgressCallback& progress,
                         IncidentConsumer* consumer) {
    header();
    threads = std::max(threads, 1);
    constexpr size_t kMinChunk = size_t{256} << 10;  // below this, threads cost more than they save

    // One handler per thread for the whole file, so their buffers are reused.
    std::vector<std::unique_ptr<CsvRowHandler>> handlers;
    for (int t = 0; t < threads; ++t) {
        handlers.push_back(make_handler());
    }
    const RecordCheck check{m_encoding, &m_header};
    bool need_more = false;
    for (;;) {
        if (!m_eof && (need_more || m_end - m_begin < m_block_size)) {
            fill();
        }
        if (m_end == m_begin && m_eof) {
            break;
        }
        const char* data = m_buffer.get() + m_begin;
        const char* data_end = m_buffer.get() + m_end;
        const size_t size = static_cast<size_t>(data_end - data);

        // Cut the block at line starts, one chunk per thread, and parse the chunks.
        const size_t chunks = std::clamp<size_t>(size / kMinChunk, 1, handlers.size());
        std::vector<const char*> starts{data};
        for (size_t k = 1; k < chunks; ++k) {
            const char* cut = next_line_start(data + size * k / chunks, data_end);
            if (cut > starts.back() && cut < data_end) {
                starts.push_back(cut);
            }
        }
        std::vector<ChunkResult> results(starts.size());
        parallel_ranges(starts.size(), static_cast<int>(starts.size()),
                        [&](size_t k, size_t /*end*/, size_t /*part*/) {
                            const char* limit = k + 1 < starts.size() ? starts[k + 1] : data_end;
                            parse_chunk(starts[k], limit, data_end, m_eof, m_delimiter, check,
                                        *handlers[k], results[k]);
                        });
        bool consistent = true;
        for (size_t k = 0; k + 1 < starts.size(); ++k) {
            consistent = consistent && results[k].end == starts[k + 1] && !results[k].stopped_early;
        }
        if (!consistent) {
            // A cut fell inside a multi-line quoted field: parse the block in one piece.
            for (size_t k = 0; k < results.size(); ++k) {
                handlers[k]->rows().table.clear_rows();
                handlers[k]->rows().rejects = RejectLog{};
                handlers[k]->rows().excluded = 0;
            }
            results.assign(1, ChunkResult{});
            parse_chunk(data, data_end, data_end, m_eof, m_delimiter, check, *handlers[0], results[0]);
        }
        for (size_t k = 0; k < results.size(); ++k) {
            out.accepted += static_cast<int64_t>(handlers[k]->rows().table.size());
            out.excluded += std::exchange(handlers[k]->rows().excluded, 0);
        }
        if (consumer != nullptr) {
            parallel_ranges(results.size(), static_cast<int>(results.size()),
                            [&](size_t k, size_t /*end*/, size_t /*part*/) {
                                consumer->consume(handlers[k]->rows().table, k);
                                handlers[k]->rows().table.clear_rows();
                            });
        }
        for (size_t k = 0; k < results.size(); ++k) {
            ParsedRows& rows = handlers[k]->rows();
            shift_lines(rows, m_next_line - 1);
            m_next_line += results[k].lines;
            if (consumer == nullptr) {
                out.table.append(std::move(rows.table));
            }
            out.rejects.append(std::move(rows.rejects));
        }
        const ChunkResult& last = results.back();
        m_begin = static_cast<size_t>(last.end - m_buffer.get());
        if (progress) {
            progress(m_read - (m_end - m_begin), m_size);
        }
        // At the end of input the tokenizer never stops early, so all is consumed.
        if (m_eof) {
            break;
        }
        need_more = last.stopped_early;  // a record runs past the block: read on
    }
}

}  // namespace hotspot
