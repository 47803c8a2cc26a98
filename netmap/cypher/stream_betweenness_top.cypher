// The $n actors of $name with the highest exact betweenness (raw scores, ties by id), as stream_betweenness.cypher.
CALL gds.betweenness.stream($name, {})
YIELD nodeId, score
WITH gds.util.asNode(nodeId).id AS id, score AS value WHERE value > 0
RETURN id, value ORDER BY value DESC, id LIMIT $n
