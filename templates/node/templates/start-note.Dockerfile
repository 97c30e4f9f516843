{# Apps whose start needs a word: bun as the runtime, distroless without a node command, a command-line app (start_comment). #}
# {{ c.start_comment.split(' | ') | join('\n# ') }}
