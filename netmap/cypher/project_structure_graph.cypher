// Project the structure view into the GDS catalog as $name: every actor, and one undirected
// relationship per pair of actors joined by any relation netmap loaded that counts on $as_of
// (self-loops and parallel relations merged, as netmap.graph.simple_graph on the dated graph).
MATCH (a:Actor)
OPTIONAL MATCH (a)-[r]-(b:Actor)
WHERE elementId(a) < elementId(b) AND r._load IS NOT NULL
  AND (coalesce(r.since, '') = '' OR substring($as_of, 0, size(r.since)) >= r.since)
  AND (coalesce(r.until, '') = '' OR substring($as_of, 0, size(r.until)) <= r.until)
WITH DISTINCT a, b
WITH gds.graph.project($name, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
