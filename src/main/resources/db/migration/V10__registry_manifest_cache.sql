-- Manifests and image config blobs are immutable and addressed by digest, and every manifest GET
-- on ghcr.io counts as a download: each digest is fetched once and kept here for good.
--
-- Content is stored as the exact bytes the registry sent, because the digest is computed over those
-- bytes. A TEXT column would force a UTF-8 decode/encode round trip that is not lossless for every
-- input (invalid sequences, a BOM), and base64 would hide the JSON. BYTEA is PostgreSQL's only binary
-- type, and H2 2.x accepts it as an alias of BINARY VARYING (up to 1 GB), so one script serves both.
CREATE TABLE registry_manifest (
    digest     VARCHAR(200) NOT NULL PRIMARY KEY,
    media_type VARCHAR(255) NOT NULL,
    content    BYTEA        NOT NULL,
    stored_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE registry_config_blob (
    digest     VARCHAR(200) NOT NULL PRIMARY KEY,
    media_type VARCHAR(255) NOT NULL,
    content    BYTEA        NOT NULL,
    stored_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
