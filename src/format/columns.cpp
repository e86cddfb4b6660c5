#include "format/columns.hpp"

#include <cstring>

namespace ipvs::format {
namespace {

/// Longest decimal text of a 64-bit number, sign included.
constexpr std::size_t kDigitsMax = 20;

/// Writes `v` in decimal to the end of `buf` (kDigitsMax bytes); returns where it starts.
char* digits(char* end, std::uint64_t v) noexcept {
  char* p = end;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return p;
}

/// The decimal text of `v` in `buf`, a '-' before it when negative.
std::string_view int_text(char (&buf)[kDigitsMax + 1], std::int64_t v) noexcept {
  char* end = buf + sizeof buf;
  // The magnitude as unsigned, so INT64_MIN negates without overflow.
  const std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  char* p = digits(end, mag);
  if (v < 0) *--p = '-';
  return {p, static_cast<std::size_t>(end - p)};
}

std::string_view uint_text(char (&buf)[kDigitsMax + 1], std::uint64_t v) noexcept {
  char* end = buf + sizeof buf;
  char* p = digits(end, v);
  return {p, static_cast<std::size_t>(end - p)};
}

/// `text`, then spaces up to `width` bytes; `right`: the spaces first.
void aligned(fmt::memory_buffer& out, std::string_view text, std::size_t width, bool right) {
  const std::size_t pad = text.size() < width ? width - text.size() : 0;
  char* p = grow(out, text.size() + pad);
  if (right) {
    std::memset(p, ' ', pad);
    p += pad;
  } else {
    std::memset(p + text.size(), ' ', pad);
  }
  std::memcpy(p, text.data(), text.size());
}

}  // namespace

void append_padded(fmt::memory_buffer& out, std::string_view text, std::size_t width) {
  aligned(out, text, width, false);
}

void pad_from(fmt::memory_buffer& out, std::size_t start, std::size_t width) {
  const std::size_t len = out.size() - start;
  if (len < width) std::memset(grow(out, width - len), ' ', width - len);
}

void cut_from(fmt::memory_buffer& out, std::size_t start, std::size_t max) {
  if (out.size() - start > max) out.resize(start + max);
}

void append_uint(fmt::memory_buffer& out, std::uint64_t v) {
  char buf[kDigitsMax + 1];
  append_text(out, uint_text(buf, v));
}

void append_int(fmt::memory_buffer& out, std::int64_t v) {
  char buf[kDigitsMax + 1];
  append_text(out, int_text(buf, v));
}

void append_int_left(fmt::memory_buffer& out, std::int64_t v, std::size_t width) {
  char buf[kDigitsMax + 1];
  aligned(out, int_text(buf, v), width, false);
}

void append_uint_right(fmt::memory_buffer& out, std::uint64_t v, std::size_t width) {
  char buf[kDigitsMax + 1];
  aligned(out, uint_text(buf, v), width, true);
}

}  // namespace ipvs::format
