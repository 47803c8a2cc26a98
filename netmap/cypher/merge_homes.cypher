// Load a batch of HOME_ORGANISATION relationships: $rows = [{source, target, key, props}], $load = this load's id.
// The key makes a re-load MERGE onto the same relationship instead of adding a copy.
UNWIND $rows AS row
MATCH (a:Actor {id: row.source})
MATCH (b:Actor {id: row.target})
MERGE (a)-[r:HOME_ORGANISATION {key: row.key}]->(b)
SET r = row.props
SET r.key = row.key, r._load = $load
