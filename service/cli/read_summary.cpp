#include "service/cli/read_summary.hpp"

#include <cstdio>

#include "service/cli/options.hpp"

namespace hotspot::cli {

std::string percent_of(double part, double whole) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", whole > 0 ? 100 * part / whole : 0.0);
    return buf;
}

void ReadSummary::line(const char* label, const std::string& text) const {
    if (!m_quiet) {
        std::printf("%-10s %s\n", label, text.c_str());
    }
}

void ReadSummary::areas(const AreaSet& areas) {
    std::string text = with_commas(static_cast<int64_t>(areas.size())) + " areas from " +
                       areas.source + " (code " + areas.code_field +
                       (areas.name_field.empty() ? "" : ", name " + areas.name_field) + ")";
    if (areas.repaired + areas.skipped + areas.merged > 0) {
        text += ": " + std::to_string(areas.repaired) + " repaired, " +
                std::to_string(areas.merged) + " merged, " + std::to_string(areas.skipped) +
                " skipped";
    }
    line("areas", text);
    for (size_t i = 0; i < areas.issues.size() && i < kExamples; ++i) {
        line("", areas.issues[i]);
    }
    if (areas.issues.size() > kExamples) {
        line("", "... and " + std::to_string(areas.issues.size() - kExamples) + " more");
    }
}

void ReadSummary::population(const PopulationTable& table) {
    line("population", with_commas(static_cast<int64_t>(table.areas.size())) + " areas from " +
                           table.source + " (\"" + table.code_column + "\", \"" +
                           table.population_column + "\")" +
                           (table.rejects.total() > 0
                                ? ", " + std::to_string(table.rejects.total()) + " rows rejected"
                                : ""));
}

void ReadSummary::source(const SourceReport& report) {
    line("read", report.name + ": " + with_commas(report.accepted) + " incidents, " +
                     with_commas(report.rejected) + " rejected" +
                     (report.excluded > 0 ? ", " + with_commas(report.excluded) + " at flagged places left out"
                                          : std::string()) +
                     " (" + report.description + ")");
}

void ReadSummary::assignment(const AssignmentStats& s, double snap_metres) {
    std::string text = with_commas(s.inside) + " incidents inside an area";
    if (snap_metres > 0) {
        text += ", " + with_commas(s.snapped) + " snapped to an area within " +
                std::to_string(static_cast<int64_t>(snap_metres)) + " m";
    }
    text += ", " + with_commas(s.unassigned) + " in no area";
    line("assigned", text);
    if (s.reported > 0) {
        char pct[32];
        std::snprintf(pct, sizeof pct, "%.2f%%",
                      100.0 * static_cast<double>(s.agreeing) / static_cast<double>(s.reported));
        line("", "the source's own area code agrees for " + with_commas(s.agreeing) + " of " +
                     with_commas(s.reported) + " incidents (" + pct + ")");
    }
}

void ReadSummary::rejects(const RejectLog& rejects, const std::string& path) {
    if (rejects.total() == 0) {
        line("rejected", "no rows");
        return;
    }
    line("rejected", with_commas(rejects.total()) + " rows, all listed in " + path + ":");
    std::string by_reason = rejects.summary();
    size_t start = 0;
    while (start < by_reason.size()) {
        const size_t end = by_reason.find('\n', start);
        line("", by_reason.substr(start, end - start));
        start = end + 1;
    }
    for (size_t i = 0; i < rejects.items().size() && i < kExamples; ++i) {
        line("", rejects.items()[i].message());
    }
    if (rejects.items().size() > kExamples) {
        line("", "... and " + with_commas(rejects.total() - static_cast<int64_t>(kExamples)) +
                     " more");
    }
}

void ReadSummary::excluded(int64_t count, const PlaceRules& rules, bool by_default) {
    std::string names;
    for (const auto& f : rules.flags) {
        names += (names.empty() ? "" : ", ") + f.flag;
    }
    line("flagged", with_commas(count) + " incidents at flagged places (" + names + "; " + rules.source +
                        ") left out" + (by_default ? "; --include-flagged keeps them" : ""));
}

void ReadSummary::output(const Table& table, const std::string& path) {
    line("wrote", with_commas(static_cast<int64_t>(table.rows.size())) + " rows (" + table.name +
                      ") to " + path);
    for (const auto& n : table.notes) {
        line("note", n);
    }
}

}  // namespace hotspot::cli
