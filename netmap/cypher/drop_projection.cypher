// Drop the projected graph $name from the GDS catalog (no error when it is not there).
CALL gds.graph.drop($name, false) YIELD graphName
RETURN graphName
