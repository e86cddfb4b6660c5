#pragma once
/// \file apply_input.hpp
/// The input of --apply: a complete rule set, as the text `-S` writes
/// (/etc/ipvsadm.rules) or the JSON `-S --json` writes, turned into the
/// command lines it stands for, so that one parser checks both.

#include <istream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ipvs::cli {

/// One rule: the words of its command line (argv[0] "ipvsadm" first) and
/// where it came from, for messages ("rules.txt:12",
/// "rules.json: services[2].real_servers[0]").
struct RuleLine {
  std::vector<std::string> words;
  std::string where;
};

/// The rules of a JSON rule set (the rules document of -S --json,
/// schema/rules.schema.json; the list document of -L --json is accepted
/// too, its counters ignored): per service its -A line, then per real server
/// its -a line, in document order. Errors are "FILE: <where>: <what>".
std::variant<std::vector<RuleLine>, std::string> json_rule_lines(std::string_view text, const std::string& file);

}  // namespace ipvs::cli
