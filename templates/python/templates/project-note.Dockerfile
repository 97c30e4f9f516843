{# Projects whose install after the sources needs a word (project_comment, from layout.py). #}
# {{ c.project_comment.split(' | ') | join('\n# ') }}
