// Load a batch of composition requirements into a database that holds no netmap data.
// $rows = [{key, ord, body_id, perspective, min_count, note}], $load = this load's id.
UNWIND $rows AS row
MATCH (body:Actor {id: row.body_id})
CREATE (body)-[:REQUIRES {key: row.key, _load: $load}]->(q:Requirement)
SET q = row, q._load = $load
