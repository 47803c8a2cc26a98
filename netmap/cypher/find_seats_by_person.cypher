// The seats per person (netmap.analysis.representation.seats_by_person) that count on $as_of, in the embedded
// engine's order: people in load order; each one's constituencies in the order of their first seat, and the
// bodies of those seats in that order (a seat without a body: null). home: whether a home organisation is
// recorded for the person.
MATCH (p:Actor)-[r:REPRESENTS]->(c:Actor)
WHERE INCLUDE _counts_on r
WITH p, c, r ORDER BY r.ord
WITH p, c, min(r.ord) AS first, collect(r.body_id) AS bodies
ORDER BY p.ord, first
WITH p, collect(c.id) AS constituencies, collect(bodies) AS bodies
RETURN p.id AS person, constituencies, bodies, EXISTS { (p)-[:HOME_ORGANISATION]->(:Actor) } AS home
ORDER BY p.ord
