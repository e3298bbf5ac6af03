"""Settings: declared once, read from defaults, the instance file, the environment, the caller."""

from pathlib import Path

import pytest

from web import create_app
from web.settings import SETTINGS, SettingError

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults(clean_environment):
    config = create_app().config
    for setting in SETTINGS:
        assert config[setting.name] == setting.default


def test_every_setting_has_help_and_a_default_of_its_kind():
    assert len({setting.name for setting in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.help.strip() and isinstance(setting.default, setting.kind)


def test_readme_documents_every_setting():
    readme = README.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in readme, setting.name


def test_sources_in_order_later_ones_win(clean_environment, monkeypatch, tmp_path):
    config_file = tmp_path / "chronique.py"
    config_file.write_text("PER_PAGE = 20\nFEED_ENTRIES = 7\nTHREADS = 3\n")
    monkeypatch.setenv("CHRONIQUE_CONFIG", str(config_file))
    monkeypatch.setenv("CHRONIQUE_FEED_ENTRIES", "9")
    monkeypatch.setenv("CHRONIQUE_THREADS", " 4 ")
    config = create_app({"THREADS": 5}).config
    assert config["PER_PAGE"] == 20  # file
    assert config["FEED_ENTRIES"] == 9  # environment over file
    assert config["THREADS"] == 5  # caller over environment
    assert config["SNIPPET_CHARS"] == 200  # default


def test_instance_config_file_is_optional(clean_environment, monkeypatch, tmp_path):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    assert create_app().config["PER_PAGE"] == 10
    (tmp_path / "config.py").write_text("PER_PAGE = 15\n")
    assert create_app().config["PER_PAGE"] == 15


def test_a_named_config_file_must_exist(clean_environment, monkeypatch, tmp_path):
    monkeypatch.setenv("CHRONIQUE_CONFIG", str(tmp_path / "missing.py"))
    with pytest.raises(OSError):
        create_app()


def test_index_comes_from_chronique_index_like_reindex(clean_environment, monkeypatch):
    monkeypatch.setenv("CHRONIQUE_INDEX", "/srv/index")
    assert create_app().config["INDEX"] == "/srv/index"


@pytest.mark.parametrize("name, value, says", [
    ("CHRONIQUE_PORT", "huit-mille", "CHRONIQUE_PORT must be a whole number"),
    ("CHRONIQUE_PER_PAGE", "500", "PER_PAGE must be between 1 and 100"),
    ("CHRONIQUE_THREADS", "0", "THREADS must be at least 1"),
    ("CHRONIQUE_RELATED_ARTICLES", "-1", "RELATED_ARTICLES must be 0 or more"),
])
def test_bad_values_are_refused_with_a_clear_message(clean_environment, monkeypatch, name, value, says):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError, match=says):
        create_app()


def test_snippet_settings_reach_the_engine(make_app):
    short = make_app(SNIPPET_CHARS=60, SNIPPET_FRAGMENTS=1).test_client()
    snippet = short.get("/api/search?q=truffes").get_json()["results"][0]["snippet_html"]
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) < 100
