// Load a batch of composition requirements: $rows = [{key, body_id, perspective, min_count, note}].
UNWIND $rows AS row
MATCH (body:Actor {id: row.body_id})
MERGE (q:Requirement {key: row.key})
SET q = row, q._load = $load
MERGE (body)-[r:REQUIRES {key: row.key}]->(q)
SET r._load = $load
