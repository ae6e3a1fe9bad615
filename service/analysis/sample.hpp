#pragma once
// The bundled sample: where it lives and what its files are called. The one place that
// knows the names, for the commands' defaults and the server's snapshot.

#include <string>
#include <vector>

namespace hotspot::server {

/// The data folder: $HOTSPOT_DATA when set, else the checkout's data/.
std::string data_dir();

/// The sample's files (see data/SOURCES.md).
struct SampleFiles {
    std::vector<std::string> incidents;  ///< police.uk street-level crime, Essex, January to July 2018
    std::string lsoas;                   ///< Essex LSOAs (2011)
    std::string wards;                   ///< Essex wards (2013)
    std::string population;              ///< IoD 2019 population denominators
    std::string harm_weights;
    std::string knife_definition;
    std::string survey;                  ///< the synthetic community survey
    std::string survey_items;
    std::string iod_domains;             ///< IoD 2019 domain scores, Essex
    std::string rural_urban;             ///< 2011 rural-urban classification, Essex

    /// The files under `data`.
    static SampleFiles in(const std::string& data = data_dir());
};

}  // namespace hotspot::server
