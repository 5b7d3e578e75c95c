# amtscope_embed(target FILE SYMBOL [FILE SYMBOL ...])
# Turns data files into `extern const char SYMBOL[]` / `SYMBOL_size` in
# namespace amtscope::embedded, so the binary carries its default data.
function(amtscope_embed target)
  set(args ${ARGN})
  set(outputs "")
  while(args)
    list(POP_FRONT args file symbol)
    set(out ${CMAKE_BINARY_DIR}/embedded/${symbol}.cc)
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
              -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFile.cmake
      DEPENDS ${file} ${CMAKE_SOURCE_DIR}/cmake/EmbedFile.cmake
      COMMENT "Embedding ${file}")
    list(APPEND outputs ${out})
  endwhile()
  add_library(${target} STATIC ${outputs})
endfunction()
