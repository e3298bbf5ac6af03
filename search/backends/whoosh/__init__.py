"""The embedded Whoosh backend: query building, postings scoring, per-version columns."""
