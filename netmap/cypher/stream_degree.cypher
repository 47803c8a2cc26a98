// Degree (distinct neighbours) of every actor in the projected graph $name; only the non-zero ones.
CALL gds.degree.stream($name) YIELD nodeId, score
WITH nodeId, score WHERE score > 0
RETURN gds.util.asNode(nodeId).id AS id, toInteger(score) AS value
