#include "ipvs/error.hpp"

namespace ipvs {

const char* op_name(Op op) noexcept {
  switch (op) {
    case Op::Init: return "init";
    case Op::GetInfo: return "get-info";
    case Op::GetServices: return "get-services";
    case Op::GetService: return "get-service";
    case Op::AddService: return "add-service";
    case Op::EditService: return "edit-service";
    case Op::DeleteService: return "delete-service";
    case Op::GetDestinations: return "get-destinations";
    case Op::AddDestination: return "add-destination";
    case Op::EditDestination: return "edit-destination";
    case Op::DeleteDestination: return "delete-destination";
    case Op::Flush: return "flush";
    case Op::Zero: return "zero";
    case Op::GetTimeouts: return "get-timeouts";
    case Op::SetTimeouts: return "set-timeouts";
    case Op::GetDaemons: return "get-daemons";
    case Op::StartDaemon: return "start-daemon";
    case Op::StopDaemon: return "stop-daemon";
    case Op::OpenNetns: return "open-netns";
    case Op::EnterNetns: return "enter-netns";
  }
  return "unknown";
}

const char* origin_name(Origin origin) noexcept {
  switch (origin) {
    case Origin::Kernel: return "kernel";
    case Origin::Transport: return "transport";
    case Origin::Decode: return "decode";
  }
  return "unknown";
}

const char* outcome_name(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::Rejected: return "rejected";
    case Outcome::NotSent: return "not sent";
    case Outcome::Unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace ipvs
