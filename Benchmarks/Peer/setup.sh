#!/usr/bin/env bash
# Prepares the peer (Kinto) benchmark: Debian's PostgreSQL 15 and a Python
# venv with kinto[postgresql] and kinto-http. Idempotent; quiet unless
# something fails; prints one line on success.
#
#   LANTIAN_BENCH_VENV   venv location (default /tmp/lantian-bench-venv)
#   KINTO_VERSION        pip requirement for kinto      (default ==26.5.0)
#   KINTO_HTTP_VERSION   pip requirement for kinto-http (default ==11.11.0)
set -euo pipefail

VENV="${LANTIAN_BENCH_VENV:-/tmp/lantian-bench-venv}"
KINTO_REQ="kinto[postgresql]${KINTO_VERSION-==26.5.0}"
KINTO_HTTP_REQ="kinto-http${KINTO_HTTP_VERSION-==11.11.0}"
PG_BIN=/usr/lib/postgresql/15/bin

log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() { # run quietly; on failure show what it said
  if ! "$@" >"$log" 2>&1; then
    echo "setup.sh: failed: $*" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: needs root (apt-get, and the benchmark runs PostgreSQL via runuser)" >&2
  exit 1
fi

# --- Debian packages -------------------------------------------------------
# postgresql-15: server binaries (initdb, pg_ctl) and the `postgres` user.
# util-linux gives runuser; python3-venv is only needed if the python used
# below lacks the venv module (pyenv builds have it).
missing=()
for pkg in postgresql-15 postgresql-client-15 util-linux; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  run apt-get update
  run apt-get install -y --no-install-recommends "${missing[@]}"
fi
for tool in initdb pg_ctl postgres createdb; do
  [ -x "$PG_BIN/$tool" ] || { echo "setup.sh: $PG_BIN/$tool missing after install" >&2; exit 1; }
done
id postgres >/dev/null 2>&1 || { echo "setup.sh: no postgres OS user" >&2; exit 1; }
# The benchmark starts its own clusters under /tmp; the packaged cluster
# (if any) is left alone and not needed.

# --- Python venv -------------------------------------------------------------
PY="${PYTHON:-$(command -v python3)}"
if [ ! -x "$VENV/bin/python" ]; then
  run "$PY" -m venv "$VENV"
  run "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
# psycopg2-binary (a wheel) comes with kinto's postgresql extra, so no
# libpq-dev / compiler is needed.
if ! "$VENV/bin/python" - "$KINTO_REQ" "$KINTO_HTTP_REQ" >/dev/null 2>&1 <<'EOF'
import sys
from importlib.metadata import version
from packaging.requirements import Requirement
for req in sys.argv[1:]:
    r = Requirement(req)
    assert r.specifier.contains(version(r.name), prereleases=True), req
import kinto, kinto_http, psycopg2, sqlalchemy, zope.sqlalchemy, waitress
EOF
then
  run "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "$KINTO_REQ" "$KINTO_HTTP_REQ"
fi

# --- Check that it works -----------------------------------------------------
run "$VENV/bin/kinto" version
versions=$("$VENV/bin/python" - 2>"$log" <<'EOF'
from importlib.metadata import version
import kinto, kinto_http, psycopg2, sqlalchemy, waitress  # noqa: F401
import kinto.core.storage.postgresql, kinto.core.cache.postgresql, kinto.core.permission.postgresql  # noqa: F401
print(f"kinto {version('kinto')}, kinto-http {version('kinto-http')}, "
      f"waitress {version('waitress')}, psycopg2 {psycopg2.__version__.split()[0]}")
EOF
) || { echo "setup.sh: venv check failed" >&2; cat "$log" >&2; exit 1; }
pgver=$("$PG_BIN/postgres" --version | awk '{print $3}')
echo "$versions, PostgreSQL $pgver ready (venv $VENV)"
