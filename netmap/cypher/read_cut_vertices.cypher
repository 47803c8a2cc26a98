// The articulation points of the core $core of the connectivity view $name, each with its id, load number
// and number of distinct neighbours, the articulation points among its neighbours and the fragments
// ($fragments) the others lie in: the contracted graph netmap.analysis.cuts builds the blocks from.
CALL gds.graph.nodeProperty.stream($name, 'cut') YIELD nodeId, propertyValue
WHERE propertyValue = 1 AND gds.util.nodeProperty($name, nodeId, 'component') = $core
CALL gds.bfs.stream($name, {sourceNode: nodeId, maxDepth: 1}) YIELD nodeIds
WITH nodeId, [x IN nodeIds WHERE x <> nodeId] AS around
WITH nodeId, [x IN around WHERE gds.util.nodeProperty($name, x, 'cut') = 1] AS cuts,
     [x IN around WHERE gds.util.nodeProperty($name, x, 'cut') = 0] AS others
WITH gds.util.asNode(nodeId) AS n, nodeId, [x IN cuts | gds.util.asNode(x).id] AS cuts,
     COLLECT { UNWIND others AS x RETURN DISTINCT gds.util.nodeProperty($fragments, x, 'fragment') } AS fragments
RETURN n.id AS id, n.ord AS ord, toInteger(gds.util.nodeProperty($name, nodeId, 'degree')) AS degree,
       cuts, fragments
