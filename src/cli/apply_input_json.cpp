// Placeholder until the JSON reader lands (branch jsonin).
#include "cli/apply_input.hpp"

namespace ipvs::cli {

std::variant<std::vector<RuleLine>, std::string> json_rule_lines(std::string_view, const std::string& file) {
  return file + ": JSON rule sets are not read yet";
}

}  // namespace ipvs::cli
