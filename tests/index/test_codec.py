"""The build's codec writes what Whoosh's own codec writes: same postings, same statistics
for ranking, and segments that Whoosh reads without Chronique's codec."""

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from index.codec import BuildCodec
from index.reindex import to_document
from index.schema import build_schema
from index.sources import Archive, Problem

DEMO = Path(__file__).resolve().parents[2] / "demo"


def built(folder, codec):
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = ix.writer(codec=codec) if codec else ix.writer()
    for item in Archive([str(DEMO)]):
        if not isinstance(item, Problem):
            writer.add_document(**to_document(item))
    writer.commit()
    return ix


def contents(ix):
    reader = ix.reader()
    terms = []
    for field, text in reader.all_terms():
        info = reader.term_info(field, text)
        postings = reader.postings(field, text)
        found = []
        while postings.is_active():
            found.append((postings.id(), postings.weight(), postings.value(),
                          postings.block_min_length(), postings.block_max_length(),
                          postings.block_max_weight()))
            postings.next()
        terms.append((field, text, info.weight(), info.doc_frequency(), info.min_length(),
                      info.max_length(), info.max_weight(), found))
    lengths = [[reader.doc_field_length(number, field) for field in ("title", "content", "names")]
               for number in range(reader.doc_count_all())]
    return terms, lengths


def test_the_build_codec_writes_the_postings_and_lengths_whoosh_writes(tmp_path):
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "build").mkdir()
    plain = contents(built(tmp_path / "whoosh", None))
    ours = contents(built(tmp_path / "build", BuildCodec()))
    assert len(plain[0]) > 1000
    assert ours == plain


def test_segments_written_by_the_build_codec_name_whoosh_s_own(tmp_path):
    built(tmp_path, BuildCodec())
    segment = whoosh_index.open_dir(str(tmp_path)).reader().segment()
    assert type(segment.codec()) is W3Codec
