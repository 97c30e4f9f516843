{# One workspace package the app imports (build_parts lists workspace-build=FOLDER per package), built in its folder. #}
WORKDIR /app/{{ part.partition('=')[2] }}
RUN {{ c.yarnrc_mount }}{{ c.run_command }} build
