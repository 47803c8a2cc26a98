// Every actor, in load order, for the domain graph (netmap.neo4j.domain). In full, as one list
// [ord, id, kind, name, type, levels, perspectives, region, private, scope, themes, role]: every network and
// organisation, every person with a membership or seat or who is represented (active on $as_of), and the
// actors in $extra (ids). Any other person in short: [ord, id, levels].
MATCH (n:Actor)
WITH n, NOT n:Person OR n.id IN $extra
   OR EXISTS { MATCH (n)-[r:MEMBER_OF|REPRESENTS]->() WHERE
        (coalesce(r.since, properties(r).x_since, '') = '' OR substring($as_of, 0, size(coalesce(r.since, properties(r).x_since))) >= coalesce(r.since, properties(r).x_since))
        AND (coalesce(r.until, properties(r).x_until, '') = '' OR substring($as_of, 0, size(coalesce(r.until, properties(r).x_until))) <= coalesce(r.until, properties(r).x_until)) }
   OR EXISTS { MATCH ()-[r:REPRESENTS]->(n) WHERE
        (coalesce(r.since, properties(r).x_since, '') = '' OR substring($as_of, 0, size(coalesce(r.since, properties(r).x_since))) >= coalesce(r.since, properties(r).x_since))
        AND (coalesce(r.until, properties(r).x_until, '') = '' OR substring($as_of, 0, size(coalesce(r.until, properties(r).x_until))) <= coalesce(r.until, properties(r).x_until)) }
   AS full
RETURN CASE WHEN full
         THEN [n.ord, n.id, CASE WHEN n:Organisation THEN 'organisation' WHEN n:Network THEN 'network' ELSE 'person' END,
               n.name, n.type, n.levels, n.perspectives, n.region, n.private, n.scope, n.themes, n.role]
         ELSE [n.ord, n.id, n.levels] END AS row
ORDER BY n.ord
