#include "cli/scanner.hpp"

namespace ipvs::cli {

ScanItem Scanner::take_value(const OptionSpec& spec, std::string_view word,
                             std::optional<std::string_view> inline_value) {
  ScanItem item{ScanItem::Kind::Option, &spec, std::nullopt, word, word, {}};
  if (spec.arg == Arg::None) return item;
  if (inline_value) {
    item.value = inline_value;
    return item;
  }
  if (next_ >= args_.size()) {
    if (spec.arg == Arg::Required) {
      item.kind = ScanItem::Kind::Error;
      item.error = "missing argument";
    }
    return item;
  }
  const std::string& candidate = args_[next_];
  if (spec.arg == Arg::Optional && !candidate.empty() && candidate[0] == '-') return item;
  item.value = candidate;
  item.last_word = candidate;
  ++next_;
  return item;
}

ScanItem Scanner::next() {
  if (!cluster_.empty()) {
    const char c = cluster_[0];
    cluster_.remove_prefix(1);
    const OptionSpec* spec = find_short(c);
    if (spec == nullptr) {
      cluster_ = {};
      return {ScanItem::Kind::Error, nullptr, std::nullopt, cluster_word_, cluster_word_, "unknown option"};
    }
    if (spec->arg == Arg::None && !cluster_.empty() && cluster_[0] == '=') {
      // "-n=5": popt refuses a value for a short option that takes none.
      cluster_ = {};
      return {ScanItem::Kind::Error, spec, std::nullopt, cluster_word_, cluster_word_,
              "option does not take an argument"};
    }
    std::optional<std::string_view> inline_value;
    if (spec->arg != Arg::None && !cluster_.empty()) {
      // popt drops one '=' between a short option and its value ("-p=5").
      if (cluster_[0] == '=') cluster_.remove_prefix(1);
      inline_value = cluster_;
      cluster_ = {};
    }
    return take_value(*spec, cluster_word_, inline_value);
  }

  while (next_ < args_.size()) {
    const std::string_view word = args_[next_++];
    if (options_ended_ || word.size() < 2 || word[0] != '-') {
      leftovers_.push_back(word);
      continue;
    }
    if (word == "--") {
      options_ended_ = true;
      continue;
    }
    if (word[1] == '-') {
      std::string_view name = word.substr(2);
      std::optional<std::string_view> inline_value;
      if (auto eq = name.find('='); eq != std::string_view::npos) {
        inline_value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const OptionSpec* spec = find_long(name);
      if (spec == nullptr) return {ScanItem::Kind::Error, nullptr, std::nullopt, word, word, "unknown option"};
      if (spec->arg == Arg::None && inline_value) {
        return {ScanItem::Kind::Error, spec, std::nullopt, word, word, "option does not take an argument"};
      }
      return take_value(*spec, word, inline_value);
    }
    cluster_word_ = word;
    cluster_ = word.substr(1);
    return next();
  }
  return {ScanItem::Kind::End, nullptr, std::nullopt, {}, {}, {}};
}

}  // namespace ipvs::cli
