// -R: each input line is a command line of its own, run in order. Lines that
// change the table are pipelined: consecutive ones are queued into one Batch
// and sent together; the batch is executed (and its results reported, in
// line order) before any line that reads the table, prints, or ends the
// restore, so every line sees the effect of all earlier ones and the
// messages come out exactly as 1.31 prints them running line by line.
#include "cli/rule_reader.hpp"
#include "cli/runner.hpp"

namespace ipvs::cli {
namespace {

/// Most lines parsed ahead of execution: bounds memory on huge inputs.
constexpr std::size_t kMaxQueued = 4096;

class Restore {
 public:
  explicit Restore(Context& ctx) : ctx_(ctx) {}

  /// Executes what is queued and reports each result; the last one becomes
  /// the restore's status.
  void flush() {
    if (batch_.size() == 0) return;
    const std::vector<Result<void>> results = ctx_.client.execute(batch_);
    for (const Result<void>& r : results) result_ = report_result(ctx_, r);
    batch_.clear();
  }

  RunResult run(std::istream& in) {
    RuleReader reader(in);
    std::vector<std::string> words{ctx_.argv0};  // argv[0], then the line's words
    while (reader.next_into(words)) {
      const ParseOutcome outcome = parse_command_line(words, ctx_.names, /*in_restore=*/true);
      words.resize(1);
      if (outcome.kind == ParseOutcome::Kind::Run && queue_request(batch_, outcome.request)) {
        if (batch_.size() >= kMaxQueued) flush();
        continue;
      }
      flush();
      switch (outcome.kind) {
        case ParseOutcome::Kind::Print:
          ctx_.io.out(outcome.text);
          return {0, true};
        case ParseOutcome::Kind::Exit:
          ctx_.io.err(outcome.text);
          return {outcome.code, true};
        case ParseOutcome::Kind::Soft:
          ctx_.io.err(outcome.text);
          result_ = {-1, false};
          break;
        case ParseOutcome::Kind::Run:
          result_ = run_request(outcome.request, ctx_);
          if (result_.exit_now) return result_;
          break;
      }
    }
    flush();
    return result_;
  }

 private:
  Context& ctx_;
  Batch batch_;
  RunResult result_;
};

}  // namespace

RunResult run_restore(std::istream& in, Context& ctx) { return Restore(ctx).run(in); }

}  // namespace ipvs::cli
