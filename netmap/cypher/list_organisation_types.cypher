// The distinct organisation types, so the caller can pick those that mark a constituency.
MATCH (o:Organisation)
RETURN DISTINCT o.type AS type
