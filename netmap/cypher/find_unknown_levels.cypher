// The organisations and people whose level is unknown, even through a home organisation
// (netmap.analysis.levels.unknown_levels), in load order.
MATCH (a:Actor)
WHERE (a:Organisation OR a:Person) AND size(coalesce(a.levels, [])) = 0
OPTIONAL MATCH (a)-[:HOME_ORGANISATION]->(h:Actor)
WITH a, collect(h) AS homes
WHERE all(h IN homes WHERE size(coalesce(h.levels, [])) = 0)
RETURN a.id AS id
ORDER BY a.ord
