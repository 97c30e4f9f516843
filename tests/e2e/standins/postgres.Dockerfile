# tag: postgres:17-bookworm
# tag: postgres:17
# Stand-in for the official postgres image, from Debian bookworm's own PostgreSQL (15: the stand-in answers
# under the upstream tag, the server is bookworm's release). Laid out like upstream: data in
# PGDATA=/var/lib/postgresql/data, port 5432 on every address, and on the first start the entrypoint creates
# POSTGRES_USER (default postgres) with the password from POSTGRES_PASSWORD or the file POSTGRES_PASSWORD_FILE
# names (a compose secret), and the database POSTGRES_DB (default: the user's name); pg_isready is on PATH.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
    && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
    && chmod 700 /var/lib/postgresql/data
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY --chmod=755 postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
