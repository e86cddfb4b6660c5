#pragma once
/// \file messages.hpp
/// ipvsadm 1.31's wording of library errors (its ipvs_strerror table).

#include <string>

#include "ipvs/error.hpp"

namespace ipvs::cli {

/// The text 1.31 prints for an error: an (operation, errno) row when there is
/// one ("Service already exists"), else a generic errno row ("Permission
/// denied (you must be root)"), else strerror(errno). No newline.
std::string error_text(const Error& error);

}  // namespace ipvs::cli
