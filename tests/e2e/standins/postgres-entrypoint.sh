#!/bin/sh
# The postgres stand-in's entrypoint: what upstream's docker-entrypoint.sh does for the variables compose
# files use (POSTGRES_USER, POSTGRES_DB, POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE), then the server.
set -eu
if [ "${1:-}" != postgres ]; then
    exec "$@"
fi
shift
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    password="$(cat "$POSTGRES_PASSWORD_FILE")"
else
    password="${POSTGRES_PASSWORD:-}"
fi
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
as_postgres() {
    setpriv --reuid=postgres --regid=postgres --init-groups "$@"
}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "$password" ]; then
        echo "postgres: set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (as the official image requires)" >&2
        exit 1
    fi
    pwfile="$(mktemp)"
    printf '%s' "$password" > "$pwfile"
    chown postgres "$pwfile"
    as_postgres initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    if [ "$db" != postgres ]; then
        echo "CREATE DATABASE \"$db\" OWNER \"$user\";" | as_postgres postgres --single -D "$PGDATA" -j postgres >/dev/null
    fi
    echo "postgres: initialized $PGDATA (user $user, database $db)"
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" \
    -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
