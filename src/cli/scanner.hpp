#pragma once
/// \file scanner.hpp
/// Splits argv into options the way popt does for ipvsadm 1.31: short
/// options cluster ("-Ln", "-t1.2.3.4:80"), long options take "--opt value"
/// or "--opt=value" and are never abbreviated, a required value is the next
/// word whatever it looks like, an optional value ("-p") is the next word
/// only when it does not start with '-', "--" ends the options, and words
/// that are not options are kept aside in order (popt permutes them).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/option_table.hpp"

namespace ipvs::cli {

/// One step of the scan. The views point into the scanned argv words.
struct ScanItem {
  enum class Kind { Option, End, Error } kind = Kind::End;
  const OptionSpec* spec = nullptr;          ///< Kind::Option
  std::optional<std::string_view> value;     ///< the option's value, if it took one
  std::string_view word;                     ///< the argv word the option came from
  /// The last argv word read for this item: its value's when the value was
  /// the next word, else `word` (what popt's poptBadOption names).
  std::string_view last_word;
  std::string_view error;                    ///< Kind::Error: popt's text ("unknown option")
};

class Scanner {
 public:
  /// `args` excludes argv[0]. The span must outlive the scanner.
  explicit Scanner(std::span<const std::string> args) : args_(args) {}

  /// The next option, End when the words are exhausted, or Error (after
  /// which the scan should stop).
  ScanItem next();

  /// Words that were not options, in order (valid once next() returned End).
  const std::vector<std::string_view>& leftovers() const noexcept { return leftovers_; }

 private:
  ScanItem take_value(const OptionSpec& spec, std::string_view word,
                      std::optional<std::string_view> inline_value);

  std::span<const std::string> args_;
  std::size_t next_ = 0;          ///< index of the next word to read
  std::string_view cluster_;      ///< the rest of a short-option cluster
  std::string_view cluster_word_; ///< the whole word the cluster came from
  bool options_ended_ = false;    ///< "--" seen
  std::vector<std::string_view> leftovers_;
};

}  // namespace ipvs::cli
