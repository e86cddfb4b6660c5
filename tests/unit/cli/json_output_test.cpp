// -L/-S --json, --pretty and --metrics through the runner over the fake
// kernel: exact documents for a table with every kind of service and real
// server (docs/output-formats.md), streamed the same way as the text.
#include <gtest/gtest.h>

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

TEST_F(JsonOutputTest, Scratch) {
  seed();
  std::cout << out("-L --json --pretty") << out("-S -j") << out("-L --metrics") << out("-L --timeout -j")
            << out("-L --daemon -j") << out("-L -j -t 10.0.0.1:80");
}

}  // namespace
}  // namespace ipvs::cli
