#pragma once
// Stopping long work that nobody waits for any more. A caller (the server, for one
// request) installs a check on its thread with CancelScope; long loops call
// cancellation_point() now and then, which throws Cancelled once the check gives a
// reason. Without a scope, cancellation_point() does nothing, so the command line and
// the tests run the same code unchanged.
//
// The check belongs to the thread that installed it: work split over helper threads is
// checked on the calling thread, between its parts.

#include <functional>
#include <stdexcept>
#include <string>

namespace hotspot {

/// Thrown by cancellation_point() with the reason the check gave.
class Cancelled : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Returns an empty string while the work is still wanted, else why it is not.
using CancelCheck = std::function<std::string()>;

/// Installs `check` for this thread until the scope ends (scopes nest: the inner one
/// wins, and the outer one is back when it ends).
class CancelScope {
  public:
    explicit CancelScope(CancelCheck check);
    ~CancelScope();
    CancelScope(const CancelScope&) = delete;
    CancelScope& operator=(const CancelScope&) = delete;

  private:
    friend void cancellation_point();
    CancelCheck m_check;
    CancelScope* m_outer;
};

/// Throws Cancelled when this thread's check says the work is no longer wanted. Cheap
/// enough for an inner loop: the check itself runs at most once every 10 ms.
void cancellation_point();

}  // namespace hotspot
