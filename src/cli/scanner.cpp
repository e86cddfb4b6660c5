#include "cli/scanner.hpp"

namespace ipvs::cli {

ScanItem Scanner::take_value(const OptionSpec& spec, std::string word,
                             std::optional<std::string> inline_value) {
  ScanItem item{ScanItem::Kind::Option, &spec, std::nullopt, std::move(word), {}};
  if (spec.arg == Arg::None) return item;
  if (inline_value) {
    item.value = std::move(inline_value);
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
  ++next_;
  return item;
}

ScanItem Scanner::next() {
  if (!cluster_.empty()) {
    const char c = cluster_[0];
    cluster_.erase(0, 1);
    const OptionSpec* spec = find_short(c);
    if (spec == nullptr) {
      cluster_.clear();
      return {ScanItem::Kind::Error, nullptr, std::nullopt, cluster_word_, "unknown option"};
    }
    std::optional<std::string> inline_value;
    if (spec->arg != Arg::None && !cluster_.empty()) {
      // popt drops one '=' between a short option and its value ("-p=5").
      if (cluster_[0] == '=') cluster_.erase(0, 1);
      inline_value = std::move(cluster_);
      cluster_.clear();
    }
    return take_value(*spec, cluster_word_, std::move(inline_value));
  }

  while (next_ < args_.size()) {
    const std::string& word = args_[next_++];
    if (options_ended_ || word.size() < 2 || word[0] != '-') {
      leftovers_.push_back(word);
      continue;
    }
    if (word == "--") {
      options_ended_ = true;
      continue;
    }
    if (word[1] == '-') {
      std::string name = word.substr(2);
      std::optional<std::string> inline_value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      const OptionSpec* spec = find_long(name);
      if (spec == nullptr) return {ScanItem::Kind::Error, nullptr, std::nullopt, word, "unknown option"};
      if (spec->arg == Arg::None && inline_value) {
        return {ScanItem::Kind::Error, spec, std::nullopt, word, "option does not take an argument"};
      }
      return take_value(*spec, word, std::move(inline_value));
    }
    cluster_word_ = word;
    cluster_ = word.substr(1);
    return next();
  }
  return {ScanItem::Kind::End, nullptr, std::nullopt, {}, {}};
}

}  // namespace ipvs::cli
