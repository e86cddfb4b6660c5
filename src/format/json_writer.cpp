#include "format/json_writer.hpp"

#include "format/columns.hpp"

namespace ipvs::format {

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
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
  if (nonempty_.empty()) return;  // the document's top level
  if (nonempty_.back()) out_.push_back(',');
  nonempty_.back() = true;
  if (pretty_) {
    out_.push_back('\n');
    for (std::size_t i = 0; i < nonempty_.size(); ++i) append_text(out_, "  ");
  }
}

void JsonWriter::open(char c) {
  element();
  out_.push_back(c);
  nonempty_.push_back(false);
}

void JsonWriter::close(char c) {
  const bool had_elements = nonempty_.back();
  nonempty_.pop_back();
  if (pretty_ && had_elements) {
    out_.push_back('\n');
    for (std::size_t i = 0; i < nonempty_.size(); ++i) append_text(out_, "  ");
  }
  out_.push_back(c);
}

void JsonWriter::begin_object() { open('{'); }
void JsonWriter::end_object() { close('}'); }
void JsonWriter::begin_array() { open('['); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::key(std::string_view k) {
  element();
  append_json_string(out_, k);
  out_.push_back(':');
  if (pretty_) out_.push_back(' ');
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  element();
  append_json_string(out_, s);
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
