#pragma once
// hotspot nearrepeat: the Knox test for near repeats, as the Near Repeat Calculator runs
// it, on dated events (x, y in metres and a date), with its findings in words, an HTML
// table, and the zones of raised risk still active on a given day (the cocooning list).

#include <string>
#include <vector>

#include "geo/io/dated_events.hpp"
#include "geo/repeats/knox.hpp"
#include "service/cli/command.hpp"
#include "service/cli/read_summary.hpp"

namespace hotspot::cli {

class NearRepeatCommand final : public Command {
  public:
    CLI::App* setup(CLI::App& app) override;
    int run() override;

  private:
    /// Incidents (--incidents, --mapping, --categories) as dated events, in British
    /// National Grid.
    DatedEvents read_dated_incidents(ReadSummary& summary) const;

    std::string m_events;
    std::vector<std::string> m_incidents;
    std::string m_mapping;
    std::vector<std::string> m_categories;
    std::string m_date_order = "dmy";
    std::string m_metric = "manhattan";
    std::string m_html;
    std::string m_zones;
    std::string m_today;
    std::string m_crs;  ///< of --events' x and y: the zones then get longitude and latitude
    double m_zone_metres = 0;
    int m_zone_days = 0;
    std::string m_rejects;
    std::string m_out;
    bool m_quiet = false;
    DatedEventOptions m_read;
    KnoxOptions m_options;
};

}  // namespace hotspot::cli
