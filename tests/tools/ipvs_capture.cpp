// ipvs_capture: records real kernel replies for the codec's golden tests.
// Not part of the CMake build (outside its globs). Build from the repo root:
//
//   g++ -std=c++20 -O1 -Iinclude -Isrc tests/tools/ipvs_capture.cpp src/netlink/*.cpp
//       $(pkg-config --cflags --libs libnl-genl-3.0) -o /tmp/ipvs_capture     (one line)
//
// Run as root in the lab after setting up some services, e.g.
//   /tmp/ipvs_capture > tests/golden/netlink/<scenario>.txt
//
// It sends GET_INFO, the GET_SERVICE dump, one GET_DEST dump per service,
// GET_CONFIG and the GET_DAEMON dump, and prints (format v1):
//
//   # ipvs_capture v1 kernel=<release> family=<id>
//   request <name> seq=<n>
//   > <request bytes, hex>
//   < <one received datagram, hex>      (one line per datagram)
//   end <name>                          (or: error <name> <errno> <text>)

#include <sys/utsname.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "ipvs/genl_transport.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace {

using ipvs::nl::Bytes;

void print_hex(char tag, const std::vector<std::uint8_t>& bytes) {
  std::printf("%c ", tag);
  for (std::uint8_t b : bytes) std::printf("%02x", b);
  std::printf("\n");
}

/// Sends one request and prints every datagram until it completes. Data
/// message payloads of this request are appended to `payloads`.
bool exchange(ipvs::Transport& t, const char* name, std::uint32_t seq, const Bytes& request, bool dump,
              std::vector<Bytes>* payloads) {
  std::printf("request %s seq=%u\n", name, seq);
  print_hex('>', request);
  if (auto sent = t.send(request); !sent) {
    std::printf("error %s %d %s\n", name, sent.error().errnum, sent.error().detail.c_str());
    return false;
  }
  std::vector<std::uint8_t> rx;
  for (;;) {
    // One read: the datagrams already queued, back to back (each padded to 4 bytes).
    if (auto got = t.receive_queued(rx, ipvs::Wait::Block); !got) {
      std::printf("error %s %d %s\n", name, got.error().errnum, got.error().detail.c_str());
      return false;
    }
    print_hex('<', rx);
    auto msgs = ipvs::nl::parse_datagram(rx);
    if (!msgs) {
      std::printf("error %s %d %s\n", name, msgs.error().errnum, msgs.error().detail.c_str());
      return false;
    }
    bool complete = false;
    for (const auto& m : *msgs) {
      if (m.seq != seq) continue;
      if (m.is_error() && (m.error != 0 || !dump)) complete = true;
      if (m.is_done()) complete = true;
      if (!m.is_error() && !m.is_done() && payloads != nullptr) {
        payloads->emplace_back(m.payload.begin(), m.payload.end());
      }
    }
    if (complete) {
      std::printf("end %s\n", name);
      return true;
    }
  }
}

}  // namespace

int main() {
  auto opened = ipvs::open_genl_transport();
  if (!opened) {
    std::fprintf(stderr, "ipvs_capture: %s (errno %d)\n", opened.error().detail.c_str(),
                 opened.error().errnum);
    return 1;
  }
  ipvs::Transport& t = *opened.value();
  const std::uint16_t fam = t.family_id();
  utsname u{};
  uname(&u);
  std::printf("# ipvs_capture v1 kernel=%s family=%u\n", u.release, fam);

  std::uint32_t seq = 1;
  exchange(t, "get-info", seq, ipvs::nl::encode_get_info(fam, seq), false, nullptr);
  ++seq;
  std::vector<Bytes> services;
  exchange(t, "get-services", seq, ipvs::nl::encode_get_services(fam, seq), true, &services);
  ++seq;
  for (const Bytes& payload : services) {
    auto svc = ipvs::nl::decode_service(payload);
    if (!svc) {
      std::printf("# undecodable service: %s\n", svc.error().detail.c_str());
      continue;
    }
    exchange(t, "get-dests", seq, ipvs::nl::encode_get_dests(fam, seq, svc->key), true, nullptr);
    ++seq;
  }
  exchange(t, "get-config", seq, ipvs::nl::encode_get_config(fam, seq), false, nullptr);
  ++seq;
  exchange(t, "get-daemons", seq, ipvs::nl::encode_get_daemons(fam, seq), true, nullptr);
  return 0;
}
