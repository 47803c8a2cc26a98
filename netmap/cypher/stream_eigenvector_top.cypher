// The $n actors of $name with the highest eigenvector centrality (ties by id), as stream_eigenvector.cypher.
CALL gds.eigenvector.stream($name, {maxIterations: $max_iter, tolerance: $tol, scaler: 'L2Norm'})
YIELD nodeId, score
WITH gds.util.asNode(nodeId).id AS id, score AS value WHERE value > 0
RETURN id, value ORDER BY value DESC, id LIMIT $n
