// The $n actors of $name with the most distinct neighbours (ties by id), as stream_degree.cypher.
CALL gds.degree.stream($name) YIELD nodeId, score
WITH gds.util.asNode(nodeId).id AS id, toInteger(score) AS value WHERE value > 0
RETURN id, value ORDER BY value DESC, id LIMIT $n
