// Per component of the connectivity view $name (after mutate_connectivity.cypher): its size, the load
// number of its first actor, and how many of KBL's bodies it holds ($anchor_ids, or when null the networks
// of type 'body', as netmap.analysis.common.anchors).
CALL gds.graph.nodeProperty.stream($name, 'component') YIELD nodeId, propertyValue
WITH propertyValue AS component, gds.util.asNode(nodeId) AS n
RETURN component, count(*) AS size, min(n.ord) AS first,
       sum(CASE WHEN CASE WHEN $anchor_ids IS NULL THEN n:Network AND coalesce(n.type, '') = 'body'
                          ELSE n.id IN $anchor_ids END THEN 1 ELSE 0 END) AS anchors
