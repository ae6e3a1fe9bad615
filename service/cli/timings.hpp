#pragma once
// Wall-clock time per stage of a command, printed on stderr with --timings, so that a
// benchmark can compare a stage (weights, Gi*, the density sum) with the same stage of
// another tool rather than whole runs that read files differently.

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace hotspot::cli {

class Timings {
  public:
    explicit Timings(bool enabled);
    /// Ends the current stage, naming it, and starts the next.
    void lap(const std::string& stage);
    /// Prints one "timing  STAGE  SECONDS" line per stage, and the total.
    void print() const;

  private:
    bool m_enabled;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
    std::vector<std::pair<std::string, double>> m_stages;
};

}  // namespace hotspot::cli
