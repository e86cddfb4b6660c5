# Sourced by check-debs and check-scripts: the paths of Debian's ipvsadm package that
# ours does not ship, being documents of Debian's own source and build: upstream
# 1.31's README and SCHEDULERS (GPL text; ipvsadm(8) is our manual), NEWS.Debian.gz
# (Debian's notice of its autosave removal) and changelog.Debian.amd64.gz (the binNMU
# changelog that only +bN rebuilds have). Every other path of it must be in ours.

# debian_own PATH: true if PATH is one of those.
debian_own() {
  case $1 in
    /.|/usr/share/doc/ipvsadm/README|/usr/share/doc/ipvsadm/SCHEDULERS) return 0 ;;
    /usr/share/doc/ipvsadm/NEWS.Debian.gz|/usr/share/doc/ipvsadm/changelog.Debian.*.gz) return 0 ;;
  esac
  return 1
}
