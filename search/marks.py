"""What a snippet marks: the index terms, name spelling keys and phrases a query was searched as."""

from dataclasses import dataclass, field


@dataclass
class Marks:
    """What to highlight: index terms, name spelling keys and phrases (tuples of terms)."""

    terms: set = field(default_factory=set)
    name_keys: set = field(default_factory=set)
    phrases: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.terms or self.name_keys or self.phrases)
