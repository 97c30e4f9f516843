{# Projects installed once the sources are here: the project itself, or requirements that name it (project_run). #}
{{ run(c.project_mounts, c.project_run) -}}
