#include "geo/stats/fay_herriot.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hotspot {

namespace {

/// Cholesky factor of a symmetric positive definite p × p matrix (row-major, lower).
bool cholesky(std::vector<double>& a, size_t p) {
    for (size_t j = 0; j < p; ++j) {
        double d = a[j * p + j];
        for (size_t k = 0; k < j; ++k) {
            d -= a[j * p + k] * a[j * p + k];
        }
        if (!(d > 1e-12 * std::max(1.0, std::abs(a[j * p + j])))) {
            return false;
        }
        a[j * p + j] = std::sqrt(d);
        for (size_t i = j + 1; i < p; ++i) {
            double s = a[i * p + j];
            for (size_t k = 0; k < j; ++k) {
                s -= a[i * p + k] * a[j * p + k];
            }
            a[i * p + j] = s / a[j * p + j];
        }
    }
    return true;
}

/// The inverse of a symmetric positive definite matrix from its Cholesky factor.
std::vector<double> inverse_from_cholesky(const std::vector<double>& l, size_t p) {
    std::vector<double> inv(p * p, 0.0);
    std::vector<double> col(p);
    for (size_t c = 0; c < p; ++c) {
        // Solve L z = e_c, then L' x = z.
        for (size_t i = 0; i < p; ++i) {
            double s = i == c ? 1.0 : 0.0;
            for (size_t k = 0; k < i; ++k) {
                s -= l[i * p + k] * col[k];
            }
            col[i] = s / l[i * p + i];
        }
        for (size_t i = p; i-- > 0;) {
            double s = col[i];
            for (size_t k = i + 1; k < p; ++k) {
                s -= l[k * p + i] * col[k];
            }
            col[i] = s / l[i * p + i];
        }
        for (size_t i = 0; i < p; ++i) {
            inv[i * p + c] = col[i];
        }
    }
    return inv;
}

/// (X' V^-1 X)^-1 over the sampled areas, V = diag(s2 + psi).
std::vector<double> information_inverse(const std::vector<double>& x, size_t p,
                                        const std::vector<size_t>& rows,
                                        const std::vector<double>& psi, double s2) {
    std::vector<double> a(p * p, 0.0);
    for (const size_t i : rows) {
        const double w = 1 / (s2 + psi[i]);
        for (size_t r = 0; r < p; ++r) {
            for (size_t c = 0; c <= r; ++c) {
                a[r * p + c] += w * x[i * p + r] * x[i * p + c];
            }
        }
    }
    for (size_t r = 0; r < p; ++r) {
        for (size_t c = r + 1; c < p; ++c) {
            a[r * p + c] = a[c * p + r];
        }
    }
    if (!cholesky(a, p)) {
        throw std::invalid_argument("Fay-Herriot: the covariates of the sampled areas are collinear");
    }
    return inverse_from_cholesky(a, p);
}

}  // namespace

FayHerriotResult fay_herriot(const std::vector<double>& x, size_t p, const std::vector<double>& y,
                             const std::vector<double>& psi) {
    const size_t n_all = y.size();
    std::vector<size_t> rows;
    for (size_t i = 0; i < n_all; ++i) {
        if (std::isfinite(y[i])) {
            rows.push_back(i);
        }
    }
    const size_t m = rows.size();
    if (m < p + 1) {
        throw std::invalid_argument("Fay-Herriot: " + std::to_string(m) + " sampled areas for " +
                                    std::to_string(p) + " covariates");
    }
    // P = V^-1 - V^-1 X (X'V^-1X)^-1 X' V^-1 over the sampled areas, dense (m × m).
    std::vector<double> pm(m * m);
    auto build_p = [&](double s2) {
        const std::vector<double> ainv = information_inverse(x, p, rows, psi, s2);
        std::vector<double> b(m * p);  // V^-1 X (m × p)
        for (size_t a = 0; a < m; ++a) {
            const double w = 1 / (s2 + psi[rows[a]]);
            for (size_t k = 0; k < p; ++k) {
                b[a * p + k] = w * x[rows[a] * p + k];
            }
        }
        std::vector<double> ba(m * p, 0.0);  // B A^-1
        for (size_t a = 0; a < m; ++a) {
            for (size_t k = 0; k < p; ++k) {
                double s = 0;
                for (size_t l = 0; l < p; ++l) {
                    s += b[a * p + l] * ainv[l * p + k];
                }
                ba[a * p + k] = s;
            }
        }
        for (size_t a = 0; a < m; ++a) {
            for (size_t c = 0; c <= a; ++c) {
                double s = 0;
                for (size_t k = 0; k < p; ++k) {
                    s += ba[a * p + k] * b[c * p + k];
                }
                const double v = (a == c ? 1 / (s2 + psi[rows[a]]) : 0.0) - s;
                pm[a * m + c] = v;
                pm[c * m + a] = v;
            }
        }
    };
    // Fisher scoring for the REML estimate of sigma2_u, from the median sampling variance.
    std::vector<double> psi_s;
    for (const size_t i : rows) {
        psi_s.push_back(psi[i]);
    }
    std::nth_element(psi_s.begin(), psi_s.begin() + static_cast<std::ptrdiff_t>(m / 2), psi_s.end());
    double s2 = psi_s[m / 2];
    FayHerriotResult out;
    std::vector<double> py(m);
    for (int it = 1; it <= 100; ++it) {
        build_p(s2);
        double trace_p = 0;
        double trace_pp = 0;
        for (size_t a = 0; a < m; ++a) {
            trace_p += pm[a * m + a];
            double s = 0;
            for (size_t c = 0; c < m; ++c) {
                trace_pp += pm[a * m + c] * pm[c * m + a];
                s += pm[a * m + c] * y[rows[c]];
            }
            py[a] = s;
        }
        double yppy = 0;
        for (const double v : py) {
            yppy += v * v;
        }
        const double score = -0.5 * trace_p + 0.5 * yppy;
        const double information = 0.5 * trace_pp;
        const double next = std::max(0.0, s2 + score / information);
        out.iterations = it;
        const bool done = std::abs(next - s2) <= 1e-10 * std::max(1.0, s2);
        s2 = next;
        if (done) {
            out.converged = true;
            break;
        }
    }
    out.sigma2_u = s2;
    const std::vector<double> ainv = information_inverse(x, p, rows, psi, s2);
    out.beta.assign(p, 0.0);
    std::vector<double> xvy(p, 0.0);
    for (const size_t i : rows) {
        const double w = 1 / (s2 + psi[i]);
        for (size_t k = 0; k < p; ++k) {
            xvy[k] += w * x[i * p + k] * y[i];
        }
    }
    for (size_t k = 0; k < p; ++k) {
        for (size_t l = 0; l < p; ++l) {
            out.beta[k] += ainv[k * p + l] * xvy[l];
        }
        out.beta_se.push_back(std::sqrt(ainv[k * p + k]));
    }
    // Asymptotic variance of the REML sigma2_u: 2 / sum (s2 + psi)^-2.
    double inv_sum = 0;
    for (const size_t i : rows) {
        inv_sum += 1 / ((s2 + psi[i]) * (s2 + psi[i]));
    }
    const double var_s2 = 2 / inv_sum;
    out.estimate.resize(n_all);
    out.mse.resize(n_all);
    out.shrinkage.assign(n_all, 0.0);
    for (size_t i = 0; i < n_all; ++i) {
        double fit = 0;
        double g2 = 0;
        for (size_t k = 0; k < p; ++k) {
            fit += x[i * p + k] * out.beta[k];
            for (size_t l = 0; l < p; ++l) {
                g2 += x[i * p + k] * ainv[k * p + l] * x[i * p + l];
            }
        }
        if (std::isfinite(y[i])) {
            const double g = s2 / (s2 + psi[i]);
            out.shrinkage[i] = g;
            out.estimate[i] = g * y[i] + (1 - g) * fit;
            const double g1 = g * psi[i];
            const double g3 = psi[i] * psi[i] / std::pow(s2 + psi[i], 3) * var_s2;
            out.mse[i] = g1 + (1 - g) * (1 - g) * g2 + 2 * g3;
        } else {
            out.estimate[i] = fit;
            out.mse[i] = s2 + g2;
        }
    }
    return out;
}

}  // namespace hotspot
