#pragma once
// Text is valid UTF-8 from the moment it is read: the checks the readers make, the
// transcoding of files in a legacy encoding, and the repair of text that is echoed back
// (in a message or a reject's raw row) from input that failed those checks.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hotspot {

/// The byte offset of the first byte of `s` that does not begin a well-formed UTF-8
/// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or
/// std::string_view::npos when all of `s` is well formed.
size_t invalid_utf8_at(std::string_view s);

inline bool is_valid_utf8(std::string_view s) { return invalid_utf8_at(s) == std::string_view::npos; }

/// Whether `s` is plain ASCII without NUL bytes: what most fields are, checked quickly.
bool is_plain_ascii(std::string_view s);

/// `s` with each ill-formed sequence replaced by U+FFFD, for echoing untrusted text.
std::string to_valid_utf8(std::string_view s);

/// The longest prefix of `s` of at most `max_bytes` that does not cut a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, size_t max_bytes);

/// "0xE9": a byte as messages show it.
std::string hex_byte(unsigned char byte);

/// The encodings input files may be in; everything is UTF-8 once read.
enum class TextEncoding { utf8, windows1252, latin1 };

/// "utf-8", "windows-1252" (also "cp1252"), "latin1" (also "iso-8859-1"), any case.
std::optional<TextEncoding> parse_text_encoding(std::string_view name);
std::string_view text_encoding_name(TextEncoding encoding);

/// Appends `s`, read as `from`, to `out` as UTF-8 (for utf8, appends it unchanged).
void append_as_utf8(std::string_view s, TextEncoding from, std::string& out);

}  // namespace hotspot
