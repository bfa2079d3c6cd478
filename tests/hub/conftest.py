"""Every hub test gets an empty model cache of its own."""

import pytest


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    home = tmp_path / "mdgan_home"
    monkeypatch.setenv("MDGAN_HOME", str(home))
    return home
