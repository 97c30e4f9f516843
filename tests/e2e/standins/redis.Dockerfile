# tag: redis:7-bookworm
# tag: redis:7
# Stand-in for the official redis image, from Debian bookworm's redis-server (7.0). Like upstream it runs
# as user redis with no config file: every address on port 6379, protected mode off (the network is the
# boundary), data in /data; redis-cli is on PATH for healthchecks.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server redis-tools \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown redis:redis /data
VOLUME /data
WORKDIR /data
USER redis
EXPOSE 6379
CMD ["redis-server", "--protected-mode", "no", "--dir", "/data"]
