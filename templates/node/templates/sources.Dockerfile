{# The build stage's sources, for a project without package.json (nothing to install). #}
COPY . .
