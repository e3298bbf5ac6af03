"""Chronique's web front end: the search page, the article page and the JSON API."""

import os

from flask import Flask

from . import settings


def create_app(config=None):
    """The Flask application; ``config`` overrides every other source of settings."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.defaults())
    config_file = os.environ.get(settings.CONFIG_FILE_ENV)
    if config_file:
        app.config.from_pyfile(os.path.abspath(config_file))  # named explicitly, so it must exist
    else:
        app.config.from_pyfile(settings.INSTANCE_CONFIG_FILE, silent=True)
    app.config.from_mapping(settings.from_environment())
    app.config.from_mapping(config or {})
    settings.check(app.config)

    app.json.ensure_ascii = False  # « Pékin », not "P\u00e9kin"
    app.json.sort_keys = False  # fields in the documented order
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from . import (api, chart, errors, french, health, hosts, links, pages, research, security,
                   versions)

    app.register_blueprint(pages.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(health.blueprint)
    errors.register(app)
    security.register(app)
    french.register(app)
    links.register(app)
    versions.register(app)
    chart.register(app)
    research.register(app)
    hosts.register(app)
    return app
