#pragma once
/// \file rule_reader.hpp
/// Splits -R input into command lines the way 1.31 reads it.

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipvs::cli {

/// Reads rules line by line (a line ends at '\n'; the last needs none).
/// Words are separated by blanks, tabs and carriage returns; a word longer
/// than 4096 bytes is split into 4096-byte words and a NUL byte ends the word
/// it is in (1.31 reads words with fscanf("%4096[^ \t\n\r]") into C strings);
/// words equal to "ipvsadm" are dropped; lines left without words are
/// skipped, and so are lines whose first word starts with '#' (COMPAT D6).
class RuleReader {
 public:
  explicit RuleReader(std::istream& in) : in_(in) {}

  /// The words of the next rule, or nullopt at the end of the input.
  std::optional<std::vector<std::string>> next();

  /// Like next(), but appends the rule's words to `words` (whose earlier
  /// elements are kept, so a caller can reuse one vector with argv[0] in
  /// front); false at the end of the input, with `words` as it was.
  bool next_into(std::vector<std::string>& words);

  /// 1-based number of the input line the last rule came from.
  std::size_t line_number() const noexcept { return line_number_; }

 private:
  std::istream& in_;
  std::string line_;
  std::size_t line_number_ = 0;
};

/// The words of one line, as RuleReader splits them (no comment handling).
std::vector<std::string> split_rule_words(const std::string& line);
/// The same words, appended to `words`.
void append_rule_words(std::string_view line, std::vector<std::string>& words);

}  // namespace ipvs::cli
