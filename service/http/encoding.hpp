#pragma once
// Content encoding and validators for responses: gzip (Beast has none of its own) and
// strong ETags from the body's bytes.

#include <string>
#include <string_view>

namespace hotspot::server {

/// The bytes gzipped (RFC 1952). Throws Error if zlib fails.
std::string gzip(std::string_view data);
/// The bytes un-gzipped (for tests and clients). Throws Error on corrupt input.
std::string gunzip(std::string_view data);

/// A strong ETag, quoted: a 64-bit digest of the salt (the data version) and the body,
/// in hex. Not cryptographic: it tells representations apart, it does not sign them.
std::string strong_etag(std::string_view body, std::string_view salt);

/// True when an Accept-Encoding header value accepts gzip (q=0 refuses it).
bool accepts_gzip(std::string_view accept_encoding);

/// True when an If-None-Match header value matches `etag` (or is "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace hotspot::server
