#pragma once
/// \file parser.hpp
/// argv -> Request, with 1.31's checks, messages and exit codes.

#include <span>
#include <string>

#include "cli/request.hpp"
#include "cli/values.hpp"

namespace ipvs::cli {

/// What a command line comes to.
struct ParseOutcome {
  enum class Kind {
    Run,    ///< `request` is valid: execute it
    Print,  ///< print `text` on stdout and exit 0 (-h, -v)
    Exit,   ///< print `text` on stderr and exit with `code` at once (1.31's fail())
    Soft,   ///< print `text` on stderr; the command's result is -1 (popt errors)
  } kind = Kind::Run;
  Request request;
  std::string text;
  int code = 0;
};

/// Parses a full argv (argv[0] included; it is used in messages). An argv
/// of just argv[0] is "list all". `in_restore` marks a line of -R input,
/// where a nested -R is refused.
ParseOutcome parse_command_line(std::span<const std::string> argv, NameLookup& names,
                                bool in_restore = false);

/// "Try `X -h' or 'X --help' for more information.\n"
std::string try_help_text(const std::string& argv0);

}  // namespace ipvs::cli
