// json_rule_lines: JSON rule sets as the -A/-a command lines -S writes for
// them. Exact words for hand-written documents with every key; the
// generated tables' -S --json (and -L --json) replayed through the parser
// into a fresh fake kernel give back the same -Sn; exact error messages.

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "cli/apply_input.hpp"
#include "fakes/cli_harness.hpp"
#include "fakes/random_table.hpp"

namespace ipvs::cli {
namespace {

using testing::CliHarness;
using testing::words_of;

/// The lines of `doc` (which must be accepted) as "where|words".
std::vector<std::string> lines_of(const std::string& doc) {
  const auto result = json_rule_lines(doc, "r.json");
  if (const auto* error = std::get_if<std::string>(&result)) {
    ADD_FAILURE() << *error;
    return {};
  }
  std::vector<std::string> out;
  for (const RuleLine& l : std::get<std::vector<RuleLine>>(result)) {
    std::string text = l.where + "|";
    for (std::size_t i = 0; i < l.words.size(); ++i) text += (i == 0 ? "" : " ") + l.words[i];
    out.push_back(text);
  }
  return out;
}

/// The error for `doc` (which must be refused).
std::string error_of(const std::string& doc) {
  const auto result = json_rule_lines(doc, "r.json");
  if (const auto* error = std::get_if<std::string>(&result)) return *error;
  ADD_FAILURE() << "accepted: " << doc;
  return {};
}

using Lines = std::vector<std::string>;

/// Output of `line` on h, which must succeed silently.
std::string output(CliHarness& h, const std::string& line) {
  h.io.clear();
  EXPECT_EQ(h.run(line), 0) << line;
  EXPECT_EQ(h.io.err_text(), "") << line;
  return h.io.out_text();
}

/// Runs each line's words (without argv[0]) on a fresh harness; its -Sn.
std::string replayed(const std::vector<RuleLine>& lines) {
  CliHarness h;
  for (const RuleLine& l : lines) {
    const std::vector<std::string> args(l.words.begin() + 1, l.words.end());
    EXPECT_EQ(l.words.front(), "ipvsadm");
    EXPECT_EQ(h.run_words(args), 0) << l.where << ": " << h.io.err_text();
  }
  return output(h, "-Sn");
}

/// The rules of `doc` must all pass the parser and the fake kernel.
void expect_accepted_by_ipvsadm(const std::string& doc) {
  const auto result = json_rule_lines(doc, "r.json");
  ASSERT_TRUE(std::holds_alternative<std::vector<RuleLine>>(result));
  replayed(std::get<std::vector<RuleLine>>(result));
}

TEST(JsonRuleLines, EmptyRuleSet) { EXPECT_EQ(lines_of(R"({"services":[]})"), Lines{}); }

TEST(JsonRuleLines, Ipv4TcpServiceWithEveryServerSetting) {
  const std::string doc = R"({"services":[{"protocol":"tcp","address":"10.0.0.1","port":80,"family":"inet",
      "scheduler":"rr","sched_flags":[],"one_packet":false,"real_servers":[
        {"address":"192.168.1.2","family":"inet","port":8080,"forward":"masq","weight":3,
         "u_threshold":100,"l_threshold":10},
        {"address":"192.168.1.3","family":"inet","port":80,"forward":"route","weight":0},
        {"address":"192.168.1.4","family":"inet","port":80,"forward":"tunnel","weight":1,"tunnel":{"type":"ipip"}}]}]})";
  EXPECT_EQ(
      lines_of(doc),
      (Lines{
          "r.json: services[0]|ipvsadm -A -t 10.0.0.1:80 -s rr",
          "r.json: services[0].real_servers[0]|ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 3 -x 100 -y 10",
          "r.json: services[0].real_servers[1]|ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.3:80 -g -w 0",
          "r.json: services[0].real_servers[2]|ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.4:80 -i -w 1 --tun-type ipip"}));
  expect_accepted_by_ipvsadm(doc);
}

TEST(JsonRuleLines, TunnelTypesAndChecksumFlags) {
  const std::string doc = R"({"services":[{"protocol":"sctp","address":"10.0.0.2","port":3868,"family":"inet",
      "scheduler":"wlc","persistence":{"timeout":300,"netmask":"255.255.255.0"},"real_servers":[
        {"address":"2001:db8::30","family":"inet6","port":3868,"forward":"tunnel","weight":1,"tunnel":{"type":"gre","flags":["csum"]}},
        {"address":"2001:db8::31","port":3868,"forward":"tunnel","weight":1,"tunnel":{"type":"gre","flags":[]}},
        {"address":"192.168.1.5","port":1,"forward":"tunnel","weight":2,"tunnel":{"type":"gue","port":6080,"flags":["remcsum"]}},
        {"address":"192.168.1.6","port":2,"forward":"tunnel","weight":2,"tunnel":{"type":"gue","port":1,"flags":[]}},
        {"address":"192.168.1.7","port":3,"forward":"tunnel","weight":2,"tunnel":{"type":"gue","port":65535,"flags":["csum"]}}]}]})";
  EXPECT_EQ(
      lines_of(doc),
      (Lines{
          "r.json: services[0]|ipvsadm -A --sctp-service 10.0.0.2:3868 -s wlc -p 300 -M 255.255.255.0",
          "r.json: services[0].real_servers[0]|ipvsadm -a --sctp-service 10.0.0.2:3868 -r [2001:db8::30]:3868 -i -w 1 "
          "--tun-type gre --tun-csum",
          "r.json: services[0].real_servers[1]|ipvsadm -a --sctp-service 10.0.0.2:3868 -r [2001:db8::31]:3868 -i -w 1 "
          "--tun-type gre --tun-nocsum",
          "r.json: services[0].real_servers[2]|ipvsadm -a --sctp-service 10.0.0.2:3868 -r 192.168.1.5:1 -i -w 2 "
          "--tun-type gue --tun-port 6080 --tun-remcsum",
          "r.json: services[0].real_servers[3]|ipvsadm -a --sctp-service 10.0.0.2:3868 -r 192.168.1.6:2 -i -w 2 "
          "--tun-type gue --tun-port 1 --tun-nocsum",
          "r.json: services[0].real_servers[4]|ipvsadm -a --sctp-service 10.0.0.2:3868 -r 192.168.1.7:3 -i -w 2 "
          "--tun-type gue --tun-port 65535 --tun-csum"}));
  expect_accepted_by_ipvsadm(doc);
}

TEST(JsonRuleLines, Ipv6UdpFwmarkPersistenceFlagsAndPe) {
  const std::string doc = R"({"services":[
      {"protocol":"udp","address":"2001:db8::1","port":53,"family":"inet6","scheduler":"sh",
       "sched_flags":["sh-port","flag-3"],"persistence":{"timeout":60,"prefix_length":64},"one_packet":true,
       "real_servers":[{"address":"2001:db8::20","family":"inet6","port":53,"forward":"route","weight":0}]},
      {"fwmark":10,"family":"inet6","scheduler":"mh","sched_flags":["mh-fallback"],
       "persistence":{"timeout":360,"prefix_length":128},"one_packet":false,"pe":"sip",
       "real_servers":[{"address":"2001:db8::21","family":"inet6","port":0,"forward":"masq","weight":5}]},
      {"fwmark":4294967295,"family":"inet","scheduler":"wrr","persistence":{"timeout":1,"netmask":"255.255.255.255"},
       "real_servers":[{"address":"10.1.1.1","family":"inet","port":0,"forward":"route","weight":2147483647}]},
      {"protocol":"tcp","address":"::","port":0,"family":"inet6","scheduler":"lc","persistence":{"timeout":1}},
      {"protocol":"udp","address":"10.0.0.3","port":65535,"family":"inet","scheduler":"dh","sched_flags":["flag-1","flag-2"],
       "persistence":{"timeout":86400},"pe":"sip","one_packet":true}]})";
  EXPECT_EQ(lines_of(doc),
            (Lines{"r.json: services[0]|ipvsadm -A -u [2001:db8::1]:53 -s sh -p 60 -M 64 -o -b sh-port,flag-3",
                   "r.json: services[0].real_servers[0]|ipvsadm -a -u [2001:db8::1]:53 -r [2001:db8::20]:53 -g -w 0",
                   "r.json: services[1]|ipvsadm -A -f 10 -6 -s mh -p 360 --pe sip -b mh-fallback",
                   "r.json: services[1].real_servers[0]|ipvsadm -a -f 10 -6 -r [2001:db8::21]:0 -m -w 5",
                   "r.json: services[2]|ipvsadm -A -f 4294967295 -s wrr -p 1",
                   "r.json: services[2].real_servers[0]|ipvsadm -a -f 4294967295 -r 10.1.1.1:0 -g -w 2147483647",
                   "r.json: services[3]|ipvsadm -A -t [::]:0 -s lc -p 1",
                   "r.json: services[4]|ipvsadm -A -u 10.0.0.3:65535 -s dh -p 86400 --pe sip -o -b flag-1,flag-2"}));
  expect_accepted_by_ipvsadm(doc);
}

TEST(JsonRuleLines, ListingKeysAreIgnored) {
  const std::string doc =
      R"({"version":"1.2.1","conn_table_size":4096,"services":[{"protocol":"tcp","address":"10.0.0.1",
      "port":80,"family":"inet","scheduler":"rr","stats":{"conns":1},"rates":{"cps":2},"real_servers":[
      {"address":"192.168.1.2","family":"inet","port":80,"forward":"masq","weight":1,"active_conns":1,
       "inactive_conns":2,"persistent_conns":3,"stats":{},"rates":{}}]}]})";
  EXPECT_EQ(lines_of(doc),
            (Lines{"r.json: services[0]|ipvsadm -A -t 10.0.0.1:80 -s rr",
                   "r.json: services[0].real_servers[0]|ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1"}));
  expect_accepted_by_ipvsadm(doc);
}

TEST(JsonRuleLines, GeneratedTablesRoundTripThroughTheParser) {
  std::size_t rules = 0;
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE("random_table seed " + std::to_string(seed));
    CliHarness first;
    for (const auto& e : testing::random_table(seed)) {
      ASSERT_TRUE(first.client.add_service(e.service).ok());
      for (const Destination& d : e.dests) ASSERT_TRUE(first.client.add_destination(e.service.key, d).ok());
    }
    const std::string saved = output(first, "-Sn");
    const auto from_rules = json_rule_lines(output(first, "-S --json"), "r.json");
    ASSERT_TRUE(std::holds_alternative<std::vector<RuleLine>>(from_rules)) << std::get<std::string>(from_rules);
    const auto& lines = std::get<std::vector<RuleLine>>(from_rules);
    rules += lines.size();
    EXPECT_EQ(replayed(lines), saved);

    // -L --json is a rule set too, and the same one.
    const auto from_list = json_rule_lines(output(first, "-L --json"), "r.json");
    ASSERT_TRUE(std::holds_alternative<std::vector<RuleLine>>(from_list)) << std::get<std::string>(from_list);
    const auto& list_lines = std::get<std::vector<RuleLine>>(from_list);
    ASSERT_EQ(list_lines.size(), lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      EXPECT_EQ(list_lines[i].words, lines[i].words);
      EXPECT_EQ(list_lines[i].where, lines[i].where);
    }
    if (::testing::Test::HasFailure()) return;
  }
  EXPECT_GT(rules, 2000u);  // the generator does make tables
}

// --- errors ----------------------------------------------------------------

/// A document of one service `svc` (its members, without braces).
std::string service_doc(const std::string& svc) { return R"({"services":[{)" + svc + "}]}"; }
/// A document of one tcp service with the real server `rs` (its members).
std::string server_doc(const std::string& rs) {
  return service_doc(R"("protocol":"tcp","address":"10.0.0.1","port":80,"family":"inet","scheduler":"rr",)"
                     R"("real_servers":[{"address":"192.168.1.2","port":80,"forward":"masq","weight":1},{)" +
                     rs + "}]");
}
const std::string kTcp = R"("protocol":"tcp","address":"10.0.0.1","port":80,"family":"inet","scheduler":"rr")";

TEST(JsonRuleLines, InvalidJson) {
  EXPECT_EQ(error_of(R"({"services":[})"),
            "r.json: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 14: "
            "syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
  EXPECT_EQ(error_of(""),
            "r.json: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 1: "
            "syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal");
}

TEST(JsonRuleLines, TopLevel) {
  EXPECT_EQ(error_of("[]"), R"(r.json: expected an object with a "services" array)");
  EXPECT_EQ(error_of("42"), R"(r.json: expected an object with a "services" array)");
  EXPECT_EQ(error_of("{}"), R"(r.json: missing key "services")");
  EXPECT_EQ(error_of(R"({"services":{}})"), "r.json: services: expected an array");
  EXPECT_EQ(error_of(R"({"services":[],"extra":1})"), "r.json: extra: unknown key");
  EXPECT_EQ(error_of(R"({"services":[7]})"), "r.json: services[0]: expected an object");
}

TEST(JsonRuleLines, UnknownKeys) {
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"weight":1)")), "r.json: services[0].weight: unknown key");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"persistence":{"timeout":1,"mask":2})")),
            "r.json: services[0].persistence.mask: unknown key");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq","weight":1,"scheduler":"rr")")),
            "r.json: services[0].real_servers[1].scheduler: unknown key");
  EXPECT_EQ(error_of(server_doc(
                R"("address":"192.168.1.3","port":80,"forward":"tunnel","weight":1,"tunnel":{"type":"ipip","ttl":1})")),
            "r.json: services[0].real_servers[1].tunnel.ttl: unknown key");
  // The listing's keys only where the listing has them.
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"active_conns":1)")), "r.json: services[0].active_conns: unknown key");
}

TEST(JsonRuleLines, WrongTypes) {
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq","weight":"1")")),
            "r.json: services[0].real_servers[1].weight: expected an integer");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq","weight":1.5)")),
            "r.json: services[0].real_servers[1].weight: expected an integer");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq","weight":-1)")),
            "r.json: services[0].real_servers[1].weight: out of range (0..4294967295)");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":65536,"forward":"masq","weight":1)")),
            "r.json: services[0].real_servers[1].port: out of range (0..65535)");
  EXPECT_EQ(
      error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq","weight":1,"u_threshold":4294967296)")),
      "r.json: services[0].real_servers[1].u_threshold: out of range (0..4294967295)");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"one_packet":1)")), "r.json: services[0].one_packet: expected a boolean");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"sched_flags":"flag-1")")),
            "r.json: services[0].sched_flags: expected an array");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"sched_flags":["flag-1",2])")),
            "r.json: services[0].sched_flags[1]: expected a string");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"sched_flags":["flag-4"])")),
            R"(r.json: services[0].sched_flags[0]: expected "flag-1", "flag-2", "flag-3", "sh-fallback", "sh-port", )"
            R"("mh-fallback" or "mh-port")");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"persistence":300)")),
            "r.json: services[0].persistence: expected an object");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"real_servers":{})")),
            "r.json: services[0].real_servers: expected an array");
  EXPECT_EQ(
      error_of(service_doc(R"("protocol":"icmp","address":"10.0.0.1","port":80,"family":"inet","scheduler":"rr")")),
      R"(r.json: services[0].protocol: expected "tcp", "udp" or "sctp")");
  EXPECT_EQ(error_of(service_doc(R"("protocol":"tcp","address":"www","port":80,"family":"inet","scheduler":"rr")")),
            "r.json: services[0].address: expected a numeric IPv4 or IPv6 address");
  EXPECT_EQ(
      error_of(server_doc(
          R"("address":"192.168.1.3","port":80,"forward":"tunnel","weight":1,"tunnel":{"type":"gue","port":1,"flags":["csum","remcsum"]})")),
      R"(r.json: services[0].real_servers[1].tunnel.flags: expected at most one of "csum", "remcsum")");
}

TEST(JsonRuleLines, MissingKeys) {
  EXPECT_EQ(error_of(service_doc(R"("protocol":"tcp","address":"10.0.0.1","port":80,"family":"inet")")),
            R"(r.json: services[0]: missing key "scheduler")");
  EXPECT_EQ(error_of(service_doc(R"("protocol":"tcp","address":"10.0.0.1","port":80,"scheduler":"rr")")),
            R"(r.json: services[0]: missing key "family")");
  EXPECT_EQ(error_of(service_doc(R"("family":"inet","scheduler":"rr")")),
            R"(r.json: services[0]: missing key "protocol" or "fwmark")");
  EXPECT_EQ(error_of(service_doc(R"("protocol":"tcp","address":"10.0.0.1","family":"inet","scheduler":"rr")")),
            R"(r.json: services[0]: missing key "port")");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq")")),
            R"(r.json: services[0].real_servers[1]: missing key "weight")");
  EXPECT_EQ(error_of(server_doc(R"("port":80,"forward":"masq","weight":1)")),
            R"(r.json: services[0].real_servers[1]: missing key "address")");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"persistence":{})")),
            R"(r.json: services[0].persistence: missing key "timeout")");
  EXPECT_EQ(
      error_of(server_doc(
          R"("address":"192.168.1.3","port":80,"forward":"tunnel","weight":1,"tunnel":{"type":"gue","flags":[]})")),
      R"(r.json: services[0].real_servers[1].tunnel: missing key "port")");
}

TEST(JsonRuleLines, FamiliesMustAgree) {
  EXPECT_EQ(
      error_of(service_doc(R"("protocol":"tcp","address":"2001:db8::1","port":80,"family":"inet","scheduler":"rr")")),
      R"(r.json: services[0].address: an IPv6 address, but family is "inet")");
  EXPECT_EQ(
      error_of(service_doc(R"("protocol":"tcp","address":"10.0.0.1","port":80,"family":"inet6","scheduler":"rr")")),
      R"(r.json: services[0].address: an IPv4 address, but family is "inet6")");
  EXPECT_EQ(error_of(service_doc(R"("protocol":"tcp","address":"10.0.0.1","port":80,"family":"ipx","scheduler":"rr")")),
            R"(r.json: services[0].family: expected "inet" or "inet6")");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","family":"inet6","port":80,"forward":"masq","weight":1)")),
            R"(r.json: services[0].real_servers[1].address: an IPv4 address, but family is "inet6")");
  EXPECT_EQ(error_of(service_doc(
                R"("fwmark":1,"family":"inet6","scheduler":"rr","persistence":{"timeout":1,"netmask":"255.0.0.0"})")),
            "r.json: services[0].persistence.netmask: an inet6 service has a prefix_length");
  EXPECT_EQ(error_of(service_doc(kTcp + R"(,"persistence":{"timeout":1,"prefix_length":8})")),
            "r.json: services[0].persistence.prefix_length: an inet service has a netmask");
  EXPECT_EQ(error_of(service_doc(R"("fwmark":1,"port":80,"family":"inet","scheduler":"rr")")),
            "r.json: services[0].port: not with fwmark");
}

TEST(JsonRuleLines, ForwardingMethodsIpvsadmCannotSet) {
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"local","weight":1)")),
            R"(r.json: services[0].real_servers[1].forward: "local" cannot be set by ipvsadm)");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"bypass","weight":1)")),
            R"(r.json: services[0].real_servers[1].forward: "bypass" cannot be set by ipvsadm)");
  EXPECT_EQ(error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"nat","weight":1)")),
            R"(r.json: services[0].real_servers[1].forward: expected "masq", "route", "tunnel", "local" or "bypass")");
}

TEST(JsonRuleLines, TunnelSettingsOnlyWhereTheyApply) {
  EXPECT_EQ(
      error_of(server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq","weight":1,"tunnel":{"type":"ipip"})")),
      R"(r.json: services[0].real_servers[1].tunnel: only with forward "tunnel")");
  EXPECT_EQ(
      error_of(server_doc(
          R"("address":"192.168.1.3","port":80,"forward":"tunnel","weight":1,"tunnel":{"type":"ipip","flags":[]})")),
      R"(r.json: services[0].real_servers[1].tunnel.flags: not for an ipip tunnel)");
  EXPECT_EQ(error_of(server_doc(
                R"("address":"192.168.1.3","port":80,"forward":"tunnel","weight":1,"tunnel":{"type":"gre","port":1})")),
            R"(r.json: services[0].real_servers[1].tunnel.port: only for a gue tunnel)");
}

/// What the parser checks stays the parser's: its messages, as for -R.
TEST(JsonRuleLines, TheParserJudgesWhatIpvsadmJudges) {
  const auto result = json_rule_lines(
      server_doc(R"("address":"192.168.1.3","port":80,"forward":"masq","weight":4294967295)"), "r.json");
  const auto& lines = std::get<std::vector<RuleLine>>(result);
  ASSERT_EQ(lines.size(), 3u);
  CliHarness h;
  ASSERT_EQ(h.run_words({lines[0].words.begin() + 1, lines[0].words.end()}), 0);
  EXPECT_NE(h.run_words({lines[2].words.begin() + 1, lines[2].words.end()}), 0);
  EXPECT_NE(h.io.err_text().find("illegal weight specified"), std::string::npos) << h.io.err_text();
}

}  // namespace
}  // namespace ipvs::cli
