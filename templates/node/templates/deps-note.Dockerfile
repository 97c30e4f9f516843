{# Apps whose node_modules come from somewhere that needs saying: a workspace root, or the build stage's (deps_comment). #}
# {{ c.deps_comment.split(' | ') | join('\n# ') }}
