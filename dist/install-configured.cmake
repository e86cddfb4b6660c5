# Run by `cmake --install` (install(CODE) in dist/CMakeLists.txt): configures the
# files that name installed paths with the install-time CMAKE_INSTALL_PREFIX and
# installs them. A relative directory is under the prefix, as install() puts it.
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

# A directory of this install's own: installs of one build tree may run at the
# same time (dist_verify, install_consumer, the .deb), each with its own prefix.
string(RANDOM LENGTH 12 tag)
set(out "${IPVS_DIST_BINARY_DIR}/installed-${tag}")
configure_file("${IPVS_DIST_SOURCE_DIR}/ipvsadm-service.in" "${out}/ipvsadm-service" @ONLY)
configure_file("${IPVS_DIST_SOURCE_DIR}/ipvsadm.service.in" "${out}/ipvsadm.service" @ONLY)
configure_file("${IPVS_DIST_SOURCE_DIR}/ipvsadm.init.in" "${out}/ipvsadm" @ONLY)

set(exec_perms OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(INSTALL "${out}/ipvsadm-service" DESTINATION "${IPVS_LIBEXEC}/ipvsadm"
     FILE_PERMISSIONS ${exec_perms})
file(INSTALL "${out}/ipvsadm" DESTINATION "${IPVS_SYSCONF}/init.d" FILE_PERMISSIONS ${exec_perms})
file(INSTALL "${out}/ipvsadm.service" DESTINATION "${IPVS_UNIT}")
file(REMOVE_RECURSE "${out}")
