#pragma once
// Finished tiles (or any response) kept in memory, least recently used first out, within
// a budget of bytes. Thread-safe.

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hotspot::tiles {

/// A finished response: its body, the body gzipped (empty when not worth it), its ETag.
struct CachedTile {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string gzip_body;
    std::string etag;
    std::string disposition;  ///< a download's file name header, or empty
};

struct CacheStats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t bytes = 0;    ///< held now
    uint64_t entries = 0;  ///< held now
    uint64_t evictions = 0;
};

class TileCache {
  public:
    explicit TileCache(size_t budget_bytes);

    /// The value for `key`, counted as a hit or a miss.
    [[nodiscard]] std::shared_ptr<const CachedTile> get(const std::string& key);
    /// Stores a value; one larger than the whole budget is not kept.
    void put(const std::string& key, std::shared_ptr<const CachedTile> value);
    /// Forgets everything (after a data reload).
    void clear();
    [[nodiscard]] CacheStats stats() const;
    [[nodiscard]] size_t budget() const { return m_budget; }
    /// False when the budget is 0: nothing is ever kept.
    [[nodiscard]] bool enabled() const { return m_budget > 0; }

  private:
    using Entry = std::pair<std::string, std::shared_ptr<const CachedTile>>;
    size_t m_budget;
    mutable std::mutex m_mutex;
    std::list<Entry> m_order;  // most recent first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
    CacheStats m_stats;
};

}  // namespace hotspot::tiles
