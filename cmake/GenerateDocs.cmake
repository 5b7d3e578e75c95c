# Runs the built binary to generate, from its option tables, the man pages
# (OUT/man/manN/*.N and gzipped OUT/share/man/manN/*.N.gz), the bash and
# zsh completions (OUT/completions/) and the example config
# (OUT/amtscope.conf). Called by the amtscope_docs target with
# -DAMTSCOPE=<binary> -DOUT=<dir>.
file(REMOVE_RECURSE ${OUT}/man ${OUT}/share ${OUT}/completions)
file(MAKE_DIRECTORY ${OUT}/completions)
# No config file may change what the generators print.
set(ENV{AMTSCOPE_SYSCONFDIR} ${OUT}/no-sysconf)
set(ENV{XDG_CONFIG_HOME} ${OUT}/no-config)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generating docs failed (${rc}): ${ARGN}")
  endif()
endfunction()
run(${AMTSCOPE} --help-man-all ${OUT}/man)
run(${AMTSCOPE} --completion bash OUTPUT_FILE ${OUT}/completions/amtscope)
run(${AMTSCOPE} --completion zsh OUTPUT_FILE ${OUT}/completions/_amtscope)
run(${AMTSCOPE} --example-config OUTPUT_FILE ${OUT}/amtscope.conf)
# Debian policy 12.3: man pages gzip -9n (no name or time stamp inside).
file(GLOB pages ${OUT}/man/man*/*)
foreach(page ${pages})
  get_filename_component(name ${page} NAME)
  get_filename_component(dir ${page} DIRECTORY)
  get_filename_component(section ${dir} NAME)
  file(MAKE_DIRECTORY ${OUT}/share/man/${section})
  run(gzip -9n -c ${page} OUTPUT_FILE ${OUT}/share/man/${section}/${name}.gz)
endforeach()
file(TOUCH ${OUT}/stamp)
