"""The codec the builds write with: Whoosh's own format, written with less work.

Whoosh's field writer asks the segment's length column for the length of each posting's
document: one lookup through the column reader per posting, about a tenth of a build. Here
each field's lengths are decoded once, when the segment is flushed, into a list. What is
written is byte for byte Whoosh's ``W3Codec`` format, and segments record that codec, so
readers never need this module.
"""

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3Segment


class _DecodedLengths:
    """A per-document reader's field lengths, each field decoded once into a list."""

    def __init__(self, lengths):
        self._lengths = lengths
        self._fields = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        column = self._fields.get(fieldname)
        if column is None:
            length = self._lengths.doc_field_length
            column = [length(number, fieldname, default)
                      for number in range(self._lengths.doc_count_all())]
            self._fields[fieldname] = column
        return column[docnum]


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, None if lengths is None else _DecodedLengths(lengths), items)


class BuildCodec(W3Codec):
    """``W3Codec`` whose field writer reads the segment's field lengths once per field."""

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def new_segment(self, storage, indexname):
        # The segment names Whoosh's codec: it is what reads these files back.
        return W3Segment(W3Codec(self._blocklimit, self._compression, self._inlinelimit),
                         indexname)
