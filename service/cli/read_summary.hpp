#pragma once
// The plain-text account a command prints of what it read, rejected and wrote, so that
// nothing is lost silently.

#include <string>

#include "geo/aggregate/counts.hpp"
#include "geo/areas.hpp"
#include "geo/io/incident_source.hpp"
#include "geo/io/population.hpp"
#include "geo/rejects.hpp"
#include "geo/repeats/place_rules.hpp"
#include "geo/table.hpp"

namespace hotspot::cli {

class ReadSummary {
  public:
    explicit ReadSummary(bool quiet) : m_quiet(quiet) {}

    void areas(const AreaSet& areas);
    void population(const PopulationTable& table);
    void source(const SourceReport& report);
    void assignment(const AssignmentStats& stats, double snap_metres);
    void rejects(const RejectLog& rejects, const std::string& path);
    void output(const Table& table, const std::string& path);
    /// What leaving out the flagged places took away (`by_default`: the command does it
    /// unless --include-flagged).
    void excluded(int64_t count, const PlaceRules& rules, bool by_default);

    /// One labelled line ("label      text"), unless quiet.
    void line(const char* label, const std::string& text) const;

    /// How many example lines are printed for lists (issues, rejects).
    static constexpr size_t kExamples = 5;

  private:
    bool m_quiet;
};

/// "12.3 %": `part` as a share of `whole` for a summary line (0 % of nothing).
std::string percent_of(double part, double whole);

}  // namespace hotspot::cli
