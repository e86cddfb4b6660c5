#pragma once
/// \file usage.hpp
/// The -h and -v texts, as 1.31 prints them.

#include <string>

namespace ipvs::cli {

/// 1.31's -h text with `argv0` where it names the program; ends with '\n'.
std::string usage_text(const std::string& argv0);
/// "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n": scripts parse it.
std::string version_text();

}  // namespace ipvs::cli
