{# Apps that do not handle SIGTERM as PID 1 (init): tini from its stage (tini-stage) starts them. #}
COPY --from=tini /usr/bin/tini /usr/bin/tini
