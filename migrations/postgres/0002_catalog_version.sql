-- Bumped by every import that changes the catalog, so servers know to rebuild their search index.
CREATE TABLE catalog_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT  NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);
