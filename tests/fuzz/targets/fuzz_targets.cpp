#include "fuzz_targets.hpp"

#include <sstream>
#include <string>
#include <vector>

#include "cli/parser.hpp"
#include "cli/rule_reader.hpp"
#include "format/json.hpp"
#include "format/names.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"
#include "proc/conn_table.hpp"

namespace ipvs::fuzz {
namespace {

/// Deterministic lookups: never touches the resolver or the network.
class NoNames final : public cli::NameLookup {
 public:
  std::optional<Address> host_v4(const std::string& name) override {
    if (name == "vip1.test") return Address::v4(0x0a000001);
    return std::nullopt;
  }
  std::optional<std::uint16_t> service_port(const std::string& name, Protocol) override {
    if (name == "http") return 80;
    return std::nullopt;
  }
};

volatile std::size_t g_sink = 0;  // keeps results observable to the optimiser

/// Renders what was decoded as JSON (the kernel's strings are arbitrary bytes here).
template <typename F>
void render_json(F render) {
  fmt::memory_buffer buf;
  format::JsonWriter w(buf, false);
  render(w);
  g_sink = g_sink + buf.size();
}

void consume(const cli::ParseOutcome& out) {
  g_sink = g_sink + out.text.size() + static_cast<std::size_t>(out.kind) + out.request.service.scheduler.size();
}

}  // namespace

int cli_parser(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> argv{"ipvsadm"};
  std::string word;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      argv.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(static_cast<char>(data[i]));
    }
  }
  if (!word.empty()) argv.push_back(std::move(word));
  NoNames names;
  consume(cli::parse_command_line(argv, names));
  return 0;
}

int restore_reader(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  cli::RuleReader reader(in);
  NoNames names;
  for (std::vector<std::string> words{"ipvsadm"}; reader.next_into(words); words.resize(1)) {
    consume(cli::parse_command_line(words, names, /*in_restore=*/true));
  }
  return 0;
}

int netlink_decoder(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  if (auto msgs = nl::parse_datagram(bytes)) {
    for (const nl::Message& m : *msgs) {
      g_sink = g_sink + m.extack.size();
      (void)nl::decode_service(m.payload);
      (void)nl::decode_dest(m.payload, Family::Inet);
      (void)nl::decode_info(m.payload);
      (void)nl::decode_config(m.payload);
      (void)nl::decode_daemon(m.payload);
    }
  }
  // The same bytes as a bare genl payload (genlmsghdr + attributes).
  auto svc = nl::decode_service(bytes);
  auto dest = nl::decode_dest(bytes, Family::Inet6);
  if (svc) {
    format::ServiceEntry entry{*svc, {}};
    if (dest) entry.dests.push_back(*dest);
    render_json([&](format::JsonWriter& w) { format::json_service(w, entry, format::JsonContent::Listing); });
  }
  (void)nl::decode_info(bytes);
  (void)nl::decode_config(bytes);
  if (auto d = nl::decode_daemon(bytes)) {
    render_json([&](format::JsonWriter& w) { format::json_daemons(w, std::span(&*d, 1)); });
  }
  return 0;
}

int proc_conn(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::string line;
  while (std::getline(in, line)) {
    if (auto c = proc::parse_connection_line(line)) {
      g_sink = g_sink + format::addr_port(c->client, c->client_port, Protocol::Tcp, nullptr).size() +
               format::addr_port(c->dest, c->dest_port, Protocol::Udp, nullptr).size() + c->pe_data.size();
      render_json([&](format::JsonWriter& w) { format::json_connection(w, *c); });
    }
  }
  return 0;
}

}  // namespace ipvs::fuzz
