# Finds Verbatim's system dependencies and gives each a stable imported
# target (verbatim_dep::*).  Used by the build and by the installed CMake
# package, so consumers of the static library get the same link line.
include_guard(GLOBAL)
find_package(PkgConfig REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(VB_ICU REQUIRED IMPORTED_TARGET GLOBAL icu-uc icu-i18n)
pkg_check_modules(VB_PCRE2 REQUIRED IMPORTED_TARGET GLOBAL libpcre2-8)
pkg_check_modules(VB_CJSON REQUIRED IMPORTED_TARGET GLOBAL libcjson)
# libstemmer ships no pkg-config file.
find_path(VB_STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(VB_STEMMER_LIBRARY NAMES stemmer REQUIRED)
# Nor does libcld2 (language detection, engine/detect_cld2.cc).  It is C++:
# a consumer of the static library links the C++ runtime too.
find_path(VB_CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(VB_CLD2_LIBRARY NAMES cld2 REQUIRED)

foreach(dep IN ITEMS icu pcre2 cjson stemmer cld2)
  if(NOT TARGET verbatim_dep::${dep})
    add_library(verbatim_dep::${dep} INTERFACE IMPORTED GLOBAL)
  endif()
endforeach()
set_target_properties(verbatim_dep::icu PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::VB_ICU)
set_target_properties(verbatim_dep::pcre2 PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::VB_PCRE2)
set_target_properties(verbatim_dep::cjson PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::VB_CJSON)
set_target_properties(verbatim_dep::stemmer PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${VB_STEMMER_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${VB_STEMMER_LIBRARY}")
set_target_properties(verbatim_dep::cld2 PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${VB_CLD2_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${VB_CLD2_LIBRARY};stdc++")
