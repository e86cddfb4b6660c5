# IPVS_ZSH_COMPLETIONDIR_DEFAULT: where _ipvsadm goes when IPVS_ZSH_COMPLETIONDIR
# is empty (its default), a directory on zsh's default $fpath under
# CMAKE_INSTALL_PREFIX. Debian's zsh searches /usr/share/zsh/vendor-completions
# (the packages' place) but under /usr/local only /usr/local/share/zsh/site-functions:
# vendor-completions for the prefix /usr (the .deb), site-functions for any other.
# Included by CMakeLists.txt and by tests/zsh_completiondir_test.cmake.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(IPVS_ZSH_COMPLETIONDIR_DEFAULT "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
else()
  set(IPVS_ZSH_COMPLETIONDIR_DEFAULT "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
endif()
