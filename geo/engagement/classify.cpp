#include "geo/engagement/classify.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "geo/error.hpp"
#include "geo/stats/kmeans.hpp"
#include "geo/text.hpp"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Words for the names and pen portraits, by domain: {high, low}.
constexpr std::array<std::array<const char*, 2>, kDomainCount> kAdjective{{
    {"Cohesive", "Disconnected"},
    {"Diverse", "Homogeneous"},
    {"Fearful", "Secure"},
    {"Satisfied", "Dissatisfied"},
    {"Volunteering", "Non-Volunteering"},
}};
constexpr std::array<std::array<const char*, 2>, kDomainCount> kPhrase{{
    {"residents feel they belong and look out for each other",
     "residents feel little attachment to the area or to each other"},
    {"people of many backgrounds and ages live side by side", "the population is much alike"},
    {"fear of crime and of incivility is high", "people feel safe and report little incivility"},
    {"confidence in the police and local services is high",
     "confidence in the police and local services is low"},
    {"many volunteer and take part in local decisions", "few volunteer or take part in local decisions"},
}};

struct Settlement {
    const char* noun;
    const char* words;
};

Settlement settlement_of(const std::string& ruc) {
    if (ruc == "A1" || ruc == "B1") {
        return {"Conurbation", "a major or minor conurbation"};
    }
    if (ruc == "C1" || ruc == "C2") {
        return {"Towns", "urban cities and towns"};
    }
    if (ruc == "D1" || ruc == "D2") {
        return {"Town Fringe", "rural towns and their fringe"};
    }
    if (ruc == "E1" || ruc == "E2") {
        return {"Villages", "rural villages and dispersed settlements"};
    }
    return {"Areas", "places of unknown settlement type"};
}

std::string signed_sd(double z) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%+.1f sd", z);
    return buf.data();
}

std::string percent(double v) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.0f %%", v);
    return buf.data();
}

/// The engagement index of standardised domain scores `z`.
double engagement_index(const double* z) { return (z[0] + z[3] + z[4] - z[2]) / 4; }

/// Class `c` of the k-means result `best` over the areas `rows`: its size, centre and
/// mean scores, the settlement type most of its areas share, a name no class in `used`
/// has (added to it), and its pen portrait.
EngagementClass describe_class(int c, const KMeansResult& best, const std::vector<size_t>& rows,
                               const EngagementCovariates& cov,
                               const std::vector<std::array<double, kDomainCount>>& score, double far,
                               std::set<std::string>& used) {
    EngagementClass ec;
    ec.code = "C" + std::to_string(c + 1);
    ec.areas = best.size[static_cast<size_t>(c)];
    std::map<std::string, int64_t> ruc;
    int64_t urban = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
        if (best.label[r] != c) {
            continue;
        }
        const std::string& code = cov.ruc_code[rows[r]];
        ++ruc[settlement_of(code).noun];
        urban += cov.value[rows[r]][6] > 0 ? 1 : 0;
        for (size_t d = 0; d < kDomainCount; ++d) {
            ec.mean_score[d] += score[rows[r]][d] / static_cast<double>(ec.areas);
        }
    }
    for (size_t d = 0; d < kDomainCount; ++d) {
        ec.centre_z[d] = best.centre[static_cast<size_t>(c) * kDomainCount + d];
    }
    ec.index = engagement_index(ec.centre_z.data());
    ec.rich = ec.index >= 0;
    const auto top = std::max_element(ruc.begin(), ruc.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second < b.second : a.first > b.first;
    });
    const double top_share = static_cast<double>(top->second) / static_cast<double>(ec.areas);
    const double urban_share = static_cast<double>(urban) / static_cast<double>(ec.areas);
    std::string noun;
    std::string where;
    if (top_share >= 0.6) {
        noun = top->first;
        for (const char* code : {"A1", "C1", "D1", "E1"}) {
            if (settlement_of(code).noun == noun) {
                where = std::string("mostly ") + settlement_of(code).words + " (" + percent(100 * top_share) + ")";
            }
        }
    } else if (urban_share >= 0.6) {
        noun = "Urban Mix";
        where = "a mix of urban places (" + percent(100 * urban_share) + " urban)";
    } else if (urban_share <= 0.4) {
        noun = "Rural Mix";
        where = "a mix of rural places (" + percent(100 * (1 - urban_share)) + " rural)";
    } else {
        noun = "Mixed Settlements";
        where = "urban and rural places alike (" + percent(100 * urban_share) + " urban)";
    }
    ec.settlement = noun;
    std::vector<size_t> order(kDomainCount);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return std::abs(ec.centre_z[a]) > std::abs(ec.centre_z[b]);
    });
    std::vector<std::string> words;
    for (const size_t d : order) {
        if (std::abs(ec.centre_z[d]) >= far && words.size() < 3) {
            words.emplace_back(kAdjective[d][ec.centre_z[d] > 0 ? 0 : 1]);
        }
    }
    std::string name = words.empty() ? "Typical " + noun : join(words, " ") + " " + noun;
    // Distinct names: add the next most distinctive domain, then a number.
    for (const size_t d : order) {
        if (!used.count(name)) {
            break;
        }
        const std::string w = kAdjective[d][ec.centre_z[d] > 0 ? 0 : 1];
        if (std::find(words.begin(), words.end(), w) == words.end()) {
            words.push_back(w);
            name = join(words, " ") + " " + noun;
        }
    }
    for (int i = 2; used.count(name); ++i) {
        name = (words.empty() ? "Typical " + noun : join(words, " ") + " " + noun) + " " + std::to_string(i);
    }
    used.insert(name);
    ec.name = name;
    std::vector<std::string> high;
    std::vector<std::string> low;
    for (const size_t d : order) {
        if (std::abs(ec.centre_z[d]) < far) {
            continue;
        }
        const std::string phrase = std::string(kPhrase[d][ec.centre_z[d] > 0 ? 0 : 1]) + " (" +
                                   kDomains[d] + " " + signed_sd(ec.centre_z[d]) + ")";
        (ec.centre_z[d] > 0 ? high : low).push_back(phrase);
    }
    std::string portrait = std::to_string(ec.areas) + " areas (" +
                           percent(100.0 * static_cast<double>(ec.areas) / static_cast<double>(rows.size())) +
                           "), " + where + ". ";
    std::vector<std::string> parts = high;
    parts.insert(parts.end(), low.begin(), low.end());
    if (parts.empty()) {
        portrait += "Close to the average on every domain. ";
    } else {
        std::string s = join(parts, "; ");
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
        portrait += s + ". ";
    }
    if (ec.index >= 0.25) {
        portrait += "Engagement rich: a good base for community contact and partnership work.";
    } else if (ec.index <= -0.25) {
        portrait += "Engagement poor: expect low trust and little contact; engagement needs to be "
                    "sought out.";
    } else {
        std::array<char, 96> buf{};
        std::snprintf(buf.data(), buf.size(), "Engagement near the average (index %+.2f, so %s by the rule).",
                      ec.index, ec.rich ? "rich" : "poor");
        portrait += buf.data();
    }
    ec.portrait = portrait;
    return ec;
}

}  // namespace

EngagementResult classify_engagement(const AreaSet& areas, const Survey& survey,
                                     const EngagementCovariates& cov, const EngagementOptions& options) {
    const size_t n = areas.size();
    EngagementResult out;
    static_cast<DomainEstimates&>(out) = estimate_domains(areas, survey, cov, options.direct_min_respondents);
    out.cls.assign(n, -1);
    out.index.assign(n, kNaN);

    // Classification of the areas with all five scores.
    std::vector<size_t> rows;
    for (size_t a = 0; a < n; ++a) {
        bool all = true;
        for (size_t d = 0; d < kDomainCount; ++d) {
            all = all && std::isfinite(out.score[a][d]);
        }
        if (all) {
            rows.push_back(a);
        }
    }
    const size_t m = rows.size();
    if (m < 3) {
        throw InputError("fewer than three areas have all five scores: nothing to classify");
    }
    std::vector<double> data(m * kDomainCount);
    std::array<double, kDomainCount> mean{};
    std::array<double, kDomainCount> sd{};
    for (size_t d = 0; d < kDomainCount; ++d) {
        for (size_t r = 0; r < m; ++r) {
            const double v = out.score[rows[r]][d];
            data[r * kDomainCount + d] = options.ihs ? std::asinh(v) : v;
            mean[d] += data[r * kDomainCount + d] / static_cast<double>(m);
        }
        for (size_t r = 0; r < m; ++r) {
            const double t = data[r * kDomainCount + d] - mean[d];
            sd[d] += t * t / static_cast<double>(m - 1);
        }
        sd[d] = std::sqrt(sd[d]);
        for (size_t r = 0; r < m; ++r) {
            data[r * kDomainCount + d] = sd[d] > 0 ? (data[r * kDomainCount + d] - mean[d]) / sd[d] : 0;
        }
    }
    KMeansResult best;
    if (options.k > 0) {
        best = kmeans(data, kDomainCount, options.k, options.starts, options.seed, options.threads);
        out.k_search.push_back({static_cast<double>(options.k), best.within_ss, best.calinski_harabasz()});
    } else {
        double best_ch = -1;
        for (int k = options.k_min; k <= options.k_max && static_cast<size_t>(k) < m; ++k) {
            KMeansResult r = kmeans(data, kDomainCount, k, options.starts, options.seed, options.threads);
            const double ch = r.calinski_harabasz();
            out.k_search.push_back({static_cast<double>(k), r.within_ss, ch});
            if (ch > best_ch) {
                best_ch = ch;
                best = std::move(r);
            }
        }
    }
    out.k = best.k;
    for (size_t r = 0; r < m; ++r) {
        out.cls[rows[r]] = best.label[r];
        out.index[rows[r]] = engagement_index(&data[r * kDomainCount]);
    }
    // Names and pen portraits.
    std::set<std::string> used;
    for (int c = 0; c < best.k; ++c) {
        out.classes.push_back(describe_class(c, best, rows, cov, out.score, options.far, used));
    }
    out.notes.push_back(std::to_string(m) + " areas classified into " + std::to_string(out.k) +
                        " classes (k-means, " + std::to_string(options.starts) + " starts, seed " +
                        std::to_string(options.seed) + (options.k > 0 ? ", k given" : ", k by Calinski-Harabasz") +
                        ")");
    return out;
}

}  // namespace hotspot
