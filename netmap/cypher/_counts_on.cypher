// A fragment, not a query: whether relationship {rel} counts on $as_of (YYYY-MM-DD), as
// netmap.graph.edge_dates and as_of decide it: it has begun (no since, or since on or before the date) and not ended
// (no until, or until on or after it). A since/until written as YYYY or YYYY-MM is compared at that precision;
// the dates are the relationship's own, else the input's extra columns of that name (x_since, x_until: a
// seat's dates). Put in a condition by `INCLUDE _counts_on rel` at the end of a line.
((coalesce({rel}.since, properties({rel}).x_since, '') = ''
  OR substring($as_of, 0, size(coalesce({rel}.since, properties({rel}).x_since)))
     >= coalesce({rel}.since, properties({rel}).x_since))
 AND (coalesce({rel}.until, properties({rel}).x_until, '') = ''
  OR substring($as_of, 0, size(coalesce({rel}.until, properties({rel}).x_until)))
     <= coalesce({rel}.until, properties({rel}).x_until)))
