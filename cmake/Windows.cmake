# The Windows configuration (CMakePresets.json preset "windows",
# docs/windows.md): amtscope.exe with check, advisories and lookup, cross-built
# with mingw-w64 and linked statically. Same folders and layering as Linux
# (src/LAYERS), minus the Linux-only parts: scan, emu, report, inventory and
# fleetreport (raw sockets, OpenSSL TLS, SQLite/libpq) are not built, nor net/
# beyond the HTTP response parser; in every folder *_linux.cc / linux_*.cc files are left
# out and *_windows.cc / windows_*.cc files are taken.
set(AMTSCOPE_WINDOWS_FOLDERS core advisory amt net local testing cli)
# Per folder: the sources Windows leaves out (beyond *_linux.cc), as a regex.
set(AMTSCOPE_WINDOWS_SKIP_net "/(address_range|digest|permutation|port_list|rate_limiter|siphash|target_[a-z_]+|tcp_segment|tls_client|tls_key_decode|tls_server)\\.cc$")
set(AMTSCOPE_WINDOWS_SKIP_cli "/(demo_command|emulate_command|scan_command|inventory_[a-z_]+|nmap_args|report_[a-z_]+|scan_[a-z_]+|terminal)\\.cc$")
set(AMTSCOPE_WINDOWS_SKIP_testing "/(hostile_server)\\.cc$")

# Header-only third-party code from the Debian -dev packages (fmt in its
# header-only mode); the host's /usr/include itself must not be on the path
# (glibc headers), so only these directories are linked in.
set(host_headers ${CMAKE_BINARY_DIR}/host-include)
file(MAKE_DIRECTORY ${host_headers})
foreach(dir fmt nlohmann CLI)
  if(NOT EXISTS ${host_headers}/${dir})
    file(CREATE_LINK /usr/include/${dir} ${host_headers}/${dir} SYMBOLIC)
  endif()
endforeach()

add_compile_options(-Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(AMTSCOPE_WERROR)
  # g++ 12 false positives inside libstdc++ (as in CMakeLists.txt).
  add_compile_options(-Werror -Wno-error=array-bounds -Wno-error=stringop-overflow
                      -Wno-error=restrict -Wno-error=stringop-overread)
endif()
# Windows 10 APIs; UTF-8 console text is written as bytes like on Linux.
add_compile_definitions(_WIN32_WINNT=0x0A00 WINVER=0x0A00 WIN32_LEAN_AND_MEAN
  NOMINMAX FMT_HEADER_ONLY AMTSCOPE_VERSION="${PROJECT_VERSION}")

include(cmake/Embed.cmake)
amtscope_embed(amtscope_data
  ${CMAKE_SOURCE_DIR}/data/advisories.json kAdvisoriesJson
  ${CMAKE_SOURCE_DIR}/data/vendors.json kVendorsJson)

file(STRINGS src/LAYERS AMTSCOPE_LAYER_LINES REGEX "^[a-z]+:")
set(AMTSCOPE_FOLDERS)
foreach(line ${AMTSCOPE_LAYER_LINES})
  string(REGEX MATCH "^[a-z]+" folder "${line}")
  if(NOT folder IN_LIST AMTSCOPE_WINDOWS_FOLDERS)
    continue()
  endif()
  string(REGEX REPLACE "^[a-z]+:[ ]*" "" deps "${line}")
  separate_arguments(deps)
  set(built_deps)
  foreach(d ${deps})
    if(d IN_LIST AMTSCOPE_FOLDERS)
      list(APPEND built_deps amtscope_${d})
    endif()
  endforeach()
  file(GLOB sources CONFIGURE_DEPENDS src/${folder}/*.cc)
  list(FILTER sources EXCLUDE REGEX "_test\\.cc$|_testutil\\.cc$|/main\\.cc$")
  list(FILTER sources EXCLUDE REGEX "_linux\\.cc$|/linux_[^/]*\\.cc$")
  if(DEFINED AMTSCOPE_WINDOWS_SKIP_${folder})
    list(FILTER sources EXCLUDE REGEX "${AMTSCOPE_WINDOWS_SKIP_${folder}}")
  endif()
  if(NOT sources)
    continue()
  endif()
  list(APPEND AMTSCOPE_FOLDERS ${folder})
  add_library(amtscope_${folder} STATIC ${sources})
  target_link_libraries(amtscope_${folder} PUBLIC ${built_deps})
endforeach()

set(AMTSCOPE_COMMIT unknown)
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short HEAD
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    OUTPUT_VARIABLE git_commit RESULT_VARIABLE git_result
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(git_result EQUAL 0 AND git_commit)
    set(AMTSCOPE_COMMIT ${git_commit})
  endif()
endif()
set_property(SOURCE ${CMAKE_SOURCE_DIR}/src/cli/version.cc APPEND PROPERTY
  COMPILE_DEFINITIONS AMTSCOPE_COMMIT="${AMTSCOPE_COMMIT}"
  AMTSCOPE_BUILD_TYPE="${CMAKE_BUILD_TYPE}")

target_include_directories(amtscope_core PUBLIC ${CMAKE_SOURCE_DIR}/src)
target_include_directories(amtscope_core SYSTEM PUBLIC ${host_headers})
target_link_libraries(amtscope_advisory PUBLIC amtscope_data)
# SetupAPI finds the MEI device; advapi32 holds the Service Control Manager
# and the token query; ws2_32 the loopback web probe (docs/windows.md).
target_link_libraries(amtscope_local PUBLIC setupapi advapi32 ws2_32)

# One precompiled header (fmt is header-only here, so it is the bulk of
# every object), reused by every folder, as on Linux.
target_precompile_headers(amtscope_core PRIVATE
  <string> <vector> <optional> <nlohmann/json.hpp> <fmt/format.h>)
foreach(folder ${AMTSCOPE_FOLDERS})
  if(NOT folder STREQUAL "core")
    target_precompile_headers(amtscope_${folder} REUSE_FROM amtscope_core)
  endif()
endforeach()

add_library(amtscope_lib INTERFACE)
target_link_libraries(amtscope_lib INTERFACE amtscope_cli)
add_executable(amtscope src/cli/main.cc)
target_link_libraries(amtscope PRIVATE amtscope_lib)

# Unit tests as one amtscope_win_tests.exe, run under wine
# (tests/windows_wine_test.sh): the tests of the portable parts plus the
# Windows wrappers against their fakes. GoogleTest is built from the sources
# of Debian's googletest package with the same cross compiler.
if(AMTSCOPE_TESTS AND EXISTS /usr/src/googletest/CMakeLists.txt)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(gtest_disable_pthreads OFF CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest ${CMAKE_BINARY_DIR}/googletest
                   EXCLUDE_FROM_ALL SYSTEM)
  set(win_tests)
  foreach(pattern ${AMTSCOPE_WINDOWS_TESTS})
    file(GLOB found CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${pattern})
    list(APPEND win_tests ${found})
  endforeach()
  add_executable(amtscope_win_tests ${win_tests})
  target_link_libraries(amtscope_win_tests PRIVATE amtscope_lib amtscope_testing
                        GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(amtscope_win_tests PRIVATE
    AMTSCOPE_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  target_precompile_headers(amtscope_win_tests REUSE_FROM amtscope_core)
endif()
