{# Node servers started as `node <file>` with a port (drain): the preload from the tini stage. #}
COPY --from=tini /stop.cjs /usr/local/lib/node-stop.cjs
