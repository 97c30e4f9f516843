{# A UDP server (udp_port): documented for `docker run -p PORT:PORT/udp`; verify checks TCP ports only. #}
EXPOSE {{ c.udp_port }}/udp
