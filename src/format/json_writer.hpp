#pragma once
/// \file json_writer.hpp
/// A streaming JSON writer into an output buffer: objects and arrays are
/// opened and closed as the data comes, so a document of any size is written
/// in the memory of its current item. Compact (one line) or pretty (two-space
/// indents, `"key": value`).

#include <concepts>
#include <cstdint>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace ipvs::format {

class JsonWriter {
 public:
  /// Writes into `out`, which the caller may drain (clear) between calls.
  JsonWriter(fmt::memory_buffer& out, bool pretty) : out_(out), pretty_(pretty) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The key of the next value (inside an object).
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool v);
  template <std::unsigned_integral T>
    requires(!std::same_as<T, bool>)
  void value(T v) {
    number(v);
  }

  /// key + value.
  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

  /// The newline that ends a document (after its last end_object()).
  void end_document() { out_.push_back('\n'); }

 private:
  /// Separator and indentation before a new element of the current container.
  void element();
  void number(std::uint64_t v);
  void open(char c);
  void close(char c);

  fmt::memory_buffer& out_;
  bool pretty_;
  bool after_key_ = false;
  /// One entry per open container: whether it has an element yet.
  std::vector<bool> nonempty_;
};

/// `s` as a JSON string, quotes included: '"', '\\' and control characters
/// escaped; other bytes (UTF-8) as they are.
void append_json_string(fmt::memory_buffer& out, std::string_view s);

}  // namespace ipvs::format
