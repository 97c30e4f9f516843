{# Every Go final stage: its binary (the includer sets entrypoint). #}
ENTRYPOINT {{ [entrypoint] | tojson }}
