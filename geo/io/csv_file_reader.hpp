#pragma once
// Reads a CSV file in large blocks and parses each block on several threads.
//
// A block is cut into one chunk per thread at line starts. A cut can land inside a quoted
// field that spans lines, so every chunk parses speculatively and the cuts are checked
// afterwards: chunk k must end exactly where chunk k+1 began. When that fails the block is
// parsed again on one thread. Line numbers are counted per chunk and fixed up when the
// chunks are joined, so every reject still names its physical line.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/incidents.hpp"
#include "geo/io/csv_tokenizer.hpp"
#include "geo/io/small_csv.hpp"
#include "geo/rejects.hpp"
#include "geo/utf8.hpp"

namespace hotspot {

/// What the rows of one chunk became.
struct ParsedRows {
    IncidentTable table;
    RejectLog rejects;
    int64_t accepted = 0;  ///< rows that became incidents (also those streamed away)
    int64_t excluded = 0;  ///< rows left out by ReadOptions::exclude
};

/// Turns records into incidents or rejects; one per thread.
class CsvRowHandler {
  public:
    virtual ~CsvRowHandler() = default;
    /// `line` is the 1-based physical line the record starts on; `raw` is its text.
    virtual void record(std::span<const std::string_view> fields, int64_t line,
                        std::string_view raw) = 0;
    /// The record starting on `line` cannot be read as a row: its text is not valid (in
    /// the file's encoding), or a quote opened on it is never closed where the row ends.
    virtual void malformed(int64_t line, std::string_view raw, RejectReason reason,
                           std::string detail) = 0;
    ParsedRows& rows() { return m_rows; }

  protected:
    ParsedRows m_rows;
};

using CsvRowHandlerFactory = std::function<std::unique_ptr<CsvRowHandler>()>;
using ProgressCallback = std::function<void(uint64_t done, uint64_t total)>;

class CsvFileReader {
  public:
    /// Opens `path` (any GDAL virtual file system path, so .gz works through /vsigzip/).
    /// `name` is how messages refer to the file. Throws InputError if it cannot be read.
    CsvFileReader(std::string path, std::string name, char delimiter = ',');
    ~CsvFileReader();
    CsvFileReader(const CsvFileReader&) = delete;
    CsvFileReader& operator=(const CsvFileReader&) = delete;

    /// The fields of the first record. Throws InputError if the file is empty.
    const std::vector<std::string>& header();

    /// Reads every record after the header. Rejects are appended to `out`; incidents go
    /// to `consumer` when there is one (on the reading threads), else to `out.table`.
    void read(const CsvRowHandlerFactory& make_handler, int threads, ParsedRows& out,
              const ProgressCallback& progress = {}, IncidentConsumer* consumer = nullptr);

    [[nodiscard]] const std::string& name() const { return m_name; }

    /// Block size for reads; tests shrink it to exercise records across block ends.
    void set_block_size(size_t bytes) { m_block_size = bytes; }
    /// The file's text encoding (default UTF-8); fields reach the handlers as UTF-8.
    void set_encoding(TextEncoding encoding) { m_encoding = encoding; }

    /// The longest record read: a quote left open cannot make the reader hold more.
    static constexpr size_t kMaxRecordBytes = size_t{1} << 20;

  private:
    bool fill();  // reads more input after the carried-over bytes; false at end of input

    std::string m_path;
    std::string m_name;
    char m_delimiter;
    TextEncoding m_encoding = TextEncoding::utf8;
    void* m_file = nullptr;  // VSILFILE*
    uint64_t m_size = 0;
    uint64_t m_read = 0;
    bool m_eof = false;
    size_t m_block_size = size_t{16} << 20;
    std::unique_ptr<char[]> m_buffer;  // not zero-filled: a block is tens of megabytes
    size_t m_capacity = 0;
    size_t m_begin = 0;  // unparsed bytes are m_buffer[m_begin, m_end)
    size_t m_end = 0;
    int64_t m_next_line = 1;
    bool m_header_read = false;
    std::vector<std::string> m_header;
};

}  // namespace hotspot
