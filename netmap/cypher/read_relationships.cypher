// Every relationship netmap loaded, in load order.
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r._load IS NOT NULL
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
ORDER BY r.ord
