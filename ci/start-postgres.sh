#!/usr/bin/env bash
# Starts a real PostgreSQL for the controller's clustered tests (Quartz's clustered JDBC job
# store), idempotently, on a Debian machine without systemd (as CI's): installs Debian's
# postgresql when it is missing, makes and starts a cluster, and a role and database 'xm'
# (password 'xm') on 127.0.0.1:5432. The tests read XM_TEST_POSTGRES (default:
# jdbc:postgresql://127.0.0.1:5432/xm?user=xm&password=xm). When it cannot (not root, no
# apt-get, no archive), it says so in one line and exits 0: those tests then report themselves as
# skipped, never as passed.
set -uo pipefail
say() { echo "ci/start-postgres.sh: $*"; }
ready() { PGPASSWORD=xm psql -h 127.0.0.1 -U xm -d xm -tAc 'SELECT 1' >/dev/null 2>&1; }
if ready; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  say "PostgreSQL is not reachable as xm@127.0.0.1/xm and this is not root; the clustered controller tests will not run"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_ctlcluster >/dev/null; then
  if ! command -v apt-get >/dev/null; then
    say "no apt-get here; the clustered controller tests will not run (install postgresql)"
    exit 0
  fi
  if ! { apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1; }; }; then
    say "apt-get could not install postgresql; the clustered controller tests will not run"
    exit 0
  fi
fi
cluster=$(pg_lsclusters -h 2>/dev/null | head -1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main >/dev/null 2>&1 || { say "pg_createcluster failed"; exit 0; }
  cluster=$(pg_lsclusters -h | head -1)
fi
version=$(echo "$cluster" | awk '{print $1}')
name=$(echo "$cluster" | awk '{print $2}')
if ! echo "$cluster" | grep -q online; then
  pg_ctlcluster "$version" "$name" start >/dev/null 2>&1 || { say "PostgreSQL $version/$name did not start"; exit 0; }
fi
as_pg() { su postgres -s /bin/sh -c "psql -qtAc \"$1\"" 2>/dev/null; }
for _ in $(seq 1 50); do as_pg 'SELECT 1' >/dev/null && break; sleep 0.2; done
[ "$(as_pg "SELECT 1 FROM pg_roles WHERE rolname='xm'")" = 1 ] || as_pg "CREATE ROLE xm LOGIN PASSWORD 'xm'" >/dev/null
[ "$(as_pg "SELECT 1 FROM pg_database WHERE datname='xm'")" = 1 ] || as_pg "CREATE DATABASE xm OWNER xm" >/dev/null
if ready; then
  say "PostgreSQL $version is up: jdbc:postgresql://127.0.0.1:5432/xm?user=xm&password=xm"
else
  say "PostgreSQL $version runs, but xm@127.0.0.1/xm does not answer; the clustered controller tests will not run"
fi
exit 0
