// -R: each input line is a command line of its own, run in order.
#include <string>
#include <vector>

#include "cli/runner.hpp"

namespace ipvs::cli {
namespace {

/// Splits a line on blanks, tabs and carriage returns; drops "ipvsadm" words.
std::vector<std::string> tokens_of(const std::string& line) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) {
      std::string token = line.substr(i, j - i);
      if (token != "ipvsadm") tokens.push_back(std::move(token));
    }
    i = j;
  }
  return tokens;
}

}  // namespace

RunResult run_restore(std::istream& in, Context& ctx) {
  RunResult result;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> argv = tokens_of(line);
    if (argv.empty()) continue;
    // COMPAT D6: 1.31 aborts on a line starting with '#'; it is a comment here.
    if (argv.front().front() == '#') continue;
    argv.insert(argv.begin(), ctx.argv0);
    const ParseOutcome outcome = parse_command_line(argv, ctx.names, /*in_restore=*/true);
    switch (outcome.kind) {
      case ParseOutcome::Kind::Print:
        ctx.io.out(outcome.text);
        return {0, true};
      case ParseOutcome::Kind::Exit:
        ctx.io.err(outcome.text);
        return {outcome.code, true};
      case ParseOutcome::Kind::Soft:
        ctx.io.err(outcome.text);
        result = {-1, false};
        continue;
      case ParseOutcome::Kind::Run:
        result = run_request(outcome.request, ctx);
        if (result.exit_now) return result;
        break;
    }
  }
  return result;
}

}  // namespace ipvs::cli
