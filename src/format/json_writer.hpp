#pragma once
/// \file json_writer.hpp
/// A streaming JSON writer into an output buffer: objects and arrays are
/// opened and closed as the data comes, so a document of any size is written
/// in the memory of its current item. Compact (one line) or pretty (two-space
/// indents, `"key": value`).

#include <concepts>
#include <cstdint>
#include <string_view>

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
  /// The key of the next value (inside an object). Keys are the program's
  /// own snake_case names: written as they are, without escaping.
  void key(std::string_view k);

  /// A string, escaped as JSON needs.
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }  // not value(bool)
  /// A string the program wrote itself in plain ASCII without '"', '\\' or
  /// control characters (an address, a port name, an enum's name): written
  /// as it is.
  void plain_value(std::string_view s);
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
  /// key + plain_value.
  void plain_field(std::string_view k, std::string_view v) {
    key(k);
    plain_value(v);
  }

  /// The newline that ends a document (after its last end_object()).
  void end_document() { out_.push_back('\n'); }

 private:
  /// Separator and indentation before a new element of the current container.
  void element();
  void indent(std::uint32_t depth);
  void number(std::uint64_t v);
  void open(char c);
  void close(char c);

  fmt::memory_buffer& out_;
  bool pretty_;
  bool after_key_ = false;
  /// Open containers (at most 64).
  std::uint32_t depth_ = 0;
  /// Bit d: whether the container at depth d (1-based) has an element yet.
  std::uint64_t nonempty_ = 0;
};

/// `s` as a JSON string, quotes included: '"', '\\' and control characters
/// escaped; well-formed UTF-8 as it is; any other byte (the kernel's strings
/// are bytes) as U+FFFD, so the output is always valid JSON.
void append_json_string(fmt::memory_buffer& out, std::string_view s);

}  // namespace ipvs::format
