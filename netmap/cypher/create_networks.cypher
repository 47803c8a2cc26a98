// Load a batch of networks into a database that holds no netmap data (a first load): CREATE, no lookup.
// $rows = [[id, ord, one value per column ..., (a map of the extra columns)]], $load = this load's id.
// load.py puts `n.<column> = row[i], ` for the graph's own attribute names in place of {set} (a name
// from the data never enters the text: extra columns travel in the map, set by `n += row[i], `).
UNWIND $rows AS row
CREATE (n:Actor:Network)
SET n.id = row[0], n.ord = row[1], {set}n._load = $load
