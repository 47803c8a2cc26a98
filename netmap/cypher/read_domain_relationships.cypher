// Every relationship netmap loaded that counts on $as_of (memberships, seats and ties by their dates), for the
// domain graph (netmap.neo4j.domain): grouped by type and tie kind, each group's [source ord, target ord]
// pairs (a representation's with its body id) in load order.
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r._load IS NOT NULL
  AND (NOT type(r) IN ['MEMBER_OF', 'REPRESENTS', 'TIE']
       OR ((coalesce(r.since, properties(r).x_since, '') = '' OR substring($as_of, 0, size(coalesce(r.since, properties(r).x_since))) >= coalesce(r.since, properties(r).x_since))
           AND (coalesce(r.until, properties(r).x_until, '') = '' OR substring($as_of, 0, size(coalesce(r.until, properties(r).x_until))) <= coalesce(r.until, properties(r).x_until))))
WITH a, b, r ORDER BY r.ord
RETURN type(r) AS type, r.kind AS kind,
       collect(CASE WHEN type(r) = 'REPRESENTS' THEN [a.ord, b.ord, r.body_id] ELSE [a.ord, b.ord] END) AS pairs
