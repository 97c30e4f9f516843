{# Apps that listen on a port (port). #}
EXPOSE {{ c.port }}
