#pragma once
// Results that take long to make (area statistics per filter, density surfaces, patrol
// plans, backtests), kept within a budget of bytes, least recently used first out.
// Thread-safe. A result larger than the whole budget is handed back but not kept.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace hotspot::server {

template <typename T>
class ResultCache {
  public:
    explicit ResultCache(size_t budget_bytes) : m_budget(budget_bytes) {}

    /// The result under `key`, made most recently used; null when absent.
    [[nodiscard]] std::shared_ptr<const T> get(const std::string& key) {
        const std::lock_guard<std::mutex> lock(m_mutex);
        const auto it = m_index.find(key);
        if (it == m_index.end()) {
            return nullptr;
        }
        m_order.splice(m_order.begin(), m_order, it->second);
        return it->second->value;
    }

    /// Keeps `value`, counted as `bytes`, evicting the least recently used to make room.
    void put(const std::string& key, std::shared_ptr<const T> value, size_t bytes) {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (const auto it = m_index.find(key); it != m_index.end()) {
            m_bytes -= it->second->bytes;
            m_order.erase(it->second);
            m_index.erase(it);
        }
        if (bytes > m_budget) {
            return;
        }
        while (!m_order.empty() && m_bytes + bytes > m_budget) {
            m_bytes -= m_order.back().bytes;
            m_index.erase(m_order.back().key);
            m_order.pop_back();
        }
        m_order.push_front(Entry{key, std::move(value), bytes});
        m_index[key] = m_order.begin();
        m_bytes += bytes;
    }

    void clear() {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_order.clear();
        m_index.clear();
        m_bytes = 0;
    }

    [[nodiscard]] size_t bytes() const {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_bytes;
    }
    [[nodiscard]] size_t size() const {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_order.size();
    }
    [[nodiscard]] size_t budget() const { return m_budget; }

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const T> value;
        size_t bytes;
    };
    size_t m_budget;
    size_t m_bytes = 0;
    mutable std::mutex m_mutex;
    std::list<Entry> m_order;  // most recent first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> m_index;
};

}  // namespace hotspot::server
