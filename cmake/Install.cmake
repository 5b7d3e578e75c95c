# What `cmake --install` and the Debian package (cmake/Package.cmake) put
# where (docs/packaging.md §1). Paths under /etc are absolute: the package
# installs with prefix /usr and dpkg treats them as conffiles.
set(AMTSCOPE_DOCDIR share/doc/amtscope)
install(DIRECTORY ${AMTSCOPE_GENERATED}/share/man/ DESTINATION share/man)
install(FILES ${AMTSCOPE_GENERATED}/completions/amtscope
        DESTINATION share/bash-completion/completions)
install(FILES ${AMTSCOPE_GENERATED}/completions/_amtscope
        DESTINATION share/zsh/vendor-completions)
install(FILES
  deploy/systemd/amtscope-honeypot.service
  deploy/systemd/amtscope-scan@.service
  deploy/systemd/amtscope-scan@.timer
  DESTINATION lib/systemd/system)
install(FILES ${AMTSCOPE_GENERATED}/amtscope.conf
        deploy/examples/honeypot.json
        DESTINATION /etc/amtscope)
install(FILES deploy/logrotate/amtscope DESTINATION /etc/logrotate.d)
install(FILES ${AMTSCOPE_GENERATED}/amtscope.conf
        deploy/examples/honeypot.json
        deploy/examples/scan-site.conf
        examples/fleet.json
        DESTINATION ${AMTSCOPE_DOCDIR}/examples)
install(FILES README.md SECURITY.md data/README.md
        DESTINATION ${AMTSCOPE_DOCDIR})
