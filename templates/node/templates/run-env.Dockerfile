{# Every Node server or CLI: the final image's environment (run_env: NODE_ENV, PORT, the host variables). #}
ENV {{ c.run_env }}
