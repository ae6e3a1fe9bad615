#include "service/http/protection.hpp"

#include "geo/aggregate/disclosure.hpp"

namespace hotspot::server {
namespace {

/// Noise of the cell key method's table goes from -kReach to +kReach.
constexpr int kReach = static_cast<int>(disclosure::kPerturbation.size() / 2);

}  // namespace

std::string protection_sentence(int suppress_below) {
    return "Public counts are moved by up to " + std::to_string(kReach) +
           " at random, the same way every time, and counts below " + std::to_string(suppress_below) +
           " are shown as \"fewer than " + std::to_string(suppress_below) +
           "\", so that no one can work out a small number of crimes at a place; "
           "totals and rates may differ slightly from the police's own figures.";
}

nlohmann::json protection_json(int suppress_below, const QuerySpace& space) {
    using nlohmann::json;
    json table = json::array();
    for (size_t i = 0; i < disclosure::kPerturbation.size(); ++i) {
        table.push_back({{"change", static_cast<int>(i) - kReach}, {"probability", disclosure::kPerturbation[i]}});
    }
    json periods = json::array();
    for (const PublicPeriod& p : space.periods()) {
        periods.push_back({{"from", p.from.to_string()}, {"to", p.to.to_string()}, {"kind", p.kind}, {"label", p.label}});
    }
    return {{"method", "cell key perturbation (as the ONS and the ABS use), then a threshold"},
            {"perturbation", table},
            {"threshold", suppress_below},
            {"filters", {{"rule", QuerySpace::rule()}, {"periods", periods}}},
            {"sentence", protection_sentence(suppress_below)}};
}

}  // namespace hotspot::server
