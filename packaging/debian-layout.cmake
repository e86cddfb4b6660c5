# The .deb's build configuration, declared once: an initial cache for `cmake -C`
# (scripts/package; tests/dist/verify's install-deb-paths check configures with it too).
# FORCE: a reused build tree gets these values even if its cache holds others.
#   Debian's paths: /sbin as Debian's ipvsadm ships them, /etc, the unit under /lib.
set(CMAKE_INSTALL_PREFIX "/usr" CACHE PATH "" FORCE)
set(CMAKE_INSTALL_SBINDIR "/sbin" CACHE PATH "" FORCE)
set(CMAKE_INSTALL_SYSCONFDIR "/etc" CACHE PATH "" FORCE)
set(IPVS_SYSTEMD_UNITDIR "/lib/systemd/system" CACHE STRING "" FORCE)
#   libnl and libstdc++ as shared libraries, as Debian links libnl: their security
#   updates then reach ipvsadm (and a static LGPL libnl would bring relinking duties).
set(IPVS_STATIC_RUNTIME OFF CACHE BOOL "" FORCE)
#   Nothing but what is packaged.
set(IPVS_BUILD_TESTS OFF CACHE BOOL "" FORCE)
