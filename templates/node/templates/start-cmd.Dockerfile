{# Servers: the app's arguments after the ENTRYPOINT's `tini -- node` (start_cmd). #}
CMD {{ c.start_cmd }}
