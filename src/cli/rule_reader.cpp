#include "cli/rule_reader.hpp"

#include <cstddef>
#include <cstring>

namespace ipvs::cli {
namespace {

constexpr std::size_t kMaxWord = 4096;

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// Appends the words of one line to `words`.
void append_rule_words(std::string_view line, std::vector<std::string>& words) {
  const char* p = line.data();
  const char* const end = p + line.size();
  while (p < end) {
    while (p < end && is_separator(*p)) ++p;
    const char* const start = p;
    const char* const limit = end - p > static_cast<std::ptrdiff_t>(kMaxWord) ? p + kMaxWord : end;
    while (p < limit && !is_separator(*p)) ++p;
    if (p == start) continue;
    std::string_view word(start, static_cast<std::size_t>(p - start));
    if (const void* nul = std::memchr(start, '\0', word.size())) {
      word = word.substr(0, static_cast<std::size_t>(static_cast<const char*>(nul) - start));
    }
    if (word != "ipvsadm") words.emplace_back(word);
  }
}

}  // namespace

bool RuleReader::next_into(std::vector<std::string>& words) {
  const std::size_t keep = words.size();
  while (std::getline(in_, line_)) {
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
