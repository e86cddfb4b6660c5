#include "cli/connections.hpp"

#include <fstream>
#include <iterator>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "format/names.hpp"
#include "format/text.hpp"
#include "proc/conn_table.hpp"

namespace ipvs::cli {
namespace {

Protocol protocol_of(const std::string& name) {
  if (name == "TCP") return Protocol::Tcp;
  if (name == "UDP") return Protocol::Udp;
  if (name == "SCTP") return Protocol::Sctp;
  return Protocol::Unspec;
}

}  // namespace

RunResult list_connections(const Request& req, Context& ctx) {
  std::ifstream in(ctx.conn_path);
  if (!in) {
    ctx.io.err(fmt::format("cannot open file {}\n", ctx.conn_path));
    return {1, true};
  }
  std::string line;
  // COMPAT D7: lines are read whole, whatever their length.
  if (!std::getline(in, line)) {
    ctx.io.err(fmt::format("unexpected input from {}\n", ctx.conn_path));
    return {1, true};
  }
  const bool pe = req.list.persistent_conn;
  format::Resolver* resolver = req.list.numeric ? nullptr : &ctx.resolver;
  fmt::memory_buffer buf;
  auto it = std::back_inserter(buf);
  fmt::format_to(it, "IPVS connection entries\n");
  if (pe) {
    fmt::format_to(it, "pro expire {:<11} {:<18} {:<18} {:<18} {:<16} {}\n", "state", "source",
                   "virtual", "destination", "pe name", "pe_data");
  } else {
    fmt::format_to(it, "pro expire {:<11} {:<18} {:<18} {}\n", "state", "source", "virtual",
                   "destination");
  }
  while (std::getline(in, line)) {
    auto c = proc::parse_connection_line(line);
    if (!c) continue;
    const Protocol proto = protocol_of(c->protocol);
    const std::string expire = fmt::format("{:02}:{:02}", c->expires / 60, c->expires % 60);
    const std::string src = format::addr_port(c->client, c->client_port, proto, resolver);
    const std::string vip = format::addr_port(c->virtual_addr, c->virtual_port, proto, resolver);
    const std::string dst = format::addr_port(c->dest, c->dest_port, proto, resolver);
    // printf's %-Ns pads by bytes (host names may be UTF-8).
    const bool with_pe = pe && !c->pe_name.empty();
    for (const auto& [text, width] : {std::pair<std::string_view, std::size_t>{c->protocol, 3},
                                      {expire, 6}, {c->state, 11}, {src, 18}, {vip, 18}}) {
      format::append_padded(buf, text, width);
      buf.push_back(' ');
    }
    if (with_pe) {
      format::append_padded(buf, dst, 16);
      buf.push_back(' ');
      format::append_padded(buf, c->pe_name, 18);
      buf.push_back(' ');
      format::append_padded(buf, c->pe_data, 0);
    } else {
      format::append_padded(buf, dst, 0);
    }
    buf.push_back('\n');
  }
  ctx.io.out(std::string_view(buf.data(), buf.size()));
  return {};
}

}  // namespace ipvs::cli
