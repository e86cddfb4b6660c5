#include "cli/rule_reader.hpp"

#include <array>
#include <cstddef>
#include <cstring>

namespace ipvs::cli {
namespace {

constexpr std::size_t kMaxWord = 4096;

/// Blank, tab and carriage return (a NUL ends its word: looked for only
/// when the line holds one).
constexpr std::array<bool, 256> kSeparator = [] {
  std::array<bool, 256> t{};
  t[' '] = t['\t'] = t['\r'] = true;
  return t;
}();
bool is_separator(char c) { return kSeparator[static_cast<unsigned char>(c)]; }

/// Appends the words of one line to `words`.
void append_rule_words(std::string_view line, std::vector<std::string>& words) {
  const char* p = line.data();
  const char* const end = p + line.size();
  const bool has_nul = std::memchr(p, '\0', line.size()) != nullptr;
  while (p < end) {
    while (p < end && is_separator(*p)) ++p;
    const char* const start = p;
    const char* const limit = end - p > static_cast<std::ptrdiff_t>(kMaxWord) ? p + kMaxWord : end;
    while (p < limit && !is_separator(*p)) ++p;
    if (p == start) continue;
    std::string_view word(start, static_cast<std::size_t>(p - start));
    if (has_nul) word = word.substr(0, word.find('\0'));
    if (word != "ipvsadm") words.emplace_back(word);
  }
}

}  // namespace

bool RuleReader::next_into(std::vector<std::string>& words) {
  const std::size_t keep = words.size();
  while (std::getline(in_, line_)) {
    ++line_number_;
    append_rule_words(line_, words);
    if (words.size() == keep) continue;
    const std::string& first = words[keep];
    if (!first.empty() && first.front() == '#') {
      words.resize(keep);
      continue;
    }
    return true;
  }
  return false;
}

}  // namespace ipvs::cli
