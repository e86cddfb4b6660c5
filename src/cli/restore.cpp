// -R: each input line is a command line of its own, run in order.
#include "cli/rule_reader.hpp"
#include "cli/runner.hpp"

namespace ipvs::cli {

RunResult run_restore(std::istream& in, Context& ctx) {
  RunResult result;
  RuleReader reader(in);
  while (auto words = reader.next()) {
    std::vector<std::string> argv = std::move(*words);
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
