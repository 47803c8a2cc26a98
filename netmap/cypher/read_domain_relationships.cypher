// Every relationship netmap loaded that counts on $as_of (memberships, seats and ties by their dates), but
// the home organisations (read with the actors), for the domain graph (netmap.neo4j.domain): grouped by type
// and tie kind, and in each group by source: one list [source ord, target ord, target ord ...] per source
// (a representation's targets as [target ord, body id]), the sources by their first relationship's load
// number, each source's targets in load order.
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r._load IS NOT NULL AND type(r) <> 'HOME_ORGANISATION'
  AND (NOT type(r) IN ['MEMBER_OF', 'REPRESENTS', 'TIE']
       OR ((coalesce(r.since, properties(r).x_since, '') = '' OR substring($as_of, 0, size(coalesce(r.since, properties(r).x_since))) >= coalesce(r.since, properties(r).x_since))
           AND (coalesce(r.until, properties(r).x_until, '') = '' OR substring($as_of, 0, size(coalesce(r.until, properties(r).x_until))) <= coalesce(r.until, properties(r).x_until))))
WITH a, b, r ORDER BY r.ord
WITH type(r) AS type, r.kind AS kind, a, min(r.ord) AS first,
     collect(CASE WHEN type(r) = 'REPRESENTS' THEN [b.ord, r.body_id] ELSE b.ord END) AS targets
WITH type, kind, a, first, targets ORDER BY first
RETURN type, kind, collect([a.ord] + targets) AS groups
