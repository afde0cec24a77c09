# Profile-guided optimization (VB_PGO, on in the release preset).
#
# GCC lays out and inlines the hot loops (reading, segmenting, the word
# cache, matching) by where time is really spent when it has a profile:
# about 9% fewer instructions on the plain and the default lexicon
# (bench/RESULTS.md, session 26).  The profile comes from the build
# itself, so nothing is checked in and it never goes stale:
#   1. pgo-train/: the same sources, built with -fprofile-generate
#      (an ExternalProject; only the tool);
#   2. cmake/pgo-train.cmake runs that tool on the bundled sample corpus
#      with the shipped lexicon and a plain word list, writing pgo-data/;
#   3. this build compiles with -fprofile-use, and every object depends on
#      the training's stamp, so a source change retrains and recompiles.
# A profile changes only how the code is laid out, never what it computes:
# the outputs are the same bytes as without it.
# -fprofile-prefix-path strips each build directory from the object paths,
# so the profile of pgo-train/CMakeFiles/x.c.o is found by CMakeFiles/x.c.o.

option(VB_PGO "Optimize with a profile of the tool on the sample corpus" OFF)
set(VB_PGO_GENERATE "" CACHE PATH
    "Build instrumented, writing profiles here (set by VB_PGO's training build)")

add_library(vb_pgo_flags INTERFACE)
if(VB_PGO_GENERATE)
  target_compile_options(vb_pgo_flags INTERFACE
    -fprofile-generate=${VB_PGO_GENERATE} -fprofile-update=atomic
    -fprofile-prefix-path=${CMAKE_BINARY_DIR})
  target_link_options(vb_pgo_flags INTERFACE -fprofile-generate)
elseif(VB_PGO)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "VB_PGO needs GCC (-fprofile-prefix-path)")
  endif()
  include(ExternalProject)
  cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
  set(pgo_dir "${CMAKE_BINARY_DIR}/pgo-train")
  set(pgo_data "${CMAKE_BINARY_DIR}/pgo-data")
  set(pgo_tool "${pgo_dir}/verbatim")
  set(pgo_stamp "${pgo_data}/trained.stamp")
  ExternalProject_Add(vb_pgo_instrumented
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${pgo_dir}"
    CMAKE_ARGS -DCMAKE_BUILD_TYPE=Release -DVB_BUILD_TESTS=OFF
               -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=${CMAKE_INTERPROCEDURAL_OPTIMIZATION}
               -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
               -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
               -DVB_PGO=OFF -DVB_PGO_GENERATE=${pgo_data}
    # its own make, with this machine's cores (not the parent's jobserver)
    BUILD_COMMAND ${CMAKE_COMMAND} -E env --unset=MAKEFLAGS
                  ${CMAKE_COMMAND} --build . --target verbatim_cli
                  --parallel ${cores}
    BUILD_ALWAYS ON
    # its configure and build output go to files, shown when they fail
    LOG_CONFIGURE ON LOG_BUILD ON LOG_OUTPUT_ON_FAILURE ON
    BUILD_BYPRODUCTS "${pgo_tool}"
    INSTALL_COMMAND "")
  add_custom_command(
    OUTPUT "${pgo_stamp}"
    COMMAND ${CMAKE_COMMAND} -DTOOL=${pgo_tool} -DDATA=${pgo_data}
            -DSOURCE=${PROJECT_SOURCE_DIR} -DSTAMP=${pgo_stamp}
            -P ${PROJECT_SOURCE_DIR}/cmake/pgo-train.cmake
    DEPENDS "${pgo_tool}" vb_pgo_instrumented
            ${PROJECT_SOURCE_DIR}/cmake/pgo-train.cmake
            ${PROJECT_SOURCE_DIR}/corpora/sample.csv
    COMMENT "Training the profile for VB_PGO on corpora/sample.csv")
  add_custom_target(vb_pgo_profile DEPENDS "${pgo_stamp}")
  target_compile_options(vb_pgo_flags INTERFACE
    -fprofile-use=${pgo_data} -fprofile-prefix-path=${CMAKE_BINARY_DIR}
    -fprofile-partial-training -Wno-missing-profile)
  # With a profile, GCC expands the memcpy calls whose sizes it saw as
  # small (a comment, a row, the word ids) into `rep movs` on x86-64: 90
  # places in the tool.  `rep movs` starts slowly on copies of a few dozen
  # to a few hundred bytes, which is what they are; libc's memcpy is
  # faster there.  Measured in turns on 1M rows: plain report -j 1 -4.7%,
  # tag -f csv -1% to -3% in two runs (bench/RESULTS.md, session 32).
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|i[3-6]86)$")
    target_compile_options(vb_pgo_flags INTERFACE
      $<$<COMPILE_LANGUAGE:C>:-mstringop-strategy=libcall>)
  endif()
endif()

# Applies the profile flags to a target whose objects it shapes, and
# makes them wait for (and be rebuilt after) the training.
function(vb_pgo_target tgt)
  target_link_libraries(${tgt} PRIVATE vb_pgo_flags)
  if(VB_PGO AND NOT VB_PGO_GENERATE)
    add_dependencies(${tgt} vb_pgo_profile)
    get_target_property(sources ${tgt} SOURCES)
    set_source_files_properties(${sources} TARGET_DIRECTORY ${tgt}
      PROPERTIES OBJECT_DEPENDS "${CMAKE_BINARY_DIR}/pgo-data/trained.stamp")
  endif()
endfunction()
