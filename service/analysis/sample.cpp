#include "service/analysis/sample.hpp"

#include <cstdlib>

#ifndef HOTSPOT_DEFAULT_DATA_DIR
#define HOTSPOT_DEFAULT_DATA_DIR "data"
#endif

namespace hotspot::server {

std::string data_dir() {
    if (const char* env = std::getenv("HOTSPOT_DATA"); env != nullptr && *env != '\0') {
        return env;
    }
    return HOTSPOT_DEFAULT_DATA_DIR;
}

SampleFiles SampleFiles::in(const std::string& data) {
    SampleFiles s;
    for (int m = 1; m <= 7; ++m) {
        s.incidents.push_back(data + "/police-uk/essex/2018-0" + std::to_string(m) + "-essex-street.csv");
    }
    s.lsoas = data + "/areas/essex-lsoa2011.gpkg";
    s.wards = data + "/areas/essex-wards2013.gpkg";
    s.population = data + "/population/iod2019-population-denominators.csv.gz";
    s.harm_weights = data + "/harm-weights.csv";
    s.knife_definition = data + "/knife-crime.json";
    s.survey = data + "/survey/essex-survey-synthetic.csv";
    s.survey_items = data + "/survey/items.csv";
    s.iod_domains = data + "/covariates/iod2019-domains-essex.csv";
    s.rural_urban = data + "/covariates/ruc2011-essex.csv";
    return s;
}

}  // namespace hotspot::server
