{# Projects whose environment module skips its validation when a variable is set (t3-env's skipValidation). #}
# The app validates its environment when its config loads ({{ c.env_skip }} skips it, the app's own switch): the
# build has no .env and no secrets; the container's environment is validated where the app runs.
ENV {{ c.env_skip }}=1
