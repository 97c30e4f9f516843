{# Apps started by an ENTRYPOINT: a script, a module, a file, or tini in front of the command (start.py). #}
ENTRYPOINT {{ c.start_entrypoint }}
