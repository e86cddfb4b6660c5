// ipvsadm: wiring only. Parses the command line, opens the IPVS client
// (loading the module like 1.31 when it is missing), and runs the request.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/messages.hpp"
#include "cli/modprobe.hpp"
#include "cli/parser.hpp"
#include "cli/runner.hpp"
#include "cli/system_names.hpp"
#include "format/resolver.hpp"
#include "ipvs/client.hpp"

namespace {

/// stdout gathered in large chunks; stderr written at once (after flushing
/// stdout, so the two interleave as 1.31's would on one terminal).
class StdOutput final : public ipvs::cli::Output {
 public:
  ~StdOutput() override { flush(); }
  void out(std::string_view text) override {
    buf_.append(text);
    if (buf_.size() >= kChunk || tty_) flush();
  }
  void err(std::string_view text) override {
    flush();
    write_all(STDERR_FILENO, text);
  }
  void flush() {
    write_all(STDOUT_FILENO, buf_);
    buf_.clear();
  }

 private:
  static constexpr std::size_t kChunk = 1 << 16;
  static void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
      const ssize_t n = ::write(fd, text.data(), text.size());
      if (n <= 0) return;
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  std::string buf_;
  bool tty_ = isatty(STDOUT_FILENO) != 0;
};

/// Opens the client in the namespace `netns` names (empty: ours) and takes
/// GET_INFO, as 1.31's ipvs_init does.
ipvs::Result<ipvs::Info> open_client(std::optional<ipvs::Client>& client, const std::string& netns) {
  ipvs::GenlOptions options;
  options.netns = netns;
  auto opened = ipvs::Client::open(options);
  if (!opened) return opened.error();
  client.emplace(std::move(*opened));
  return client->info();
}

}  // namespace

/// A closed stdin, stdout or stderr gets /dev/null, so the netlink socket can
/// never take descriptor 0-2 (-R would then read replies as rules). 1.31 sees
/// an empty stdin there too, as its sockets are closed between operations.
static void reserve_standard_fds() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) == -1 && ::open("/dev/null", O_RDWR) != fd) return;
  }
}

int main(int argc, char** argv) {
  // -R reads std::cin line by line: unsynchronised, it reads stdin in blocks
  // (read(2) takes what is there, so rules still run as they arrive) instead
  // of a getc/ungetc pair per character. Nothing here uses C stdio on stdin.
  std::ios::sync_with_stdio(false);
  reserve_standard_fds();
  std::vector<std::string> args(argv, argv + argc);
  if (args.empty()) args.emplace_back("ipvsadm");
  ipvs::cli::SystemNames names;
  StdOutput io;

  const ipvs::cli::ParseOutcome outcome = ipvs::cli::parse_command_line(args, names);
  // COMPAT D1: -h and -v work without IPVS; 1.31 talks to the kernel first.
  if (outcome.kind == ipvs::cli::ParseOutcome::Kind::Print) {
    io.out(outcome.text);
    return 0;
  }

  const std::string& netns = outcome.request.netns;
  std::optional<ipvs::Client> client;
  auto info = open_client(client, netns);
  if (!info && !ipvs::cli::is_netns_error(info.error())) {
    io.flush();
    ipvs::cli::modprobe_ip_vs();
    info = open_client(client, netns);
  }
  // Ours: a --netns that cannot be entered, in iproute2's words; nothing was
  // sent, and loading the module would not help.
  if (!info && ipvs::cli::is_netns_error(info.error())) {
    io.err(ipvs::cli::netns_error_text(info.error(), netns) + "\n");
    return 2;
  }
  if (!info) {
    io.err("Can't initialize ipvs: " + ipvs::cli::error_text(info.error()) +
           "\nAre you sure that IP Virtual Server is built in the kernel or as module?\n");
    return 2;
  }

  auto resolver = ipvs::format::make_caching_resolver(names);
  ipvs::cli::Context ctx{*client, *info, names, *resolver, io, args[0]};
  ctx.netns = netns;
  return ipvs::cli::run_outcome(outcome, std::cin, ctx);
}
