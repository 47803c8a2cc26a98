// The actors' ids of the components $components of the connectivity view $name, in load order (the
// components apart from the core: separate groups and isolated actors).
CALL gds.graph.nodeProperty.stream($name, 'component') YIELD nodeId, propertyValue
WITH propertyValue AS component, nodeId WHERE component IN $components
WITH component, gds.util.asNode(nodeId) AS n ORDER BY n.ord
RETURN component, collect(n.id) AS ids
