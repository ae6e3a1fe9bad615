#pragma once
// The HTTP/1.1 server under `hotspot serve`: Boost.Beast on Asio. Each connection is a
// session on its own strand, with a timeout on every read and write, limits on header
// and body size, a cap on the requests one connection may make (and so on pipelining:
// requests are answered one at a time, and at most a header and a body are buffered),
// and keep-alive. Shutdown stops accepting, closes idle connections and lets requests in
// flight finish within a deadline.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "service/http/api.hpp"

namespace hotspot::server {

struct ServerLimits {
    double timeout_seconds = 15;
    uint32_t max_header_bytes = 8192;
    uint32_t max_body_bytes = 65536;
    int max_requests_per_connection = 1000;
    double shutdown_seconds = 10;
    /// How long the work for one request may run on a pool before it is stopped.
    double work_seconds = 60;

    static ServerLimits from(const ServerConfig& c) {
        return {c.read_timeout_seconds, c.max_header_bytes, c.max_body_bytes,
                c.max_requests_per_connection, c.shutdown_seconds, c.work_seconds};
    }
};

class HttpServer {
  public:
    /// Binds to address:port (port 0: any free port). Throws Error when it cannot.
    /// `access_log` (may be null) gets one line per request.
    HttpServer(Api& api, const std::string& address, uint16_t port, int threads,
               ServerLimits limits, std::ostream* access_log);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    [[nodiscard]] uint16_t port() const;

    /// Serves on `threads` threads until SIGINT or SIGTERM, then shuts down gracefully.
    /// SIGHUP calls `on_hangup` (a reload) on a thread of its own.
    void run(const std::function<void()>& on_hangup);

    /// Serves in the background (for tests and embedding); stop() ends it.
    void start();
    /// Graceful shutdown, then joins the threads. Safe to call more than once.
    void stop();

    /// Open connections now.
    [[nodiscard]] size_t connections() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace hotspot::server
