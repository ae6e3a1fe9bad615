#pragma once
// Reading a request's query string: percent-decoding, the pairs, numbers and lists in
// range, and the map filter (analysis/map_query.hpp) every map request carries. Every
// mistake throws BadRequest naming the parameter.

#include <map>
#include <string>
#include <vector>

#include "geo/error.hpp"
#include "service/analysis/map_query.hpp"

namespace hotspot::server {

/// A request the client got wrong: answered with 400 (or the status given: 413 for a
/// request whose cost is over its bounds, 503 when the server is too busy) and this
/// message.
class BadRequest : public Error {
  public:
    explicit BadRequest(const std::string& message, int status = 400) : Error(message), m_status(status) {}
    [[nodiscard]] int status() const { return m_status; }

  private:
    int m_status;
};

using Params = std::map<std::string, std::string>;

/// Splits "a=1&b=x%20y" into decoded pairs. Throws BadRequest naming the parameter when
/// an escape is bad or a decoded name or value is not UTF-8 text (or holds a NUL byte).
Params parse_query(const std::string& query);
/// Percent-decoding ("+" is a space in queries only). Throws BadRequest, naming `what`
/// (such as "the path" or "parameter \"from\""), on a bad escape or when the result is
/// not UTF-8 without NUL bytes.
std::string url_decode(const std::string& text, bool plus_is_space, const std::string& what = "the request");

/// The number in parameter `name`, in [lo, hi], or `fallback` when it is absent or
/// empty. Throws BadRequest naming the parameter and the range.
double number_param(const Params& params, const std::string& name, double fallback, double lo, double hi);
/// The same for a whole number.
int whole_param(const Params& params, const std::string& name, int fallback, int lo, int hi);

/// The comma-separated list in parameter `name` (empty items dropped).
std::vector<std::string> list_param(const Params& params, const std::string& name);

/// Reads categories=, knife=1, from=YYYY-MM, to=YYYY-MM, value=, window=. Unknown
/// parameters are ignored (maps add their own); bad values throw BadRequest.
MapQuery parse_map_query(const Params& params);

}  // namespace hotspot::server
