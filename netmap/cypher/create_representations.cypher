// Load a batch of REPRESENTS relationships into a database that holds no netmap data: CREATE, no MERGE.
// $rows = [[source id, target id, key, ord, one value per column ..., (a map of the extra columns)]],
// $load = this load's id; load.py fills in {set} as in create_people.cypher.
UNWIND $rows AS row
MATCH (a:Actor {id: row[0]})
MATCH (b:Actor {id: row[1]})
CREATE (a)-[r:REPRESENTS]->(b)
SET r.key = row[2], r.ord = row[3], {set}r._load = $load
