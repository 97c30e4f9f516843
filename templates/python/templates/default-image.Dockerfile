{# uv workspaces with a stage per server (bake_apps): `docker build .` still builds the runtime stage. #}

# The default image (docker build .): the runtime stage above.
FROM runtime
