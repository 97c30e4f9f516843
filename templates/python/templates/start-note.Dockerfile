{# Apps whose start needs a word of explanation (start_comment, from providers/python/start.py). #}
# {{ c.start_comment.split(' | ') | join('\n# ') }}
