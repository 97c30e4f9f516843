{# Projects with dev dependencies to install for the test and dev stages (test_run). #}
RUN {{ (c.test_mounts.split() + [c.test_run.split(' + ') | join(' \\\n    && ')]) | join(' \\\n    ') | replace(' +> ', ' > ') }}{% for r in c.test_args.split() %} "{{ r }}"{% endfor %}

