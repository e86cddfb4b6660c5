// libFuzzer entry for ipvs::fuzz::netlink_decoder (see targets/fuzz_targets.hpp).
#include "targets/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return ipvs::fuzz::netlink_decoder(data, size);
}
