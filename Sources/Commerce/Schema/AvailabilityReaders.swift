/// Schema version 6, part one: how far each process following the availability change log has read,
/// so the log can be pruned of what every live reader consumed. A reader writes its row only when
/// its position moved and at most every few seconds; one not seen for a while counts as gone.
let availabilityReaders = #"""
CREATE TABLE availability_readers (
    reader  TEXT PRIMARY KEY,
    seq     INTEGER NOT NULL,
    seen_at INTEGER NOT NULL
);

"""#
