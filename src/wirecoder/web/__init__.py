"""The dashboard: server-rendered pages (``pages``), their charts (``charts``) and the evidence
highlighting (``highlight``); Jinja2 templates in ``templates/``, static files in ``static/``.

Every string that comes from an article reaches the browser through a Jinja2 template with
autoescaping on; no Python code here builds HTML or SVG markup from text.
"""
