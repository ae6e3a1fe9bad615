#pragma once
// A request and a response as the handler sees them: no socket, no Beast, so that the
// whole API can be tested as a function.

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hotspot::server {

struct Request {
    std::string method;  ///< "GET", "HEAD", "POST", ...
    std::string target;  ///< path and query, as sent
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< names in lower case
    std::string remote;  ///< the client's address, for the log
    /// Set on an event loop: answer from what is cached, and defer (Response::deferred)
    /// anything that must be computed, so that it runs on a worker instead.
    bool light_only = false;

    /// The first header of that (lower-case) name, or "".
    [[nodiscard]] std::string header(const std::string& name) const {
        for (const auto& [k, v] : headers) {
            if (k == name) {
                return v;
            }
        }
        return {};
    }
};

struct Response {
    int status = 200;
    std::string content_type;
    std::shared_ptr<const std::string> body = std::make_shared<const std::string>();
    /// The body gzipped, when made ahead (cached tiles); sent to clients that accept it.
    std::shared_ptr<const std::string> gzip_body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string route;  ///< the route template that answered, for metrics ("/tiles/{layer}/...")
    bool close = false;  ///< close the connection after this response
    /// The request needs work that a light_only request may not do: ask again off the loop.
    bool deferred = false;
};

}  // namespace hotspot::server
