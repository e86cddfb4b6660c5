#pragma once
/// \file recording_output.hpp
/// An ipvs::cli::Output that keeps what was written to each stream and the
/// order the two streams' writes came in.

#include <string>
#include <string_view>
#include <vector>

#include "cli/runner.hpp"

namespace ipvs::testing {

class RecordingOutput final : public cli::Output {
 public:
  enum class Stream { Out, Err };
  struct Chunk {
    Stream stream;
    std::string text;
  };

  void out(std::string_view text) override { add(Stream::Out, text); }
  void err(std::string_view text) override { add(Stream::Err, text); }

  /// Everything written to stdout, in order.
  std::string out_text() const { return joined(Stream::Out); }
  /// Everything written to stderr, in order.
  std::string err_text() const { return joined(Stream::Err); }

  /// Both streams as one text, every line prefixed with its stream: "O: "
  /// for stdout, "E: " for stderr ("O: IP Virtual Server ...\nE: No such
  /// service\n"). A write that does not end its line continues it.
  std::string transcript() const {
    std::string t;
    bool at_line_start = true;
    for (const Chunk& c : chunks_) {
      for (char ch : c.text) {
        if (at_line_start) t += c.stream == Stream::Out ? "O: " : "E: ";
        t += ch;
        at_line_start = ch == '\n';
      }
    }
    return t;
  }

  /// The writes, adjacent writes to the same stream merged.
  const std::vector<Chunk>& chunks() const { return chunks_; }

  void clear() { chunks_.clear(); }

 private:
  void add(Stream s, std::string_view text) {
    if (text.empty()) return;
    if (!chunks_.empty() && chunks_.back().stream == s) {
      chunks_.back().text.append(text);
    } else {
      chunks_.push_back(Chunk{s, std::string(text)});
    }
  }
  std::string joined(Stream s) const {
    std::string t;
    for (const Chunk& c : chunks_) {
      if (c.stream == s) t += c.text;
    }
    return t;
  }

  std::vector<Chunk> chunks_;
};

}  // namespace ipvs::testing
