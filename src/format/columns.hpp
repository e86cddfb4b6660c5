#pragma once
/// \file columns.hpp
/// Appending text and numbers to an output buffer as 1.31's printf formats
/// write them, without fmt's format-string machinery: padding is by bytes
/// (printf's %-Ns), numbers are plain decimal.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace ipvs::format {

/// `n` more bytes at the end of `out`, returned for the caller to fill (one
/// size check, where fmt's append copies byte by byte in a loop).
inline char* grow(fmt::memory_buffer& out, std::size_t n) {
  const std::size_t at = out.size();
  out.resize(at + n);
  return out.data() + at;
}

/// `text` as it is (inline: a literal's copy is a few moves).
inline void append_text(fmt::memory_buffer& out, std::string_view text) {
  if (!text.empty()) std::memcpy(grow(out, text.size()), text.data(), text.size());  // data() may be null when empty
}

/// `text` left-aligned in `width` bytes, as printf's %-Ns pads (by bytes,
/// where fmt's {:<N} would count code points).
void append_padded(fmt::memory_buffer& out, std::string_view text, std::size_t width);

/// Spaces until the text appended since `start` is `width` bytes long (none
/// when it is as long already).
void pad_from(fmt::memory_buffer& out, std::size_t start, std::size_t width);

/// The text appended since `start`, cut to `max` bytes.
void cut_from(fmt::memory_buffer& out, std::size_t start, std::size_t max);

/// `v` in decimal (printf's %u / %llu).
void append_uint(fmt::memory_buffer& out, std::uint64_t v);
/// `v` in decimal, with a '-' when negative (printf's %d).
void append_int(fmt::memory_buffer& out, std::int64_t v);

/// `v` left-aligned in `width` bytes (printf's %-Nd, fmt's {:<N}).
void append_int_left(fmt::memory_buffer& out, std::int64_t v, std::size_t width);
/// `v` right-aligned in `width` bytes (printf's %Nllu, fmt's {:>N}).
void append_uint_right(fmt::memory_buffer& out, std::uint64_t v, std::size_t width);

}  // namespace ipvs::format
