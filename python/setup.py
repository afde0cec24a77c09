"""Builds the verbatim package's extension against libverbatim.

The extension sees only include/verbatim.h and links the static library
that CMake builds (build/release/libverbatim.a; `make python` builds it
first), so the installed package does not depend on the build folder
and keeps working after `make clean`.  VERBATIM_BUILD_DIR names another
CMake build folder.  libverbatim's own dependencies (ICU, PCRE2, cJSON,
zlib, Snowball, CLD2 and the C++ runtime CLD2 needs) are linked as shared
libraries, found with pkg-config.
"""
import os
import subprocess

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.environ.get("VERBATIM_BUILD_DIR", os.path.join(ROOT, "build", "release"))
STATIC = os.path.join(BUILD, "libverbatim.a")
if not os.path.exists(STATIC):
    raise SystemExit(
        f"verbatim: {STATIC} is missing; run `make release` (or `make python`, "
        "which does it) first, or set VERBATIM_BUILD_DIR"
    )


def pkg_libs():
    out = subprocess.run(
        ["pkg-config", "--libs", "icu-uc", "icu-i18n", "libpcre2-8", "libcjson", "zlib"],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    return out + ["-lstemmer", "-lcld2", "-lstdc++", "-lpthread", "-lm"]


setup(
    name="verbatim",
    version="0.1.0",
    description="NPS text analytics: themes and figures from survey comments (libverbatim)",
    packages=["verbatim"],
    python_requires=">=3.9",
    ext_modules=[
        Extension(
            "verbatim._verbatim",
            sources=["verbatim/_verbatim.c"],
            include_dirs=[os.path.join(ROOT, "include")],
            extra_compile_args=["-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra"],
            extra_objects=[STATIC],
            extra_link_args=pkg_libs(),
        )
    ],
)
