// Load a batch of organisations: $rows = [{id, props}], $load = this load's id.
// SET n = props replaces every property, so a changed row leaves no stale value behind;
// REMOVE drops the label of another kind if an id changed kind between loads.
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
REMOVE n:Network:Person
SET n:Organisation
SET n = row.props
SET n.id = row.id, n._load = $load
