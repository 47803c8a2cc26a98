// Load a batch of MEMBER_OF relationships into a database that holds no netmap data: CREATE, no MERGE.
// $rows = [{s: source id, t: target id, p: {key, ord, ...properties}}], $load = this load's id.
UNWIND $rows AS row
MATCH (a:Actor {id: row.s})
MATCH (b:Actor {id: row.t})
CREATE (a)-[r:MEMBER_OF]->(b)
SET r = row.p, r._load = $load
