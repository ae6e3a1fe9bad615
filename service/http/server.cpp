#include "service/http/server.hpp"

#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <ctime>
#include <set>

#include <sys/socket.h>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "geo/cancel.hpp"
#include "geo/error.hpp"

namespace hotspot::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session;

}  // namespace

struct HttpServer::Impl {
    Impl(Api& a, ServerLimits l, std::ostream* log, int t)
        : api(a), limits(l), access_log(log), threads(std::max(1, t)),
          load(std::make_unique<std::atomic<int>[]>(static_cast<size_t>(threads))),
          work_pool(static_cast<size_t>(threads)),
          slow_pool(static_cast<size_t>(std::max(2, threads))) {
        for (int i = 0; i < threads; ++i) {
            contexts.push_back(std::make_unique<asio::io_context>(1));
            guards.emplace_back(contexts.back()->get_executor());
        }
        acceptor = std::make_unique<tcp::acceptor>(*contexts.front());
    }

    Api& api;
    ServerLimits limits;
    std::ostream* access_log;
    int threads;
    std::unique_ptr<std::atomic<int>[]> load;  // open connections per loop (outlives them)
    // One event loop per thread, each connection bound to one of them: a request never
    // changes threads, so no locks or wake-ups between threads on the way (measured:
    // a fifth more cached tiles per second than one shared loop). The acceptor, signals
    // and the shutdown watch live on the first.
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::unique_ptr<tcp::acceptor> acceptor;
    size_t next_context = 0;
    // Tiles and statistics that are not cached yet are made here, not on the event loop
    // that read the request, so that the other connections of that loop (cached tiles)
    // are not held up behind them.
    asio::thread_pool work_pool;
    std::atomic<int> work_queued{0};
    // Requests that may take seconds (downloads, patrol plans, backtests, reloads): a
    // pool of their own, so that they cannot hold up uncached tiles either.
    asio::thread_pool slow_pool;
    std::atomic<int> slow_queued{0};
    // Past these, requests are answered 503 with Retry-After rather than queued: a queue
    // without a bound is memory and waiting without a bound.
    static constexpr int kMaxQueuedWork = 512;
    static constexpr int kMaxQueuedSlow = 64;
    // A request that waited this long for a worker is answered 503 rather than worked on:
    // its client has most likely given up (browsers and wrk wait 30 s or less).
    static constexpr double kMaxQueueSeconds = 30;
    std::atomic<bool> stopping{false};
    mutable std::mutex sessions_mutex;
    std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
    std::mutex log_mutex;
    std::vector<std::thread> workers;
    std::unique_ptr<asio::steady_timer> shutdown_timer;
    std::chrono::steady_clock::time_point shutdown_deadline;

    void do_accept();
    void begin_shutdown();
    void watch_shutdown();
    void log(const Request& req, const Response& res, size_t bytes, double seconds);
    std::chrono::steady_clock::duration timeout() const {
        return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(limits.timeout_seconds));
    }
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, HttpServer::Impl& server, size_t loop)
        : m_stream(std::move(socket)),
          m_server(server),
          m_buffer(server.limits.max_header_bytes + server.limits.max_body_bytes),
          m_loop(loop) {
        ++m_server.load[m_loop];
        beast::error_code ec;
        const auto ep = m_stream.socket().remote_endpoint(ec);
        m_remote = ec ? "-" : ep.address().to_string();
    }

    ~Session() { --m_server.load[m_loop]; }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start() {
        asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->do_read(); });
    }

    /// Closes the connection if it is waiting for a request (called at shutdown).
    void close_if_idle() {
        asio::post(m_stream.get_executor(), [self = shared_from_this()] {
            if (self->m_waiting && self->m_buffer.size() == 0) {
                beast::error_code ec;
                self->m_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
                self->m_stream.close();
            }
        });
    }

  private:
    void do_read() {
        m_parser.emplace();
        m_parser->header_limit(m_server.limits.max_header_bytes);
        m_parser->body_limit(m_server.limits.max_body_bytes);
        m_stream.expires_after(m_server.timeout());
        m_waiting = true;
        http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t /*bytes*/) {
        m_waiting = false;
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
            ec == asio::error::eof || ec == asio::error::bad_descriptor) {
            return do_close();
        }
        if (ec) {
            // The request could not be read whole: answer why, then close.
            Response r;
            r.close = true;
            r.content_type = "application/json";
            if (ec == http::error::header_limit) {
                r.status = 431;
                r.body = std::make_shared<const std::string>(R"({"error":"request header too large"})");
            } else if (ec == http::error::body_limit || ec == http::error::buffer_overflow) {
                r.status = 413;
                r.body = std::make_shared<const std::string>(R"({"error":"request too large"})");
            } else {
                r.status = 400;
                r.body = std::make_shared<const std::string>(
                    R"({"error":"malformed HTTP request: )" + ec.message() + "\"}");
            }
            r.route = "malformed";
            m_request = Request{"-", "-", {}, {}, m_remote};
            m_server.api.metrics().record(r.route, r.status, 0);
            return send(std::move(r), 11, true, false);
        }
        const auto start = std::chrono::steady_clock::now();
        auto& req = m_parser->get();
        m_request = Request{};
        m_request.method = std::string(req.method_string());
        m_request.target = std::string(req.target());
        m_request.body = req.body();
        m_request.remote = m_remote;
        for (const auto& field : req) {
            std::string name(field.name_string());
            for (char& c : name) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            m_request.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        ++m_served;
        const bool keep_alive = req.keep_alive() && !m_server.stopping &&
                                m_served < m_server.limits.max_requests_per_connection;
        m_start = start;
        const unsigned version = req.version();
        const bool head = req.method() == http::verb::head;
        if (m_request.method == "POST") {
            return answer_on(m_server.slow_pool, m_server.slow_queued, HttpServer::Impl::kMaxQueuedSlow,
                             version, keep_alive, head);
        }
        // Answered here when the answer is cached; what must be made goes to a pool.
        m_request.light_only = true;
        Response r = m_server.api.handle(m_request);
        m_request.light_only = false;
        if (r.deferred && is_slow(m_request)) {
            return answer_on(m_server.slow_pool, m_server.slow_queued, HttpServer::Impl::kMaxQueuedSlow,
                             version, keep_alive, head);
        }
        if (r.deferred) {
            return answer_on(m_server.work_pool, m_server.work_queued, HttpServer::Impl::kMaxQueuedWork,
                             version, keep_alive, head);
        }
        send(std::move(r), version, keep_alive, head);
    }

    /// Answers the request on `pool`, then sends from this connection's loop; or, when
    /// `queued` has reached `limit`, answers 503 at once.
    void answer_on(asio::thread_pool& pool, std::atomic<int>& queued, int limit, unsigned version,
                   bool keep_alive, bool head) {
        if (queued.fetch_add(1) >= limit) {
            --queued;
            Response r = error_response(503, "the server is busy: try again in a second", "busy");
            r.headers.emplace_back("Retry-After", "1");
            r.headers.emplace_back("Cache-Control", "no-store");
            m_server.api.metrics().record(r.route, r.status, 0);
            return send(std::move(r), version, keep_alive, head);
        }
        asio::post(pool, [self = shared_from_this(), &queued, version, keep_alive, head] {
            // Work nobody waits for any more is not done: the client has gone, or the
            // request waited in the queue longer than a client would (kMaxQueueSeconds).
            const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - self->m_start).count();
            if (self->client_gone()) {
                --queued;
                asio::post(self->m_stream.get_executor(), [self] { self->do_close(); });
                return;
            }
            Response r;
            if (waited > HttpServer::Impl::kMaxQueueSeconds) {
                r = error_response(503, "the server is busy: the request waited too long; try again", "busy");
                r.headers.emplace_back("Retry-After", "1");
                r.headers.emplace_back("Cache-Control", "no-store");
            } else {
                // Running work stops at its next cancellation point once the client has
                // gone or the work has run past the server's limit.
                const auto deadline = std::chrono::steady_clock::now() +
                                      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                          std::chrono::duration<double>(self->m_server.limits.work_seconds));
                char work_limit[32];
                std::snprintf(work_limit, sizeof work_limit, "%g", self->m_server.limits.work_seconds);
                const CancelScope scope([&self, deadline, limit = std::string(work_limit)]() -> std::string {
                    if (self->client_gone()) {
                        return "the client closed its connection";
                    }
                    if (std::chrono::steady_clock::now() > deadline) {
                        return "the request ran past the server's limit of " + limit +
                               " s of work: ask for less (a shorter period, fewer days, a larger cell)";
                    }
                    return {};
                });
                r = self->m_server.api.handle(self->m_request);
            }
            --queued;
            if (r.route == "cancelled" && self->client_gone()) {
                asio::post(self->m_stream.get_executor(), [self] { self->do_close(); });
                return;
            }
            asio::post(self->m_stream.get_executor(), [self, r = std::move(r), version, keep_alive, head]() mutable {
                self->send(std::move(r), version, keep_alive, head);
            });
        });
    }

    /// Whether the client has closed its side: a read that would not block finds the end
    /// of the stream. (No read is under way while a request is being answered.)
    bool client_gone() {
        char byte = 0;
        const ssize_t n = ::recv(m_stream.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        return n == 0;
    }

    /// Downloads, reloads, patrol plans and backtests: the requests that can take
    /// seconds, kept off the event loops so that tiles keep flowing meanwhile.
    static bool is_slow(const Request& r) {
        return r.method == "POST" || r.target.rfind("/export/", 0) == 0 || r.target.rfind("/api/patrol", 0) == 0 ||
               r.target.rfind("/api/evaluate", 0) == 0;
    }

    void send(Response r, unsigned version, bool keep_alive, bool head) {
        m_response_data = r;
        m_res = {};
        m_res.version(version);
        m_res.result(static_cast<http::status>(r.status));
        m_res.set(http::field::server, "hotspot");
        if (!r.content_type.empty() && r.status != 204 && r.status != 304) {
            m_res.set(http::field::content_type, r.content_type);
        }
        for (const auto& [k, v] : r.headers) {
            m_res.insert(k, v);
        }
        m_res.keep_alive(keep_alive && !r.close);
        const bool no_body = r.status == 204 || r.status == 304;
        const std::string& body = *m_response_data.body;
        if (no_body) {
            m_res.body() = {};
        } else if (head) {
            m_res.body() = {};
            m_res.content_length(body.size());
        } else {
            m_res.body() = http::span_body<const char>::value_type(body.data(), body.size());
            m_res.prepare_payload();
        }
        m_sent_bytes = no_body || head ? 0 : body.size();
        m_stream.expires_after(m_server.timeout());
        if (head && !no_body) {
            m_serializer.emplace(m_res);
            m_serializer->split(true);
            http::async_write_header(m_stream, *m_serializer,
                                     beast::bind_front_handler(&Session::on_write, shared_from_this(),
                                                               m_res.keep_alive()));
            return;
        }
        m_serializer.emplace(m_res);
        http::async_write(m_stream, *m_serializer,
                          beast::bind_front_handler(&Session::on_write, shared_from_this(),
                                                    m_res.keep_alive()));
    }

    void on_write(bool keep_alive, beast::error_code ec, std::size_t /*bytes*/) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        m_server.log(m_request, m_response_data, m_sent_bytes, seconds);
        if (ec || !keep_alive || m_server.stopping) {
            return do_close();
        }
        do_read();
    }

    void do_close() {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.close();
    }

    beast::tcp_stream m_stream;
    HttpServer::Impl& m_server;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::span_body<const char>> m_res;
    std::optional<http::response_serializer<http::span_body<const char>>> m_serializer;
    Request m_request;
    Response m_response_data;
    std::string m_remote;
    std::chrono::steady_clock::time_point m_start;
    size_t m_sent_bytes = 0;
    int m_served = 0;
    bool m_waiting = false;
    size_t m_loop;
};

}  // namespace

void HttpServer::Impl::do_accept() {
    // The loop with the fewest open connections takes the next one (ties in turn).
    size_t home = next_context++ % contexts.size();
    for (size_t i = 0; i < contexts.size(); ++i) {
        if (load[i].load() < load[home].load()) {
            home = i;
        }
    }
    acceptor->async_accept(*contexts[home], [this, home](beast::error_code ec, tcp::socket socket) {
        if (ec || stopping) {
            if (ec != asio::error::operation_aborted && acceptor->is_open() && !stopping) {
                do_accept();  // a failed accept (too many files) must not stop the server
            }
            return;
        }
        auto session = std::make_shared<Session>(std::move(socket), *this, home);
        {
            const std::lock_guard<std::mutex> lock(sessions_mutex);
            for (auto it = sessions.begin(); it != sessions.end();) {
                it = it->expired() ? sessions.erase(it) : std::next(it);
            }
            sessions.insert(session);
        }
        session->start();
        do_accept();
    });
}

void HttpServer::Impl::begin_shutdown() {
    if (stopping.exchange(true)) {
        return;
    }
    beast::error_code ec;
    acceptor->close(ec);
    {
        const std::lock_guard<std::mutex> lock(sessions_mutex);
        for (const auto& w : sessions) {
            if (auto s = w.lock()) {
                s->close_if_idle();
            }
        }
    }
    shutdown_deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(limits.shutdown_seconds));
    shutdown_timer = std::make_unique<asio::steady_timer>(*contexts.front());
    watch_shutdown();
}

void HttpServer::Impl::watch_shutdown() {
    size_t open = 0;
    {
        const std::lock_guard<std::mutex> lock(sessions_mutex);
        for (const auto& w : sessions) {
            open += w.expired() ? 0 : 1;
        }
    }
    if (open == 0 || std::chrono::steady_clock::now() >= shutdown_deadline) {
        // Every request has been answered, or the deadline has passed.
        for (auto& c : contexts) {
            c->stop();
        }
        return;
    }
    shutdown_timer->expires_after(std::chrono::milliseconds(20));
    shutdown_timer->async_wait([this](beast::error_code) { watch_shutdown(); });
}

void HttpServer::Impl::log(const Request& req, const Response& res, size_t bytes, double seconds) {
    if (access_log == nullptr) {
        return;
    }
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.2f", seconds * 1000);
    const std::lock_guard<std::mutex> lock(log_mutex);
    *access_log << when << ' ' << req.remote << " \"" << req.method << ' ' << req.target << "\" "
                << res.status << ' ' << bytes << ' ' << ms << "ms\n";
    access_log->flush();
}

HttpServer::HttpServer(Api& api, const std::string& address, uint16_t port, int threads,
                       ServerLimits limits, std::ostream* access_log)
    : m_impl(std::make_unique<Impl>(api, limits, access_log, threads)) {
    beast::error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) {
        throw Error(address + ": not an IP address to listen on");
    }
    const tcp::endpoint endpoint(ip, port);
    auto& a = *m_impl->acceptor;
    a.open(endpoint.protocol(), ec);
    if (!ec) {
        a.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        a.bind(endpoint, ec);
    }
    if (!ec) {
        a.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw Error(address + ":" + std::to_string(port) + ": cannot listen: " + ec.message());
    }
    m_impl->do_accept();
}

HttpServer::~HttpServer() { stop(); }

uint16_t HttpServer::port() const {
    beast::error_code ec;
    return m_impl->acceptor->is_open() ? m_impl->acceptor->local_endpoint(ec).port() : 0;
}

size_t HttpServer::connections() const {
    const std::lock_guard<std::mutex> lock(m_impl->sessions_mutex);
    size_t open = 0;
    for (const auto& w : m_impl->sessions) {
        open += w.expired() ? 0 : 1;
    }
    return open;
}

void HttpServer::start() {
    for (int i = 0; i < m_impl->threads; ++i) {
        m_impl->workers.emplace_back([this, i] { m_impl->contexts[static_cast<size_t>(i)]->run(); });
    }
}

void HttpServer::stop() {
    if (m_impl->workers.empty()) {
        return;
    }
    asio::post(*m_impl->contexts.front(), [this] { m_impl->begin_shutdown(); });
    for (auto& t : m_impl->workers) {
        if (t.joinable()) {
            t.join();
        }
    }
    m_impl->workers.clear();
}

void HttpServer::run(const std::function<void()>& on_hangup) {
    // One reload thread for the server's life. A SIGHUP asks for a reload; asks that come
    // while one runs fold into one more, so a burst of signals never runs loads side by
    // side, and the last load to run started after the last signal: the newest data wins.
    std::mutex reload_mutex;
    std::condition_variable reload_wake;
    uint64_t reloads_asked = 0;
    bool quitting = false;
    std::thread reloader([&] {
        uint64_t done = 0;
        std::unique_lock<std::mutex> lock(reload_mutex);
        for (;;) {
            reload_wake.wait(lock, [&] { return quitting || reloads_asked > done; });
            if (quitting) {
                return;
            }
            done = reloads_asked;
            lock.unlock();
            if (on_hangup) {
                on_hangup();
            }
            lock.lock();
        }
    });
    asio::signal_set signals(*m_impl->contexts.front(), SIGINT, SIGTERM, SIGHUP);
    std::function<void()> wait = [&] {
        signals.async_wait([&](beast::error_code ec, int signal) {
            if (ec) {
                return;
            }
            if (signal == SIGHUP) {
                {
                    const std::lock_guard<std::mutex> lock(reload_mutex);
                    ++reloads_asked;
                }
                reload_wake.notify_one();
                wait();
                return;
            }
            signals.cancel();
            m_impl->begin_shutdown();
        });
    };
    wait();
    start();
    for (auto& t : m_impl->workers) {
        t.join();
    }
    m_impl->workers.clear();
    {
        const std::lock_guard<std::mutex> lock(reload_mutex);
        quitting = true;
    }
    reload_wake.notify_one();
    reloader.join();
}

}  // namespace hotspot::server
