#include "cli/rule_reader.hpp"

namespace ipvs::cli {
namespace {

constexpr std::size_t kMaxWord = 4096;

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::vector<std::string> split_rule_words(const std::string& line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_separator(line[i])) ++i;
    std::size_t j = i;
    while (j < line.size() && !is_separator(line[j]) && j - i < kMaxWord) ++j;
    if (j > i) {
      std::string word = line.substr(i, j - i);
      if (const auto nul = word.find('\0'); nul != std::string::npos) word.resize(nul);
      if (word != "ipvsadm") words.push_back(std::move(word));
    }
    i = j;
  }
  return words;
}

std::optional<std::vector<std::string>> RuleReader::next() {
  while (std::getline(in_, line_)) {
    ++line_number_;
    std::vector<std::string> words = split_rule_words(line_);
    if (words.empty()) continue;
    if (!words.front().empty() && words.front().front() == '#') continue;
    return words;
  }
  return std::nullopt;
}

}  // namespace ipvs::cli
