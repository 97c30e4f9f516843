{# CLIs whose server is a subcommand (serve_command, cobra's `serve`): the main binary runs it by default. #}
# The binary is a CLI whose server is its `{{ c.serve_command }}` subcommand (with no arguments it prints its help
# and exits); `docker run IMAGE <command>` runs another.
CMD {{ c.cmd_args }}
