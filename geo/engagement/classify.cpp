#include "geo/engagement/classify.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "geo/error.hpp"
#include "geo/io/csv_file_reader.hpp"
#include "geo/io/incident_builder.hpp"
#include "geo/io/mapped_csv.hpp"
#include "geo/stats/kmeans.hpp"
#include "geo/stats/normal.hpp"
#include "geo/text.hpp"

namespace hotspot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEnglandLsoas = 32844;  // LSOAs ranked by the IoD2019

/// The column whose header starts with `prefix`.
size_t column_starting(const std::vector<std::string>& header, const std::string& prefix,
                       const std::string& path) {
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i].rfind(prefix, 0) == 0) {
            return i;
        }
    }
    throw InputError(path + ":1: no column starting \"" + prefix + "\"");
}

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

}  // namespace

EngagementCovariates read_engagement_covariates(const AreaSet& areas, const std::string& iod_path,
                                                const std::string& ruc_path,
                                                const PopulationTable& population) {
    EngagementCovariates cov;
    const size_t n = areas.size();
    cov.value.assign(n, {});
    cov.present.assign(n, 0);
    cov.ruc_code.assign(n, "");
    cov.ruc_name.assign(n, "");
    std::vector<std::vector<std::string>> rows;
    std::vector<int64_t> lines;
    read_small_csv(iod_path, rows, lines);
    if (rows.empty()) {
        throw InputError(iod_path + ": empty");
    }
    const auto& h = rows.front();
    const size_t code = column_starting(h, "LSOA code", iod_path);
    const std::array<size_t, 6> rank{
        column_starting(h, "Income Rank", iod_path), column_starting(h, "Education, Skills and Training Rank", iod_path),
        column_starting(h, "Health Deprivation and Disability Rank", iod_path), column_starting(h, "Crime Rank", iod_path),
        column_starting(h, "Barriers to Housing and Services Rank", iod_path),
        column_starting(h, "Living Environment Rank", iod_path)};
    std::vector<char> have_iod(n, 0);
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() != h.size()) {
            throw InputError(iod_path + ":" + std::to_string(lines[r]) + ": expected " + std::to_string(h.size()) +
                             " fields, found " + std::to_string(row.size()));
        }
        const auto a = areas.find(std::string(trim(row[code])));
        if (!a) {
            continue;  // an area outside the set
        }
        for (size_t k = 0; k < rank.size(); ++k) {
            const auto v = parse_grouped_number(row[rank[k]]);
            if (!v || *v < 1 || *v > kEnglandLsoas) {
                throw InputError(iod_path + ":" + std::to_string(lines[r]) + ": " + h[rank[k]] + " \"" +
                                 row[rank[k]] + "\" is not a rank from 1 to 32,844");
            }
            cov.value[*a][k] = -stats::normal_quantile((*v - 0.5) / kEnglandLsoas);
        }
        have_iod[*a] = 1;
    }
    rows.clear();
    lines.clear();
    read_small_csv(ruc_path, rows, lines);
    if (rows.empty()) {
        throw InputError(ruc_path + ": empty");
    }
    const size_t ruc_area = column_starting(rows.front(), "LSOA11CD", ruc_path);
    const size_t ruc_code = column_starting(rows.front(), "RUC11CD", ruc_path);
    const size_t ruc_name = column_index(rows.front(), "RUC11").value_or(ruc_code);
    std::vector<char> have_ruc(n, 0);
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() != rows.front().size()) {
            throw InputError(ruc_path + ":" + std::to_string(lines[r]) + ": wrong number of fields");
        }
        const auto a = areas.find(std::string(trim(row[ruc_area])));
        if (!a) {
            continue;
        }
        const std::string c(trim(row[ruc_code]));
        cov.ruc_code[*a] = c;
        cov.ruc_name[*a] = row[ruc_name];
        cov.value[*a][6] = (c == "A1" || c == "B1" || c == "C1" || c == "C2") ? 1 : 0;
        cov.value[*a][7] = (c == "E1" || c == "E2") ? 1 : 0;
        have_ruc[*a] = 1;
    }
    int64_t missing = 0;
    for (size_t a = 0; a < n; ++a) {
        const PopulationRecord* p = population.find(areas.code(a));
        const double km2 = areas.land_area_m2(a) / 1e6;
        const bool ok = have_iod[a] && have_ruc[a] && p != nullptr && p->population > 0 && km2 > 0;
        if (ok) {
            cov.value[a][8] = std::log(p->population / km2);
        }
        cov.present[a] = ok ? 1 : 0;
        missing += ok ? 0 : 1;
    }
    if (missing > 0) {
        cov.notes.push_back(std::to_string(missing) + " areas lack a covariate (IoD2019 ranks, "
                            "rural-urban class or population): they keep a direct estimate if "
                            "sampled and are otherwise left unclassified");
    }
    return cov;
}

EngagementResult classify_engagement(const AreaSet& areas, const Survey& survey,
                                     const EngagementCovariates& cov, const EngagementOptions& options) {
    const size_t n = areas.size();
    EngagementResult out;
    out.score.assign(n, {kNaN, kNaN, kNaN, kNaN, kNaN});
    out.se.assign(n, {kNaN, kNaN, kNaN, kNaN, kNaN});
    out.respondents.assign(n, 0);
    out.effective_n.assign(n, 0);
    out.source.assign(n, "none");
    out.cls.assign(n, -1);
    out.index.assign(n, kNaN);
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
            if (count[a] > 0 && neff[a] >= options.direct_min_respondents) {
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
    auto engagement_index = [](const double* z) { return (z[0] + z[3] + z[4] - z[2]) / 4; };
    for (size_t r = 0; r < m; ++r) {
        out.cls[rows[r]] = best.label[r];
        out.index[rows[r]] = engagement_index(&data[r * kDomainCount]);
    }
    // Names and pen portraits.
    std::set<std::string> used;
    for (int c = 0; c < best.k; ++c) {
        EngagementClass ec;
        ec.code = "C" + std::to_string(c + 1);
        ec.areas = best.size[static_cast<size_t>(c)];
        std::map<std::string, int64_t> ruc;
        int64_t urban = 0;
        for (size_t r = 0; r < m; ++r) {
            if (best.label[r] != c) {
                continue;
            }
            const std::string& code = cov.ruc_code[rows[r]];
            ++ruc[settlement_of(code).noun];
            urban += cov.value[rows[r]][6] > 0 ? 1 : 0;
            for (size_t d = 0; d < kDomainCount; ++d) {
                ec.mean_score[d] += out.score[rows[r]][d] / static_cast<double>(ec.areas);
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
            if (std::abs(ec.centre_z[d]) >= options.far && words.size() < 3) {
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
            if (std::abs(ec.centre_z[d]) < options.far) {
                continue;
            }
            const std::string phrase = std::string(kPhrase[d][ec.centre_z[d] > 0 ? 0 : 1]) + " (" +
                                       kDomains[d] + " " + signed_sd(ec.centre_z[d]) + ")";
            (ec.centre_z[d] > 0 ? high : low).push_back(phrase);
        }
        std::string portrait = std::to_string(ec.areas) + " areas (" +
                               percent(100.0 * static_cast<double>(ec.areas) / static_cast<double>(m)) +
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
        out.classes.push_back(std::move(ec));
    }
    out.notes.push_back(std::to_string(m) + " areas classified into " + std::to_string(out.k) +
                        " classes (k-means, " + std::to_string(options.starts) + " starts, seed " +
                        std::to_string(options.seed) + (options.k > 0 ? ", k given" : ", k by Calinski-Harabasz") +
                        ")");
    return out;
}

Table engagement_table(const AreaSet& areas, const EngagementResult& r, const EngagementCovariates& cov) {
    Table t;
    t.name = "engagement";
    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("area_name", FieldType::string, "area name");
    t.add_field("class_code", FieldType::string, "engagement class, C1 the largest");
    t.add_field("class_name", FieldType::string, "the class's name, from its profile");
    t.add_field("engagement", FieldType::string, "rich when the engagement index is >= 0, else poor");
    t.add_field("engage_idx", FieldType::real,
                "mean z-score of belonging, satisfaction, participation and minus fear");
    const std::array<const char*, kDomainCount> shorts{"belonging", "diversity", "fear", "satisfact", "particip"};
    const std::array<const char*, kDomainCount> se_names{"se_belong", "se_divers", "se_fear", "se_satisf", "se_partic"};
    for (size_t d = 0; d < kDomainCount; ++d) {
        const std::string name = kDomains[d];
        t.add_field(name, FieldType::real, name + " score, 0-100 (higher: more of it)",
                    name.size() > 10 ? shorts[d] : "");
    }
    for (size_t d = 0; d < kDomainCount; ++d) {
        t.add_field(se_names[d], FieldType::real, std::string("standard error of the ") + kDomains[d] + " score");
    }
    t.add_field("respondents", FieldType::integer, "survey respondents in the area", "n_resp");
    t.add_field("n_eff", FieldType::real, "Kish effective sample size");
    t.add_field("estimate", FieldType::string,
                "direct (enough respondents), composite (direct and model by precision), model "
                "(no respondent) or none");
    t.add_field("ruc11", FieldType::string, "ONS Rural-Urban Classification 2011");
    auto number = [](double v) { return std::isfinite(v) ? FieldValue(v) : FieldValue(); };
    for (size_t a = 0; a < areas.size(); ++a) {
        std::vector<FieldValue> row;
        row.emplace_back(areas.code(a));
        row.emplace_back(areas.name(a));
        const int c = r.cls[a];
        if (c >= 0) {
            const EngagementClass& ec = r.classes[static_cast<size_t>(c)];
            row.emplace_back(ec.code);
            row.emplace_back(ec.name);
            row.emplace_back(std::string(r.index[a] >= 0 ? "rich" : "poor"));
            row.emplace_back(r.index[a]);
        } else {
            row.emplace_back(FieldValue());
            row.emplace_back(std::string("not classified"));
            row.emplace_back(FieldValue());
            row.emplace_back(FieldValue());
        }
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.push_back(number(r.score[a][d]));
        }
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.push_back(number(r.se[a][d]));
        }
        row.emplace_back(r.respondents[a]);
        row.emplace_back(r.effective_n[a]);
        row.emplace_back(r.source[a]);
        row.emplace_back(cov.ruc_code[a]);
        t.rows.push_back(std::move(row));
        t.geometry.push_back(areas.geometry(a));
    }
    t.geos = areas.geos().get();
    t.crs = &areas.crs();
    return t;
}

Table engagement_model_inputs(const AreaSet& areas, const EngagementResult& r) {
    Table t;
    t.name = "engagement_model_inputs";
    t.add_field("area_code", FieldType::string, "area code");
    t.add_field("domain", FieldType::string, "engagement domain");
    t.add_field("direct", FieldType::real, "direct estimate (weighted mean), empty when unsampled");
    t.add_field("psi", FieldType::real, "its sampling variance");
    for (const char* name : EngagementCovariates::kNames) {
        const std::string n(name);
        t.add_field(n, FieldType::real, "covariate", n.size() > 10 ? n.substr(0, 10) : "");
    }
    constexpr size_t p = EngagementCovariates::kCount + 1;
    for (size_t d = 0; d < kDomainCount; ++d) {
        for (size_t i = 0; i < r.modelled.size(); ++i) {
            std::vector<FieldValue> row{areas.code(r.modelled[i]), std::string(kDomains[d])};
            const double y = r.direct[d][i];
            row.push_back(std::isfinite(y) ? FieldValue(y) : FieldValue());
            row.push_back(std::isfinite(y) ? FieldValue(r.sampling_variance[d][i]) : FieldValue());
            for (size_t k = 1; k < p; ++k) {
                row.emplace_back(r.design[i * p + k]);
            }
            t.rows.push_back(std::move(row));
        }
    }
    return t;
}

Table engagement_class_table(const EngagementResult& r) {
    Table t;
    t.name = "engagement_classes";
    t.add_field("class_code", FieldType::string, "engagement class");
    t.add_field("class_name", FieldType::string, "name from the profile");
    t.add_field("areas", FieldType::integer, "areas in the class");
    t.add_field("share", FieldType::real, "percentage of the classified areas");
    t.add_field("engagement", FieldType::string, "rich or poor, by the class mean's index");
    t.add_field("engage_idx", FieldType::real, "engagement index of the class mean");
    const std::array<const char*, kDomainCount> z_names{"z_belong", "z_divers", "z_fear", "z_satisf", "z_partic"};
    const std::array<const char*, kDomainCount> m_names{"m_belong", "m_divers", "m_fear", "m_satisf", "m_partic"};
    for (size_t d = 0; d < kDomainCount; ++d) {
        t.add_field(m_names[d], FieldType::real, std::string("mean ") + kDomains[d] + " score, 0-100");
    }
    for (size_t d = 0; d < kDomainCount; ++d) {
        t.add_field(z_names[d], FieldType::real, std::string("class mean of the standardised ") + kDomains[d]);
    }
    t.add_field("portrait", FieldType::string, "pen portrait");
    int64_t classified = 0;
    for (const auto& c : r.classes) {
        classified += c.areas;
    }
    for (const auto& c : r.classes) {
        std::vector<FieldValue> row{c.code, c.name, c.areas,
                                    100.0 * static_cast<double>(c.areas) / static_cast<double>(classified),
                                    std::string(c.rich ? "rich" : "poor"), c.index};
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.emplace_back(c.mean_score[d]);
        }
        for (size_t d = 0; d < kDomainCount; ++d) {
            row.emplace_back(c.centre_z[d]);
        }
        row.emplace_back(c.portrait);
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace hotspot
