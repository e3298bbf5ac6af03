"""The problems a reindex met, counted by reason with their first few locations.

An archive may hold a million broken lines: keeping one record per problem would let memory
grow with the damage, so only a count and the first locations of each reason are kept.
"""

#: Problems kept in full for each reason; the rest are only counted.
KEPT_PER_REASON = 20


def reason_kind(reason):
    """The reason without the details that vary from line to line (quoted values).

    >>> reason_kind("date 'demain' is not an ISO 8601 or French date")
    'date'
    >>> reason_kind("damaged compressed file (CRC check failed)")
    'damaged compressed file'
    """
    return reason.split(" (")[0].split(" '")[0]


class ProblemLog:
    """A list-like record of problems whose memory does not grow with their number.

    ``len()`` counts every problem; iteration and indexing see the ones kept, grouped by reason
    in the order reasons first appeared.
    """

    def __init__(self, kept_per_reason=KEPT_PER_REASON):
        self.kept_per_reason = kept_per_reason
        self.count = 0
        #: reason kind → [how many, the first problems]
        self.by_reason = {}

    def append(self, problem):
        self.count += 1
        group = self.by_reason.setdefault(reason_kind(problem.reason), [0, []])
        group[0] += 1
        if len(group[1]) < self.kept_per_reason:
            group[1].append(problem)

    def __len__(self):
        return self.count

    def __iter__(self):
        for _, kept in self.by_reason.values():
            yield from kept

    def groups(self):
        """(reason, how many, first problems) for each reason."""
        return [(reason, count, kept) for reason, (count, kept) in self.by_reason.items()]
