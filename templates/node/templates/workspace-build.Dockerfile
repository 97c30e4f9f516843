{# One workspace package the app imports (`m`, from workspace_builds), built in its own folder. #}
WORKDIR /app/{{ m }}
RUN {{ c.yarnrc_mount }}{{ c.run_command }} build
