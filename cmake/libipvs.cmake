# libipvs: src/libipvs (Client, plan, model helpers; never prints) and
# src/netlink (the wire: codec, uapi constants, libnl-genl transport),
# compiled once (position-independent) and linked twice:
#   ipvs::ipvs         libipvs.so.0 (SONAME), libnl linked dynamically
#   ipvs::ipvs_static  libipvs.a; its users link libnl (see below)
# Public headers are include/ipvs/ only. src/ is a private include path with
# no folder called ipvs, so no private header reads as "ipvs/...".
# Included from the top CMakeLists.txt (its scope: IPVS_USE_STATIC_RUNTIME is
# read there for ipvsadm).

file(GLOB IPVS_LIB_SRC CONFIGURE_DEPENDS src/libipvs/*.cpp src/netlink/*.cpp)
add_library(ipvs_objects OBJECT ${IPVS_LIB_SRC})
set_target_properties(ipvs_objects PROPERTIES POSITION_INDEPENDENT_CODE ON)
# -fPIC alone lets any exported function be interposed, so GCC stops inlining the
# library's own calls: -Ln at 5000x4 took 19% more instructions (callgrind over
# listing_profile: 190.1M against 159.4M before the library was PIC). Without
# interposition the count is back to 159.4M, for libipvs.so and ipvsadm alike.
target_compile_options(ipvs_objects PRIVATE -fno-semantic-interposition)
target_include_directories(ipvs_objects PRIVATE include src)
target_link_libraries(ipvs_objects PRIVATE PkgConfig::IPVS_LIBNL)

add_library(ipvs SHARED $<TARGET_OBJECTS:ipvs_objects>)
add_library(ipvs_static STATIC $<TARGET_OBJECTS:ipvs_objects>)
foreach(lib IN ITEMS ipvs ipvs_static)
  add_library(ipvs::${lib} ALIAS ${lib})
  set_target_properties(${lib} PROPERTIES OUTPUT_NAME ipvs EXPORT_NAME ${lib})
  target_include_directories(${lib} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(${lib} PUBLIC cxx_std_20)
endforeach()
# SOVERSION: bump it with every ABI break (the .deb's package name follows it).
set_target_properties(ipvs PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION 0)
target_link_libraries(ipvs PRIVATE PkgConfig::IPVS_LIBNL)

# ipvs_static's users link libnl. Installed: libnl's shared libraries through
# pkg-config (ipvsConfig.cmake finds them). In this build tree, for ipvsadm
# (IPVS_STATIC_RUNTIME): libnl's own archives, so that ipvsadm needs only libc.
find_library(LIBNL3_STATIC NAMES libnl-3.a)
find_library(LIBNL_GENL3_STATIC NAMES libnl-genl-3.a)
if(IPVS_STATIC_RUNTIME AND NOT IPVS_SANITIZE AND NOT IPVS_FUZZ AND LIBNL3_STATIC AND LIBNL_GENL3_STATIC)
  set(IPVS_USE_STATIC_RUNTIME ON)
  set(ipvs_build_libnl ${LIBNL_GENL3_STATIC} ${LIBNL3_STATIC} pthread m)
else()
  set(IPVS_USE_STATIC_RUNTIME OFF)
  set(ipvs_build_libnl PkgConfig::IPVS_LIBNL)
endif()
target_link_libraries(ipvs_static PRIVATE
  "$<BUILD_INTERFACE:${ipvs_build_libnl}>" "$<INSTALL_INTERFACE:PkgConfig::IPVS_LIBNL>")

# Installed (COMPONENTs as the .deb packages: libipvs = the runtime library,
# libipvs-dev = everything a program is built with).
set(IPVS_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/ipvs)
install(TARGETS ipvs ipvs_static EXPORT ipvsTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT libipvs
                NAMELINK_COMPONENT libipvs-dev
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT libipvs-dev)
install(DIRECTORY include/ipvs DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT libipvs-dev FILES_MATCHING PATTERN "*.hpp")
install(EXPORT ipvsTargets NAMESPACE ipvs:: DESTINATION ${IPVS_CMAKEDIR}
        COMPONENT libipvs-dev)

include(CMakePackageConfigHelpers)
configure_package_config_file(cmake/ipvsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ipvsConfig.cmake INSTALL_DESTINATION ${IPVS_CMAKEDIR})
# 0.x: a minor release may change the API (semver), so 0.1 accepts 0.1.z only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ipvsConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ipvsConfig.cmake ${PROJECT_BINARY_DIR}/ipvsConfigVersion.cmake
        DESTINATION ${IPVS_CMAKEDIR} COMPONENT libipvs-dev)

# ipvs.pc finds its prefix from its own place (${pcfiledir}), so a moved
# install tree, --prefix and DESTDIR all work; an absolute libdir or
# includedir (a distribution's override) is written as it is.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(IPVS_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH IPVS_PC_UP "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
  string(REGEX REPLACE "/$" "" IPVS_PC_UP "${IPVS_PC_UP}")
  set(IPVS_PC_PREFIX "\${pcfiledir}/${IPVS_PC_UP}")
endif()
foreach(dir IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(IPVS_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(IPVS_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(cmake/ipvs.pc.in ${PROJECT_BINARY_DIR}/ipvs.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ipvs.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT libipvs-dev)
