#pragma once
/// \file messages.hpp
/// ipvsadm 1.31's wording of library errors (its ipvs_strerror table).

#include <string>
#include <string_view>

#include "ipvs/error.hpp"

namespace ipvs::cli {

/// The text 1.31 prints for an error: an (operation, errno) row when there is
/// one ("Service already exists"), else a generic errno row ("Permission
/// denied (you must be root)"), else strerror(errno). No newline.
std::string error_text(const Error& error);

/// True for the errors of entering --netns's namespace (ops OpenNetns and
/// EnterNetns): the namespace, not IPVS, is what failed.
bool is_netns_error(const Error& error) noexcept;

/// iproute2's wording of a --netns failure, `netns` as the user gave it:
/// `Cannot open network namespace "NAME": <strerror>` (op OpenNetns) or
/// `setting the network namespace "NAME" failed: <strerror>` (EnterNetns).
/// Any other error gets error_text. No newline.
std::string netns_error_text(const Error& error, std::string_view netns);

}  // namespace ipvs::cli
