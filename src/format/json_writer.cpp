#include "format/json_writer.hpp"

#include <cstring>

#include "format/columns.hpp"

namespace ipvs::format {

namespace {

/// Length of the well-formed UTF-8 sequence at s[i] (a lead byte >= 0x80),
/// or 0 when it is not one (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned c = byte(0);
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xbf;  // range of the second byte
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xbf) return 0;
  }
  return n;
}

}  // namespace

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(s, i);
      if (n != 0) {
        i += n - 1;
        continue;
      }
      // Not UTF-8 (JSON text must be): U+FFFD REPLACEMENT CHARACTER.
      append_text(out, s.substr(plain, i - plain));
      plain = i + 1;
      append_text(out, "\\ufffd");
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    append_text(out, s.substr(plain, i - plain));
    plain = i + 1;
    out.push_back('\\');
    switch (c) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '\n': out.push_back('n'); break;
      case '\t': out.push_back('t'); break;
      case '\r': out.push_back('r'); break;
      default:
        append_text(out, "u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  append_text(out, s.substr(plain));
  out.push_back('"');
}

void JsonWriter::element() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;  // the document's top level
  const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
  if (nonempty_ & bit) out_.push_back(',');
  nonempty_ |= bit;
  if (pretty_) indent(depth_);
}

void JsonWriter::indent(std::uint32_t depth) {
  out_.push_back('\n');
  char* p = grow(out_, 2 * std::size_t{depth});
  std::memset(p, ' ', 2 * std::size_t{depth});
}

void JsonWriter::open(char c) {
  element();
  out_.push_back(c);
  ++depth_;  // at most 64 deep: the documents nest 5 levels
  nonempty_ &= ~(std::uint64_t{1} << (depth_ - 1));
}

void JsonWriter::close(char c) {
  const bool had_elements = nonempty_ & (std::uint64_t{1} << (depth_ - 1));
  --depth_;
  if (pretty_ && had_elements) indent(depth_);
  out_.push_back(c);
}

void JsonWriter::begin_object() { open('{'); }
void JsonWriter::end_object() { close('}'); }
void JsonWriter::begin_array() { open('['); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::key(std::string_view k) {
  element();
  char* p = grow(out_, k.size() + (pretty_ ? 4 : 3));
  *p++ = '"';
  std::memcpy(p, k.data(), k.size());
  p += k.size();
  *p++ = '"';
  *p++ = ':';
  if (pretty_) *p = ' ';
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  element();
  append_json_string(out_, s);
}

void JsonWriter::plain_value(std::string_view s) {
  element();
  char* p = grow(out_, s.size() + 2);
  *p++ = '"';
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '"';
}

void JsonWriter::number(std::uint64_t v) {
  element();
  append_uint(out_, v);
}

void JsonWriter::value(bool v) {
  element();
  append_text(out_, v ? "true" : "false");
}

}  // namespace ipvs::format
