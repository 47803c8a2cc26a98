// Load a batch of REPRESENTS relationships into a database that holds no netmap data: CREATE, no MERGE.
// $rows = [{s: source id, t: target id, p: {key, ord, ...properties}}], $load = this load's id.
UNWIND $rows AS row
MATCH (a:Actor {id: row.s})
MATCH (b:Actor {id: row.t})
CREATE (a)-[r:REPRESENTS]->(b)
SET r = row.p, r._load = $load
