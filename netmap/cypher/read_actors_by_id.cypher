// The actors $ids in full, as read_domain_rows.cypher returns them in full (the domain graph's second pass).
MATCH (n:Actor) WHERE n.id IN $ids
RETURN [n.ord, n.id, CASE WHEN n:Organisation THEN 'organisation' WHEN n:Network THEN 'network' ELSE 'person' END,
        n.name, n.type, n.levels, n.perspectives, n.region, n.private, n.scope, n.themes, n.role] AS row
