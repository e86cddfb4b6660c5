// -L/-S --json, --pretty and --metrics through the runner over the fake
// kernel: exact documents for a table with every kind of service and real
// server (docs/output-formats.md), streamed the same way as the text.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "fakes/cli_harness.hpp"

namespace ipvs::cli {
namespace {

using testing::CliHarness;

class JsonOutputTest : public ::testing::Test {
 protected:
  void seed() {
    for (const char* line : {
             "-A -t 10.0.0.1:80 -s rr",
             "-a -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 3 -x 100 -y 10",
             "-a -t 10.0.0.1:80 -r 192.168.1.3 -i --tun-type gue --tun-port 6080 --tun-csum",
             "-A -u [2001:db8::1]:53 -s sh -b sh-port,flag-3 -p 60 -M 64 -o",
             "-a -u [2001:db8::1]:53 -r [2001:db8::20]:53 -g -w 0",
             "-A -f 10 -6 -s mh -b mh-fallback --pe sip -p",
             "-A --sctp-service 10.0.0.2:3868 -s wlc -p 300 -M 255.255.255.0",
             "-a --sctp-service 10.0.0.2:3868 -r 2001:db8::30 -i --tun-type gre --tun-csum",
             "-a --sctp-service 10.0.0.2:3868 -r 192.168.1.4 -i",
         }) {
      ASSERT_EQ(h_.run(line), 0) << line << h_.io.err_text();
    }
    h_.io.clear();
  }
  std::string out(const std::string& line) {
    h_.io.clear();
    EXPECT_EQ(h_.run(line), 0) << line << h_.io.err_text();
    EXPECT_EQ(h_.io.err_text(), "");
    return h_.io.out_text();
  }
  CliHarness h_;
};

/// Compact JSON with the blanks of --pretty removed (no value here holds
/// a blank or ": ").
std::string unindented(std::string pretty) {
  std::string out;
  for (std::size_t i = 0; i < pretty.size(); ++i) {
    const char c = pretty[i];
    if (c == '\n') {
      while (i + 1 < pretty.size() && pretty[i + 1] == ' ') ++i;
      continue;
    }
    if (c == ' ' && i > 0 && pretty[i - 1] == ':') continue;
    out.push_back(c);
  }
  return out;
}

TEST_F(JsonOutputTest, RulesDocumentHasEverySettingAndNoCounters) {
  seed();
  EXPECT_EQ(out("-S -j"),
            R"({"services":[)"
            R"({"protocol":"tcp","address":"10.0.0.1","port":80,"family":"inet","scheduler":"rr","sched_flags":[],"one_packet":false,"real_servers":[)"
            R"({"address":"192.168.1.2","family":"inet","port":8080,"forward":"masq","weight":3,"u_threshold":100,"l_threshold":10},)"
            R"({"address":"192.168.1.3","family":"inet","port":80,"forward":"tunnel","weight":1,"tunnel":{"type":"gue","port":6080,"flags":["csum"]}}]},)"
            R"({"protocol":"sctp","address":"10.0.0.2","port":3868,"family":"inet","scheduler":"wlc","sched_flags":[],"persistence":{"timeout":300,"netmask":"255.255.255.0"},"one_packet":false,"real_servers":[)"
            R"({"address":"2001:db8::30","family":"inet6","port":3868,"forward":"tunnel","weight":1,"tunnel":{"type":"gre","flags":["csum"]}},)"
            R"({"address":"192.168.1.4","family":"inet","port":3868,"forward":"tunnel","weight":1,"tunnel":{"type":"ipip"}}]},)"
            R"({"protocol":"udp","address":"2001:db8::1","port":53,"family":"inet6","scheduler":"sh","sched_flags":["sh-port","flag-3"],"persistence":{"timeout":60,"prefix_length":64},"one_packet":true,"real_servers":[)"
            R"({"address":"2001:db8::20","family":"inet6","port":53,"forward":"route","weight":0}]},)"
            R"({"fwmark":10,"family":"inet6","scheduler":"mh","sched_flags":["mh-fallback"],"persistence":{"timeout":360,"prefix_length":128},"one_packet":false,"pe":"sip","real_servers":[]}]})"
            "\n");
}

TEST_F(JsonOutputTest, ListDocumentCarriesCountersInFull64BitsAndRates) {
  ASSERT_EQ(h_.run("-A -t 10.0.0.1:80 -s rr"), 0);
  ASSERT_EQ(h_.run("-a -t 10.0.0.1:80 -r 192.168.1.2 -m"), 0);
  Service& svc = h_.kernel->table.at(0).service;
  svc.stats = Stats{1, 2, 3, 4, 18446744073709551615ULL, 6, 7, 8, 9, 10};
  Destination& d = h_.kernel->table.at(0).dests.at(0);
  d.stats = Stats{11, 12, 13, 5000000000ULL, 15, 16, 17, 18, 19, 20};
  d.active_conns = 21;
  d.inactive_conns = 22;
  d.persist_conns = 23;
  const std::string expected =
      R"({"version":"1.2.1","conn_table_size":4096,"services":[)"
      R"({"protocol":"tcp","address":"10.0.0.1","port":80,"family":"inet","scheduler":"rr","sched_flags":[],"one_packet":false,)"
      R"("stats":{"conns":1,"inpkts":2,"outpkts":3,"inbytes":4,"outbytes":18446744073709551615},)"
      R"("rates":{"cps":6,"inpps":7,"outpps":8,"inbps":9,"outbps":10},"real_servers":[)"
      R"({"address":"192.168.1.2","family":"inet","port":80,"forward":"masq","weight":1,)"
      R"("active_conns":21,"inactive_conns":22,"persistent_conns":23,)"
      R"("stats":{"conns":11,"inpkts":12,"outpkts":13,"inbytes":5000000000,"outbytes":15},)"
      R"("rates":{"cps":16,"inpps":17,"outpps":18,"inbps":19,"outbps":20}}]}]})"
      "\n";
  // Every view lists the same facts; -n changes nothing.
  for (const char* line : {"-L -j", "-Ln --json --stats", "-L -j --rate --exact", "-L -j --thresholds",
                           "-L -j --persistent-conn", "-L -j --tun-info", "-L -j -t 10.0.0.1:80"}) {
    EXPECT_EQ(out(line), expected) << line;
  }
  EXPECT_EQ(unindented(out("-L -j --pretty")) + "\n", expected);
}

TEST_F(JsonOutputTest, PrettyIndentsTheSameDocument) {
  seed();
  const std::string pretty = out("-L --json --pretty");
  EXPECT_EQ(pretty.rfind("{\n  \"version\": \"1.2.1\",\n  \"conn_table_size\": 4096,\n  \"services\": [\n    {\n", 0),
            0u);
  EXPECT_EQ(unindented(pretty) + "\n", out("-L --json"));
  EXPECT_EQ(unindented(out("-S --json --pretty")) + "\n", out("-S --json"));
}

TEST_F(JsonOutputTest, EmptyTable) {
  EXPECT_EQ(out("-L -j"), "{\"version\":\"1.2.1\",\"conn_table_size\":4096,\"services\":[]}\n");
  EXPECT_EQ(out("-S -j"), "{\"services\":[]}\n");
  EXPECT_EQ(out("-S -j --pretty"), "{\n  \"services\": []\n}\n");
  EXPECT_EQ(out("-L --metrics").find("node_ipvs_service_connections_total{"), std::string::npos);
}

TEST_F(JsonOutputTest, OneMissingServiceIsAListingFailure) {
  EXPECT_EQ(h_.run("-L -j -t 10.0.0.9:80"), 1);
  EXPECT_EQ(h_.io.out_text(), "");
  EXPECT_EQ(h_.io.err_text(), "No such service\n");
}

TEST_F(JsonOutputTest, TimeoutsAndDaemons) {
  EXPECT_EQ(out("-L --timeout -j"), "{\"tcp\":900,\"tcp_fin\":120,\"udp\":300}\n");
  EXPECT_EQ(out("-L --daemon -j"), "{\"daemons\":[]}\n");
  ASSERT_EQ(h_.run("--start-daemon backup --mcast-interface lab0 --syncid 7 --mcast-group 224.0.0.90 "
                   "--mcast-port 8849 --mcast-ttl 2 --sync-maxlen 1400"),
            0);
  ASSERT_EQ(h_.run("--start-daemon master --syncid 3"), 0);
  EXPECT_EQ(out("-L --daemon -j"),
            R"({"daemons":[{"state":"master","mcast_interface":"eth0","sync_id":3,"sync_maxlen":1472,)"
            R"("mcast_group":"224.0.0.81","mcast_port":8848,"mcast_ttl":1},)"
            R"({"state":"backup","mcast_interface":"lab0","sync_id":7,"sync_maxlen":1400,)"
            R"("mcast_group":"224.0.0.90","mcast_port":8849,"mcast_ttl":2}]})"
            "\n");
}

TEST_F(JsonOutputTest, MetricsFamiliesComeWholeWithHelpAndType) {
  ASSERT_EQ(h_.run("-A -f 10 -6 -s rr"), 0);
  ASSERT_EQ(h_.run("-a -f 10 -6 -r [2001:db8::20]:0 -w 4"), 0);
  ASSERT_EQ(h_.run("-A -u 10.0.0.1:53"), 0);
  h_.kernel->table.at(1).service.stats.conns = 7;
  h_.kernel->table.at(0).dests.at(0).stats.outbytes = 5000000000ULL;
  h_.kernel->table.at(0).dests.at(0).active_conns = 2;
  const std::string text = out("-L --metrics");
  const std::string svc_v4 = R"({proto="UDP",local_address="10.0.0.1",local_port="53"})";
  const std::string svc_fwm = R"({proto="FWM",local_mark="0000000A",family="inet6")";
  const std::string backend = svc_fwm + R"(,remote_address="2001:db8::20",remote_port="0"})";
  EXPECT_NE(text.find("node_ipvs_service_connections_total" + svc_v4 + " 7\n"), std::string::npos) << text;
  EXPECT_NE(text.find("node_ipvs_service_connections_total" + svc_fwm + "} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("node_ipvs_backend_outgoing_bytes_total" + backend + " 5000000000\n"), std::string::npos);
  EXPECT_NE(text.find("node_ipvs_backend_connections_active" + backend + " 2\n"), std::string::npos);
  EXPECT_NE(text.find("node_ipvs_backend_weight" + backend + " 4\n"), std::string::npos);
  // Every family: # HELP, # TYPE, then all its samples, and never again.
  std::size_t families = 0;
  std::string current;
  std::vector<std::string> seen;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# HELP ", 0) == 0) {
      current = line.substr(7, line.find(' ', 7) - 7);
      EXPECT_EQ(std::count(seen.begin(), seen.end(), current), 0) << current;
      seen.push_back(current);
      ++families;
      std::string type;
      ASSERT_TRUE(std::getline(lines, type));
      const bool counter = current.ends_with("_total");
      EXPECT_EQ(type, "# TYPE " + current + (counter ? " counter" : " gauge"));
      continue;
    }
    EXPECT_EQ(line.rfind(current + "{", 0), 0u) << line;
  }
  EXPECT_EQ(families, 14u);
  EXPECT_EQ(out("-L --metrics -u 10.0.0.1:53").find("FWM"), std::string::npos);
}

}  // namespace
}  // namespace ipvs::cli
