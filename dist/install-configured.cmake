# Run by `cmake --install` (install(CODE) in dist/CMakeLists.txt): configures the
# files that name installed paths with the install-time CMAKE_INSTALL_PREFIX and
# writes them straight to their destination (under DESTDIR, if set), so that an
# install writes nothing outside the prefix or DESTDIR, not even in the build
# tree. A relative directory is under the prefix, as install() puts it.
foreach(d SBIN LIBEXEC SYSCONF UNIT)
  if(IS_ABSOLUTE "${IPVS_DIR_${d}}")
    set(IPVS_${d} "${IPVS_DIR_${d}}")
  else()
    set(IPVS_${d} "${CMAKE_INSTALL_PREFIX}/${IPVS_DIR_${d}}")
  endif()
endforeach()
set(IPVS_SBINDIR "${IPVS_SBIN}")
set(IPVS_SYSCONFDIR "${IPVS_SYSCONF}")
set(IPVS_HELPER "${IPVS_LIBEXEC}/ipvsadm/ipvsadm-service")

# ipvs_install_configured(SOURCE DIR NAME MODE...): SOURCE (in dist/) with its
# @VARS@ replaced becomes DIR/NAME with permissions MODE, as file(INSTALL) would
# install it: DESTDIR in front of DIR, an "Installing:" line, and DIR/NAME in
# install_manifest.txt.
function(ipvs_install_configured source dir name)
  file(READ "${IPVS_DIST_SOURCE_DIR}/${source}" text)
  string(CONFIGURE "${text}" text @ONLY)
  set(to "$ENV{DESTDIR}${dir}/${name}")
  message(STATUS "Installing: ${to}")
  file(WRITE "${to}" "${text}")
  file(CHMOD "${to}" PERMISSIONS ${ARGN})
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${dir}/${name}")
  set(CMAKE_INSTALL_MANIFEST_FILES "${CMAKE_INSTALL_MANIFEST_FILES}" PARENT_SCOPE)
endfunction()

set(ipvs_mode_read OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
set(ipvs_mode_exec ${ipvs_mode_read} OWNER_EXECUTE GROUP_EXECUTE WORLD_EXECUTE)
ipvs_install_configured(ipvsadm-service.in "${IPVS_LIBEXEC}/ipvsadm" ipvsadm-service ${ipvs_mode_exec})
ipvs_install_configured(ipvsadm.init.in "${IPVS_SYSCONF}/init.d" ipvsadm ${ipvs_mode_exec})
ipvs_install_configured(ipvsadm.service.in "${IPVS_UNIT}" ipvsadm.service ${ipvs_mode_read})
