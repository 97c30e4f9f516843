{# The build stage's first steps in a project with a package.json: every dependency (dev ones too), then the sources. #}
{% with command=c.install_command, extra='', amd64=c.linux_packages_amd64, arm64=c.linux_packages_arm64 %}{% include c.install_part ~ '.Dockerfile' %}{% endwith %}
COPY . .
