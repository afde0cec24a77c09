# Writes INPUT as a C array named SYMBOL (plus SYMBOL_len) to OUTPUT.
# INPUT may name several files separated by '|': they are concatenated.
string(REPLACE "|" ";" inputs "${INPUT}")
set(hex "")
foreach(input IN LISTS inputs)
  file(READ "${input}" part HEX)
  string(APPEND hex "${part}")
endforeach()
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "/* Generated from ${INPUT} by cmake/embed.cmake. */\n#include <stddef.h>\nextern const unsigned char ${SYMBOL}[];\nextern const size_t ${SYMBOL}_len;\nconst unsigned char ${SYMBOL}[] = {\n${bytes}0};\nconst size_t ${SYMBOL}_len = ${len};\n")
