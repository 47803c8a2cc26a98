// Whether the actors' load numbers are 0 .. n - 1, each once (a fresh load): then the domain graph's rows
// leave them out (netmap.neo4j.domain), an actor's number being its place in load order.
MATCH (n:Actor)
RETURN count(n) AS actors, min(n.ord) AS low, max(n.ord) AS high, count(DISTINCT n.ord) AS distinct
