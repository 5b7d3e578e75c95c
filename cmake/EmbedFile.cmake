# Writes OUT as a C++ file holding the bytes of IN as SYMBOL (NUL-terminated).
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUT}
  "#include <cstddef>\nnamespace amtscope::embedded {\n"
  "extern const char ${SYMBOL}[];\nextern const std::size_t ${SYMBOL}_size;\n"
  "const char ${SYMBOL}[] = {${bytes}'\\0'};\n"
  "const std::size_t ${SYMBOL}_size = sizeof(${SYMBOL}) - 1;\n}\n")
