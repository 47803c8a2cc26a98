// Project the structure view into the GDS catalog as $name: every actor, and one undirected
// relationship per pair of actors joined by any relation netmap loaded that counts on $as_of
// (self-loops and parallel relations merged, as netmap.graph.simple_graph on the dated graph). The rows go
// in load order, so that GDS numbers the nodes alike in every database holding the same map (Louvain at
// concurrency 1 then finds the same communities whatever the store's own node ids).
MATCH (a:Actor)
OPTIONAL MATCH (a)-[r]-(b:Actor)
WHERE a.ord < b.ord AND r._load IS NOT NULL
  AND INCLUDE _counts_on r
WITH DISTINCT a, b
ORDER BY a.ord, b.ord
WITH gds.graph.project($name, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
