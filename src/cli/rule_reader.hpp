#pragma once
/// \file rule_reader.hpp
/// Splits -R input into command lines the way 1.31 reads it.

#include <cstddef>
#include <istream>
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

  /// Appends the next rule's words to `words` (whose earlier elements are
  /// kept, so a caller can reuse one vector with argv[0] in front); false at
  /// the end of the input, with `words` as it was. A last line without a
  /// newline is a rule like any other, whatever it ends with (COMPAT D8).
  bool next_into(std::vector<std::string>& words);

  /// The number (1-based) of the line the last rule came from.
  std::size_t line_number() const noexcept { return line_number_; }

 private:
  std::istream& in_;
  std::string line_;
  std::size_t line_number_ = 0;
};

}  // namespace ipvs::cli
