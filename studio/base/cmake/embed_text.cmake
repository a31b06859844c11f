# Turns a text asset into a C++ source file that defines `std::string_view FUNCTION()` in NAMESPACE,
# returning the asset's exact bytes. The asset is compiled into the library, so nothing is read from disk
# (or found missing) when the program runs.
#
#   cmake -DINPUT=FILE -DOUTPUT=FILE.cpp -DNAME=RELATIVE/PATH -DHEADER=decl.hpp -DNAMESPACE=a::b
#         -DFUNCTION=name -P embed_text.cmake
#
# NAME is the asset's path as the generated file's comment shows it (relative, so no machine's paths end up
# in a build log or a diff). HEADER declares FUNCTION; the generated file includes it so that the
# compiler checks the two agree.
foreach(var INPUT OUTPUT NAME HEADER NAMESPACE FUNCTION)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "embed_text.cmake: ${var} is not set")
    endif()
endforeach()

# HEX reads the bytes as they are: no newline conversion, no encoding, no CMake list splitting on ';'.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" digits)
if(digits EQUAL 0)
    # An empty asset would silently produce a page without its style; stop the build instead.
    message(FATAL_ERROR "embed_text.cmake: ${NAME} is empty")
endif()
math(EXPR size "${digits} / 2")

# The bytes as numbers rather than a string literal: no escaping can alter them, and no character in the
# asset (a quote, a backslash, ")", a NUL) can end the text early. 16 bytes to a line.
string(REPEAT "[0-9a-f]" 32 line)
string(REGEX REPLACE "(${line})" "\\1\n" bytes "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1, " bytes "${bytes}")
string(REPLACE ", \n" ",\n    " bytes "    ${bytes}")
string(STRIP "${bytes}" bytes)

set(text "// Generated at build time from ${NAME} (${size} bytes) by embed_text.cmake.
// Edit the asset, not this file.
#include \"${HEADER}\"

namespace ${NAMESPACE} {

namespace {

const unsigned char kBytes[${size}] = {
    ${bytes}
};

} // namespace

std::string_view ${FUNCTION}() {
    return {reinterpret_cast<const char*>(kBytes), sizeof kBytes};
}

} // namespace ${NAMESPACE}
")

# Leave an unchanged file alone so that its object is not rebuilt.
set(current "")
if(EXISTS "${OUTPUT}")
    file(READ "${OUTPUT}" current)
endif()
if(NOT current STREQUAL text)
    file(WRITE "${OUTPUT}" "${text}")
endif()
