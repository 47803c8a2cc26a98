// Betweenness of every actor in $name: exact when $k is null, else from $k sampled sources
// (seed $seed); raw scores, scaled in Python. Only the non-zero ones.
CALL gds.betweenness.stream($name, CASE WHEN $k IS NULL THEN {} ELSE {samplingSize: $k, samplingSeed: $seed} END)
YIELD nodeId, score
WITH nodeId, score WHERE score > 0
RETURN gds.util.asNode(nodeId).id AS id, score AS value
