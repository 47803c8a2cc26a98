// The core of the connectivity view $name without its articulation points, as $fragments, each node with
// its fragment (the component it is in there): a fragment lies inside one biconnected block of the core.
CALL gds.graph.filter($fragments, $name, 'n.component = $core AND n.cut = 0', '*', {parameters: {core: $core}})
YIELD nodeCount
CALL gds.wcc.mutate($fragments, {mutateProperty: 'fragment', concurrency: 1}) YIELD componentCount
RETURN nodeCount AS nodes, componentCount AS fragments
