// Every actor with its kind and properties, to rebuild the networkx graph from the database.
MATCH (n:Actor)
RETURN n.id AS id,
       CASE WHEN n:Organisation THEN 'organisation' WHEN n:Network THEN 'network' ELSE 'person' END AS kind,
       properties(n) AS props
ORDER BY n.ord
