#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster and makes the test role and database; prints the URL on stdout.
# Used by .ci/run and by `npm test` so the PostgreSQL runs of the storage tests have a real server.
set -euo pipefail
command -v pg_ctlcluster >/dev/null || { echo "pg_ctlcluster not found: install the Debian package postgresql" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "starting PostgreSQL needs root (it runs the cluster as the postgres user)" >&2; exit 1; }
version=$(ls /etc/postgresql | sort -n | tail -n 1)
pg_ctlcluster "$version" main start >/dev/null 2>&1 || [ $? = 2 ] # 2: already running (it says so on stdout, which must carry only the URL)
for _ in $(seq 1 50); do runuser -u postgres -- pg_isready -q && break; sleep 0.2; done
psql_as_postgres() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "$1"; }
[ "$(psql_as_postgres "select 1 from pg_roles where rolname='securus'")" = 1 ] ||
  psql_as_postgres "create role securus login password 'securus' createdb"
[ "$(psql_as_postgres "select 1 from pg_database where datname='securus_test'")" = 1 ] ||
  psql_as_postgres "create database securus_test owner securus"
echo "postgres://securus:securus@127.0.0.1:5432/securus_test"
