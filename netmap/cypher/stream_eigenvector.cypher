// Eigenvector centrality of every actor in $name (at most $max_iter iterations, L2-normalised).
CALL gds.eigenvector.stream($name, {maxIterations: $max_iter, tolerance: $tol, scaler: 'L2Norm'})
YIELD nodeId, score
WITH nodeId, score WHERE score > 0
RETURN gds.util.asNode(nodeId).id AS id, score AS value
