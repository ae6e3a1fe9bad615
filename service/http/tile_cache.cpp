#include "service/http/tile_cache.hpp"

namespace hotspot::tiles {
namespace {

size_t cost(const std::string& key, const CachedTile& value) {
    // The list node, the index entry and the strings' own overhead.
    return key.size() + value.body.size() + value.gzip_body.size() + value.etag.size() +
           value.content_type.size() + 160;
}

}  // namespace

TileCache::TileCache(size_t budget_bytes) : m_budget(budget_bytes) {}

std::shared_ptr<const CachedTile> TileCache::get(const std::string& key) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_index.find(key);
    if (it == m_index.end()) {
        ++m_stats.misses;
        return nullptr;
    }
    ++m_stats.hits;
    m_order.splice(m_order.begin(), m_order, it->second);
    return it->second->second;
}

void TileCache::put(const std::string& key, std::shared_ptr<const CachedTile> value) {
    if (!value || cost(key, *value) > m_budget) {
        return;
    }
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (const auto it = m_index.find(key); it != m_index.end()) {
        m_stats.bytes -= cost(key, *it->second->second);
        m_order.erase(it->second);
        m_index.erase(it);
        --m_stats.entries;
    }
    m_stats.bytes += cost(key, *value);
    ++m_stats.entries;
    m_order.emplace_front(key, std::move(value));
    m_index[key] = m_order.begin();
    while (m_stats.bytes > m_budget && !m_order.empty()) {
        const Entry& last = m_order.back();
        m_stats.bytes -= cost(last.first, *last.second);
        --m_stats.entries;
        ++m_stats.evictions;
        m_index.erase(last.first);
        m_order.pop_back();
    }
}

void TileCache::clear() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_order.clear();
    m_index.clear();
    m_stats.bytes = 0;
    m_stats.entries = 0;
}

CacheStats TileCache::stats() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}

}  // namespace hotspot::tiles
