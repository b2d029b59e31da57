"""Site profiles: loading, platform merge, validation errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressarchive.profiles import (
    ProfileError,
    generic_profile,
    load_all,
    load_profile,
    load_profile_file,
)


def test_dongthap_uses_liferay_platform_defaults() -> None:
    profile = load_profile("dongthap")
    assert profile.platform == "liferay"
    assert profile.base_url == "https://dongthap.gov.vn"
    assert len(profile.sections) >= 2
    # Inherited from platforms/liferay.toml, not written in dongthap.toml.
    assert any("asset-abstract" in r for r in profile.discovery["article_links"])
    assert "data-analytics-asset-title" in profile.fields["title"][0]
    assert profile.politeness["download_delay"] == 2.0


def test_every_bundled_profile_loads() -> None:
    names = [p.name for p in load_all()]
    assert "dongthap" in names


def test_rebase_moves_host_and_domains() -> None:
    profile = load_profile("dongthap").rebased("http://127.0.0.1:8123/")
    assert profile.base_url == "http://127.0.0.1:8123"
    assert profile.allowed_domains == ["127.0.0.1"]
    assert profile.section_urls()[0][1] == "http://127.0.0.1:8123/tin-tuc/chinh-tri"


def test_unknown_profile_is_key_error() -> None:
    with pytest.raises(KeyError):
        load_profile("no-such-portal")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
name = "thu"
title = "Cổng thử"
platform = "liferay"
base_url = "https://thu.gov.vn"
sections = [{ name = "Tin tức", path = "/tin-tuc" }]
"""


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (GOOD + 'colour = "blue"\n', "colour"),
        (GOOD.replace('title = "Cổng thử"\n', ""), "title"),
        (GOOD.replace('base_url = "https://thu.gov.vn"', 'base_url = "thu.gov.vn"'), "base_url"),
        (GOOD + "[politeness]\ndownload_delay = \"slow\"\n", "politeness.download_delay"),
        (GOOD + "[fields]\nheadline = [\"h1\"]\n", "fields.headline"),
        (GOOD.replace('path = "/tin-tuc"', 'paht = "/tin-tuc"'), "sections[0].paht"),
        (GOOD.replace('"liferay"', '"joomla"'), "platform"),
        (GOOD + "[discovery]\narticle_url_pattern = \"(\"\n", "discovery.article_url_pattern"),
        (GOOD.replace('name = "thu"', 'name = "khac"'), "name"),
    ],
)
def test_malformed_profile_names_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    path = _write(tmp_path, "thu", text)
    with pytest.raises(ProfileError) as err:
        load_profile_file(path)
    assert str(path) in str(err.value)
    assert f"'{key}'" in str(err.value)


def test_bad_toml_names_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "thu", "name = \n")
    with pytest.raises(ProfileError, match="thu.toml: not valid TOML"):
        load_profile_file(path)


def test_generic_profile_from_url() -> None:
    profile = generic_profile("https://www.example.gov.vn/tin-tuc")
    assert profile.name == "example.gov.vn"
    assert profile.section_urls()[0][1] == "https://www.example.gov.vn/tin-tuc"
    assert profile.matches_url("https://www.example.gov.vn/-/bai-viet")


def test_own_profiles_folder_and_cli_errors(tmp_path: Path) -> None:
    from conftest import run_cli

    mine = tmp_path / "sites"
    mine.mkdir()
    _write(mine, "thu", GOOD)
    env = {"PRESSARCHIVE_SITES": str(mine)}
    listed = run_cli("sites", env=env)
    assert listed.returncode == 0
    assert "thu" in listed.stdout and "dongthap" in listed.stdout and "liferay" in listed.stdout

    _write(mine, "hong", GOOD.replace('name = "thu"', 'name = "hong"') + "[fields]\nx = []\n")
    broken = run_cli("crawl", "hong", "--db", str(tmp_path / "a.db"), env=env)
    assert broken.returncode == 2
    assert "hong.toml" in broken.stderr and "'fields.x'" in broken.stderr
    assert run_cli("sites", env=env).returncode == 2
