#include <string>

#include <catch2/catch.hpp>

#include "geo/cancel.hpp"

using namespace hotspot;

TEST_CASE("cancellation points stop work only where a check is installed", "[cancel]") {
    cancellation_point();  // no scope: nothing to stop
    int asked = 0;
    {
        const CancelScope wanted([&] {
            ++asked;
            return std::string();
        });
        cancellation_point();
        CHECK(asked == 1);
        {
            const CancelScope gone([] { return std::string("the client closed its connection"); });
            CHECK_THROWS_WITH(cancellation_point(), "the client closed its connection");
        }
        // The outer check is back once the inner scope ends, and is asked at most every 10 ms.
        for (int i = 0; i < 1000; ++i) {
            cancellation_point();
        }
        CHECK(asked >= 1);
        CHECK(asked < 1000);
    }
    cancellation_point();
}
