{# Servers whose config-file flag has no default (config_args): the main binary gets the project's config file. #}
# The config flag has no default (run without it the app prints its usage and exits): the project's file.
CMD {{ c.cmd_args }}
