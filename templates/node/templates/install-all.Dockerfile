{# The build stage's first steps in a project with a package.json: every dependency (dev ones too), then the sources. #}
{% with command=c.install_command %}{% include c.install_part ~ '.Dockerfile' %}{% endwith %}
COPY . .
