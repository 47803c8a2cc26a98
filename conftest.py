"""Top-level pytest configuration: the real-Neo4j fixtures (tests/neo4j_fixtures.py) for every test."""
pytest_plugins = ["tests.neo4j_fixtures"]
