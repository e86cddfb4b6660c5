#include "format/connections.hpp"

#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "format/names.hpp"
#include "format/text.hpp"

namespace ipvs::format {
namespace {

Protocol protocol_of(std::string_view name) {
  if (name == "TCP") return Protocol::Tcp;
  if (name == "UDP") return Protocol::Udp;
  if (name == "SCTP") return Protocol::Sctp;
  return Protocol::Unspec;
}

}  // namespace

void render_conn_header(fmt::memory_buffer& out, bool pe) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "IPVS connection entries\n");
  if (pe) {
    fmt::format_to(it, "pro expire {:<11} {:<18} {:<18} {:<18} {:<16} {}\n", "state", "source",
                   "virtual", "destination", "pe name", "pe_data");
  } else {
    fmt::format_to(it, "pro expire {:<11} {:<18} {:<18} {}\n", "state", "source", "virtual",
                   "destination");
  }
}

void render_conn_row(fmt::memory_buffer& out, const Connection& c, bool pe, Resolver* resolver) {
  const Protocol proto = protocol_of(c.protocol);
  const std::string expire = fmt::format("{:02}:{:02}", c.expires / 60, c.expires % 60);
  const std::string src = addr_port(c.client, c.client_port, proto, resolver);
  const std::string vip = addr_port(c.virtual_addr, c.virtual_port, proto, resolver);
  const std::string dst = addr_port(c.dest, c.dest_port, proto, resolver);
  // printf's %-Ns pads by bytes (host names may be UTF-8).
  for (const auto& [text, width] : {std::pair<std::string_view, std::size_t>{c.protocol, 3},
                                    {expire, 6}, {c.state, 11}, {src, 18}, {vip, 18}}) {
    append_padded(out, text, width);
    out.push_back(' ');
  }
  if (pe && !c.pe_name.empty()) {
    append_padded(out, dst, 16);
    out.push_back(' ');
    append_padded(out, c.pe_name, 18);
    out.push_back(' ');
    append_padded(out, c.pe_data, 0);
  } else {
    append_padded(out, dst, 0);
  }
  out.push_back('\n');
}

}  // namespace ipvs::format
