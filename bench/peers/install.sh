#!/bin/sh
# Installs what the benchmark peers need, from Debian's packages (Debian 12):
#   postgresql-15 (initdb, pg_ctl, psql), sqlite3 (with FTS5), python3, and
#   for the Python reference (python_ref.py) python3-icu (PyICU),
#   python3-snowballstemmer and python3-stemmer (PyStemmer: the C stemmer
#   that snowballstemmer then uses).
# Only the missing packages are installed.  Run as root.
#
#   bench/peers/install.sh
set -eu

packages="postgresql-15 sqlite3 python3 python3-icu python3-snowballstemmer python3-stemmer"

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  if [ "$status" = "install ok installed" ]; then
    echo "install.sh: $p is installed"
  else
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install.sh: nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: missing:$missing; run me as root to install them" >&2
  exit 1
fi

echo "install.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# The postgresql-15 package also creates (and starts, where services run) a
# default cluster; the peer scripts do not use it: they start their own.
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $missing
echo "install.sh: installed:$missing"
