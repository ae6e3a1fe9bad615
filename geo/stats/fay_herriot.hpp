#pragma once
// The Fay-Herriot area-level model (Fay and Herriot 1979) for small-area estimation:
//
//     y_i = theta_i + e_i,  e_i ~ N(0, psi_i) with psi_i known (the sampling variance)
//     theta_i = x_i' beta + u_i,  u_i ~ N(0, sigma2_u)
//
// sigma2_u by restricted maximum likelihood (Fisher scoring, as R's sae::eblupFH and
// metafor::rma(method = "REML") fit it), beta by generalised least squares, and the
// empirical best linear unbiased predictor theta_i = g_i y_i + (1 - g_i) x_i' beta with
// g_i = sigma2_u / (sigma2_u + psi_i): precise direct estimates keep most of their weight,
// noisy ones lean on the model. Areas without a direct estimate get x_i' beta.
// Mean squared errors by Prasad and Rao (1990) with Datta and Lahiri's (2000) REML term.

#include <cstddef>
#include <vector>

namespace hotspot {

struct FayHerriotResult {
    std::vector<double> beta;
    std::vector<double> beta_se;
    double sigma2_u = 0;
    int iterations = 0;
    bool converged = false;
    /// Per area (all of them, sampled or not).
    std::vector<double> estimate;
    std::vector<double> mse;
    std::vector<double> shrinkage;  ///< g_i; 0 for areas without a direct estimate
};

/// `x` is row-major, areas × p (include a column of ones for an intercept). `y` and `psi`
/// are per area; areas with NaN `y` (no sample) take no part in the fit. Throws
/// std::invalid_argument when fewer sampled areas than p + 1, or when the covariates of the
/// sampled areas are collinear.
FayHerriotResult fay_herriot(const std::vector<double>& x, size_t p, const std::vector<double>& y,
                             const std::vector<double>& psi);

}  // namespace hotspot
