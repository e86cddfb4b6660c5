#pragma once
/// \file cli_harness.hpp
/// The runner wired to a FakeKernel, FakeNames and a RecordingOutput: runs
/// command lines as main() does (parse_command_line, then run_outcome).
///
///   ipvs::testing::CliHarness h;
///   EXPECT_EQ(h.run("-A -t 10.0.0.1:80 -s rr"), 0);
///   EXPECT_EQ(h.io.err_text(), "");

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/parser.hpp"
#include "cli/runner.hpp"
#include "fakes/fake_kernel.hpp"
#include "fakes/fake_names.hpp"
#include "fakes/recording_output.hpp"
#include "ipvs/client.hpp"

namespace ipvs::testing {

/// Words of `line`, split on single spaces (test command lines only).
inline std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

struct CliHarness {
  FakeKernel::Made made = FakeKernel::make();
  std::shared_ptr<FakeKernel::State> kernel = made.state;
  Client client{std::move(made.transport)};
  FakeNames names;
  RecordingOutput io;
  cli::Context ctx{client, Info{0x010201, 4096}, names, names, io, "ipvsadm"};

  /// `ipvsadm <words>` with `input` on stdin; the process exit status.
  int run_words(const std::vector<std::string>& words, const std::string& input = "") {
    std::vector<std::string> argv{"ipvsadm"};
    argv.insert(argv.end(), words.begin(), words.end());
    const cli::ParseOutcome outcome = cli::parse_command_line(argv, names);
    std::istringstream in(input);
    return cli::run_outcome(outcome, in, ctx);
  }
  /// `ipvsadm <line>` (split on blanks).
  int run(const std::string& line, const std::string& input = "") { return run_words(words_of(line), input); }
  /// `ipvsadm -R` with `rules` on stdin.
  int restore(const std::string& rules) { return run("-R", rules); }
};

}  // namespace ipvs::testing
