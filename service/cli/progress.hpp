#pragma once
// Progress of long reads on stderr, shown only when stderr is a terminal.

#include <chrono>
#include <cstdint>
#include <string>

namespace hotspot::cli {

class Progress {
  public:
    /// `enabled` is false to stay silent (--quiet, or stderr is not a terminal).
    explicit Progress(bool enabled);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// Starts reporting on a new input.
    void start(const std::string& label);
    /// Reports `done` of `total` bytes or features (total 0 when unknown).
    void update(uint64_t done, uint64_t total);
    /// Clears the progress line.
    void finish();

    /// True when stderr is a terminal.
    static bool stderr_is_terminal();

  private:
    bool m_enabled;
    bool m_shown = false;
    std::string m_label;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace hotspot::cli
