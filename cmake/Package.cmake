# The Debian package (docs/packaging.md §1): `cpack -G DEB` in a build tree,
# normally through scripts/package.sh. Contents come from cmake/Install.cmake.
set(AMTSCOPE_DEB_REVISION 1)
set(DEB_VERSION ${PROJECT_VERSION}-${AMTSCOPE_DEB_REVISION})
set(AMTSCOPE_MAINTAINER
    "amtscope maintainers <maintainers@users.noreply.r-seed-201ef0ac.example>")

# changelog.Debian.gz (dated by the commit, so rebuilds are identical), the
# upstream CHANGELOG.md as changelog.gz, the copyright file and the
# lintian overrides.
set(deb_dir ${CMAKE_BINARY_DIR}/debian)
execute_process(COMMAND date -u -R -d "${AMTSCOPE_COMMIT_DATE} 12:00"
  OUTPUT_VARIABLE DEB_DATE OUTPUT_STRIP_TRAILING_WHITESPACE)
configure_file(deploy/debian/changelog.in ${deb_dir}/changelog.Debian @ONLY)
add_custom_command(OUTPUT ${deb_dir}/changelog.Debian.gz ${deb_dir}/changelog.gz
  COMMAND gzip -9n -c ${deb_dir}/changelog.Debian > ${deb_dir}/changelog.Debian.gz
  COMMAND gzip -9n -c ${CMAKE_SOURCE_DIR}/CHANGELOG.md > ${deb_dir}/changelog.gz
  DEPENDS ${deb_dir}/changelog.Debian ${CMAKE_SOURCE_DIR}/CHANGELOG.md)
add_custom_target(amtscope_deb_docs ALL
  DEPENDS ${deb_dir}/changelog.Debian.gz ${deb_dir}/changelog.gz)
install(FILES ${deb_dir}/changelog.Debian.gz ${deb_dir}/changelog.gz
        deploy/debian/copyright DESTINATION ${AMTSCOPE_DOCDIR})
install(FILES deploy/debian/lintian-overrides
        DESTINATION share/lintian/overrides RENAME amtscope)

# CPack's strip keeps .comment (compiler versions): drop it as dh_strip does.
install(CODE "execute_process(COMMAND objcopy --remove-section=.comment
  \$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/amtscope)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME amtscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${AMTSCOPE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${AMTSCOPE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${AMTSCOPE_DEB_REVISION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # amtscope_0.1.0-1_amd64.deb
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/amtscope/amtscope")
# Depends from the libraries the binary links (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "logrotate")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, nmap")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_SOURCE_DIR}/deploy/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Intel AMT/ME exposure scanner, local checker and honeypot")
# The extended description (CPack puts the summary above it).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"amtscope finds Intel Active Management Technology web servers on the
networks you give it and decides CVE-2017-5689 (INTEL-SA-00075) for each,
checks the local machine's ME firmware against Intel's advisories, looks
up vendor fixes, keeps an inventory of scans (SQLite or PostgreSQL), and
emulates AMT devices as a honeypot (amtscope-honeypot.service).")
include(CPack)
