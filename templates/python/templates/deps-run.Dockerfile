{# Every project with dependencies to install from its manifests alone (deps_run), after their note. #}
RUN {{ (c.deps_mounts.split() + [c.deps_run.split(' + ') | join(' \\\n    && ')]) | join(' \\\n    ') | replace(' +> ', ' > ') }}{% for r in c.deps_args.split() %} "{{ r }}"{% endfor %}

