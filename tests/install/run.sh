#!/bin/sh
# Installs the build into a scratch prefix and builds a consumer against it
# three ways: CMake package (shared, static) and pkg-config.  Also checks
# that the tool, its manual page, the header and the default lexicon were
# installed.
# Usage: run.sh BUILD_DIR SCRATCH_DIR
set -eu
build=$1
scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch"
prefix="$scratch/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/verbatim include/verbatim.h share/verbatim/lexicons/default.json \
    share/man/man1/verbatim.1; do
  [ -f "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
libdir=$(ls -d "$prefix"/lib*/ | head -1)
ls "$libdir"libverbatim.a "$libdir"libverbatim.so >/dev/null
"$prefix/bin/verbatim" --version

cmake -S "$here" -B "$scratch/consumer" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$scratch/consumer" >/dev/null
LD_LIBRARY_PATH="$libdir" "$scratch/consumer/hello_shared"
"$scratch/consumer/hello_static"

PKG_CONFIG_PATH="$libdir/pkgconfig" \
  cc -o "$scratch/hello_pc" "$here/hello.c" \
  $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs verbatim)
LD_LIBRARY_PATH="$libdir" "$scratch/hello_pc"
echo "install.package: 3 consumers built and ran"
