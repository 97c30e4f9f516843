{# Projects installed once the sources are here: the project itself, or requirements that name it (project_run). #}
RUN {{ (c.project_mounts.split() + [c.project_run.split(' + ') | join(' \\\n    && ')]) | join(' \\\n    ') | replace(' +> ', ' > ') }}
