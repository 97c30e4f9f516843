{# The main binary's final stages of an app with a port (port): the default image's, and its bake target's. #}
# An app that reads PORT listens on the port the image documents; `docker run -e PORT=…` moves it.
ENV PORT={{ c.port }}
EXPOSE {{ c.port }}
