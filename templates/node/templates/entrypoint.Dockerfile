{# Every Node server or CLI: tini, then the app's runtime (start_entrypoint), after its EXPOSE and note. #}
ENTRYPOINT {{ c.start_entrypoint }}
