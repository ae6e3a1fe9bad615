#pragma once
// Interned strings: categories, area codes and other repeated text stored once and
// referred to by a small integer id.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hotspot {

class Dictionary {
  public:
    /// Returns the id of `value`, adding it if new. Ids are dense and start at 0.
    uint32_t intern(std::string_view value) {
        if (const auto it = m_index.find(value); it != m_index.end()) {
            return it->second;
        }
        const auto id = static_cast<uint32_t>(m_values.size());
        m_values.emplace_back(value);
        m_index.emplace(m_values.back(), id);
        return id;
    }

    [[nodiscard]] std::optional<uint32_t> find(std::string_view value) const {
        if (const auto it = m_index.find(value); it != m_index.end()) {
            return it->second;
        }
        return std::nullopt;
    }

    [[nodiscard]] const std::string& at(uint32_t id) const { return m_values.at(id); }
    [[nodiscard]] size_t size() const { return m_values.size(); }
    [[nodiscard]] const std::vector<std::string>& values() const { return m_values; }

  private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::vector<std::string> m_values;
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> m_index;
};

}  // namespace hotspot
