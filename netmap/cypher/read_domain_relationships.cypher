// Every relationship netmap loaded that counts on $as_of (memberships, seats and ties by their dates), but
// the home organisations (read with the actors), for the domain graph (netmap.neo4j.domain), in one row per
// type and tie kind, as columns of small numbers: the sources (by their first relationship's load number)
// and each source's targets (in load order), every load number sent as its difference from the one before
// it in the same list (a few bits instead of a number up to the map's size); `counts`: each source's number
// of targets; `bodies`: a representation's body ids, in the targets' order.
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r._load IS NOT NULL AND type(r) <> 'HOME_ORGANISATION'
  AND (NOT type(r) IN ['MEMBER_OF', 'REPRESENTS', 'TIE']
       OR INCLUDE _counts_on r
      )
WITH a, b, r ORDER BY r.ord
WITH type(r) AS type, r.kind AS kind, a, min(r.ord) AS first,
     collect([b.ord, CASE WHEN type(r) = 'REPRESENTS' THEN coalesce(r.body_id, '') END]) AS targets
WITH type, kind, a, first, targets ORDER BY first
UNWIND range(0, size(targets) - 1) AS i
WITH type, kind, collect(CASE WHEN i = 0 THEN a.ord END) AS sources, collect(CASE WHEN i = 0 THEN size(targets) END) AS counts,
     collect(targets[i][0]) AS targets, collect(targets[i][1]) AS bodies
RETURN type, kind, counts, bodies,
       [i IN range(0, size(sources) - 1) | sources[i] - CASE WHEN i = 0 THEN 0 ELSE sources[i - 1] END] AS sources,
       [i IN range(0, size(targets) - 1) | targets[i] - CASE WHEN i = 0 THEN 0 ELSE targets[i - 1] END] AS targets
