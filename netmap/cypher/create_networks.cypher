// Load a batch of networks into a database that holds no netmap data (a first load): CREATE, no lookup.
// $rows = [{id, ord, ...properties}], $load = this load's id.
UNWIND $rows AS row
CREATE (n:Actor:Network)
SET n = row, n._load = $load
