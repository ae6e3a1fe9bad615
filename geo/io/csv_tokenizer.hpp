#pragma once
// Splits CSV text into records and fields (RFC 4180 plus what real exports do: a UTF-8
// byte order mark, CRLF, LF or bare CR line endings, quoted fields holding delimiters,
// doubled quotes and line breaks).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

enum class CsvStatus {
    record,       ///< a record was parsed
    blank,        ///< an empty line was skipped
    need_more,    ///< the buffer ends inside a record and more input follows
    unterminated, ///< the input ends inside a quoted field
    end,          ///< nothing left
};

class CsvTokenizer {
  public:
    explicit CsvTokenizer(char delimiter = ',') : m_delimiter(delimiter) {}

    /// Parses the record starting at `p`. On `record` and `blank`, advances `p` past the
    /// record's line terminator and adds to `lines` the number of line terminators
    /// consumed (more than one when a quoted field spans lines). `at_eof` says whether
    /// `end` is the end of the whole input. Field views stay valid until the next call.
    CsvStatus next(const char*& p, const char* end, bool at_eof, int64_t& lines);

    [[nodiscard]] const std::vector<std::string_view>& fields() const { return m_fields; }

  private:
    /// Parses a quoted field whose opening quote is at q[-1]; returns false when the
    /// buffer ends first.
    CsvStatus quoted_field(const char*& q, const char* end, bool at_eof, int64_t& inner_lines);

    char m_delimiter;
    std::vector<std::string_view> m_fields;
    std::string m_scratch;  // unescaped text of fields with doubled quotes
    struct Fixup {
        size_t field;
        size_t begin;
        size_t size;
    };
    std::vector<Fixup> m_fixups;  // fields whose text lives in m_scratch
};

/// Skips a UTF-8 byte order mark at the start of `data`; returns the bytes skipped.
size_t skip_utf8_bom(std::string_view data);

}  // namespace hotspot
