#include "geo/engagement/estimate.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "geo/error.hpp"

namespace hotspot {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

DomainEstimates estimate_domains(const AreaSet& areas, const Survey& survey, const EngagementCovariates& cov,
                                 double direct_min_respondents) {
    const size_t n = areas.size();
    DomainEstimates out;
    out.score.assign(n, {kNaN, kNaN, kNaN, kNaN, kNaN});
    out.se.assign(n, {kNaN, kNaN, kNaN, kNaN, kNaN});
    out.respondents.assign(n, 0);
    out.effective_n.assign(n, 0);
    out.source.assign(n, "none");
    for (const uint32_t a : survey.area) {
        ++out.respondents[a];
    }
    std::vector<size_t> modelled;  // areas with every covariate
    for (size_t a = 0; a < n; ++a) {
        if (cov.present[a]) {
            modelled.push_back(a);
        }
    }
    if (modelled.empty()) {
        throw InputError("no area has its covariates: check that the IoD2019 and rural-urban "
                         "files hold the areas' codes");
    }
    constexpr size_t p = EngagementCovariates::kCount + 1;
    std::vector<double> x(modelled.size() * p);
    for (size_t r = 0; r < modelled.size(); ++r) {
        x[r * p] = 1;
        for (size_t k = 0; k < EngagementCovariates::kCount; ++k) {
            x[r * p + 1 + k] = cov.value[modelled[r]][k];
        }
    }
    out.modelled = modelled;
    out.design = x;
    std::vector<int> direct_domains(n, 0);  // domains where an area keeps its direct estimate
    for (size_t d = 0; d < kDomainCount; ++d) {
        // Direct estimates: weighted means, Kish effective sizes, pooled variance.
        std::vector<double> sw(n, 0.0);
        std::vector<double> sw2(n, 0.0);
        std::vector<double> swy(n, 0.0);
        std::vector<int64_t> count(n, 0);
        for (size_t j = 0; j < survey.area.size(); ++j) {
            const double s = survey.score[j][d];
            if (std::isnan(s)) {
                continue;
            }
            const uint32_t a = survey.area[j];
            sw[a] += survey.weight[j];
            sw2[a] += survey.weight[j] * survey.weight[j];
            swy[a] += survey.weight[j] * s;
            ++count[a];
        }
        double within = 0;
        double total_w = 0;
        int64_t people = 0;
        int64_t sampled = 0;
        for (size_t j = 0; j < survey.area.size(); ++j) {
            const double s = survey.score[j][d];
            if (std::isnan(s)) {
                continue;
            }
            const uint32_t a = survey.area[j];
            const double mean = swy[a] / sw[a];
            within += survey.weight[j] * (s - mean) * (s - mean);
            total_w += survey.weight[j];
            ++people;
        }
        for (size_t a = 0; a < n; ++a) {
            sampled += count[a] > 0 ? 1 : 0;
        }
        if (sampled < 12 || people <= sampled) {
            throw InputError(std::string("only ") + std::to_string(sampled) + " areas have answers on " +
                             kDomains[d] + ": too few to estimate the others");
        }
        const double pooled = within / total_w * static_cast<double>(people) / static_cast<double>(people - sampled);
        std::vector<double> y(modelled.size(), kNaN);
        std::vector<double> psi(modelled.size(), kNaN);
        std::vector<double> neff(n, 0.0);
        for (size_t a = 0; a < n; ++a) {
            neff[a] = sw2[a] > 0 ? sw[a] * sw[a] / sw2[a] : 0;
        }
        for (size_t r = 0; r < modelled.size(); ++r) {
            const size_t a = modelled[r];
            if (count[a] > 0) {
                y[r] = swy[a] / sw[a];
                psi[r] = pooled / neff[a];
            }
        }
        out.direct[d] = y;
        out.sampling_variance[d] = psi;
        try {
            out.models[d] = fay_herriot(x, p, y, psi);
        } catch (const std::invalid_argument& e) {
            throw InputError(std::string(kDomains[d]) + ": " + e.what());
        }
        const FayHerriotResult& fh = out.models[d];
        std::vector<char> done(n, 0);
        for (size_t r = 0; r < modelled.size(); ++r) {
            const size_t a = modelled[r];
            done[a] = 1;
            if (count[a] > 0 && neff[a] >= direct_min_respondents) {
                ++direct_domains[a];
                out.score[a][d] = y[r];
                out.se[a][d] = std::sqrt(psi[r]);
            } else {
                out.score[a][d] = fh.estimate[r];
                out.se[a][d] = std::sqrt(fh.mse[r]);
            }
        }
        for (size_t a = 0; a < n; ++a) {
            if (!done[a] && count[a] > 0) {  // sampled, but no covariates: direct only
                out.score[a][d] = swy[a] / sw[a];
                out.se[a][d] = std::sqrt(pooled / neff[a]);
            }
            if (d == 0) {
                out.effective_n[a] = neff[a];
            }
        }
        out.notes.push_back(std::string(kDomains[d]) + ": " + std::to_string(sampled) + " areas sampled, " +
                            "model variance " + std::to_string(fh.sigma2_u) + ", pooled sampling variance " +
                            std::to_string(pooled) + (fh.converged ? "" : " (REML did not converge)"));
    }
    for (size_t a = 0; a < n; ++a) {
        if (!cov.present[a]) {
            out.source[a] = out.respondents[a] > 0 ? "direct" : "none";
        } else if (out.respondents[a] == 0) {
            out.source[a] = "model";
        } else {
            // "direct" only when every domain kept its direct estimate (items left
            // unanswered can put one domain's effective size under the threshold).
            out.source[a] = direct_domains[a] == static_cast<int>(kDomainCount) ? "direct" : "composite";
        }
    }
    return out;
}

}  // namespace hotspot
