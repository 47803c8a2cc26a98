// The version of the Graph Data Science library, or an error when it is not installed.
RETURN gds.version() AS version
