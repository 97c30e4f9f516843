{# Apps started (or given their arguments) by a CMD: servers, Procfile commands (start.py). #}
CMD {{ c.start_cmd }}
