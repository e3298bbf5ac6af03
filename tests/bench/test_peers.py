"""The quality benchmark's peers: one that cannot run on this machine says what to install."""

from bench import peers, search_quality


def test_lucene_missing_is_named_with_the_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(peers, "LUCENE_JARS", str(tmp_path / "lucene-{}-8*.jar"))
    monkeypatch.setattr(search_quality, "PEERS", (peers.Lucene,))
    started, missing = search_quality.start_peers("corpus.jsonl", tmp_path)
    assert started == []
    assert missing == [f"**{peers.Lucene.name} not run**: Lucene is not installed (no "
                       f"{tmp_path}/lucene-core-8*.jar): apt-get install -y liblucene8-java"]
