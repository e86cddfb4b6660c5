# Checks that the default zsh completion directory is on zsh's own $fpath
# (zsh -f: no user's settings) for the prefixes /usr and /usr/local.
# Usage: cmake -DZSH=/usr/bin/zsh -P zsh_completiondir_test.cmake
cmake_minimum_required(VERSION 3.25)
set(CMAKE_INSTALL_DATADIR share)
execute_process(COMMAND ${ZSH} -f -c "print -rl -- \$fpath"
                OUTPUT_VARIABLE fpath RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${ZSH} -f failed: ${rc}")
endif()
string(REPLACE "\n" ";" fpath "${fpath}")
foreach(prefix /usr /usr/local)
  set(CMAKE_INSTALL_PREFIX ${prefix})
  include(${CMAKE_CURRENT_LIST_DIR}/../zsh_completiondir.cmake)
  set(dir "${prefix}/${IPVS_ZSH_COMPLETIONDIR_DEFAULT}")
  if(dir IN_LIST fpath)
    message(STATUS "prefix ${prefix}: ${dir} is on zsh's $fpath")
  else()
    message(SEND_ERROR "prefix ${prefix}: ${dir} is not on zsh's $fpath (${fpath})")
  endif()
endforeach()
