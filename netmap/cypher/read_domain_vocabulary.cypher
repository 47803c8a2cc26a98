// The distinct values of the actors' coded fields (type, levels, perspectives, region, scope, themes), the
// most frequent first, for read_domain_actors.cypher's $codes (netmap.neo4j.domain); `plain`: whether every
// id and every such value is text (and every list a list of text) as netmap's load writes them: else the
// domain graph is read row by row (read_domain_rows.cypher).
MATCH (n:Actor)
WITH n, n.id IS :: STRING AND n.type IS :: STRING AND n.region IS :: STRING AND n.scope IS :: STRING
        AND n.levels IS :: LIST<STRING NOT NULL> AND n.perspectives IS :: LIST<STRING NOT NULL>
        AND n.themes IS :: LIST<STRING NOT NULL> AND n.private IS :: BOOLEAN
        AND n.name IS :: STRING AND n.role IS :: STRING AS plain
UNWIND [coalesce(n.type, ''), coalesce(n.region, ''), coalesce(n.scope, '')] + coalesce(n.levels, [])
       + coalesce(n.perspectives, []) + coalesce(n.themes, []) AS value
WITH value, count(*) AS uses, min(CASE WHEN plain THEN 1 ELSE 0 END) AS plain
ORDER BY uses DESC, value
RETURN collect(value) AS values, min(plain) = 1 AS plain
