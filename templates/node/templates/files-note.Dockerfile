{# Every Node server or CLI: what the files copied next are (files_comment), after the dependencies. #}
# {{ c.files_comment }}
