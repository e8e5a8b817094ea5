-- The content-addressed file store (ADR 12). A file is a row of com_files plus its manifest in com_file_parts: the
-- ordered SHA-256 hashes of its chunks. Each distinct chunk is stored once in com_file_chunks, whichever files share it.
CREATE TABLE com_file_chunks (
    hash       bytea PRIMARY KEY,
    length     integer NOT NULL,
    -- Set by every upload that writes or reuses the chunk; garbage collection spares unreferenced chunks touched
    -- within the grace period, because an upload still running may be about to reference them.
    touched_at timestamptz NOT NULL,
    data       bytea NOT NULL
);
-- Chunks are stored out of line without compression: backups and images mostly arrive compressed already, and
-- compressing every chunk on the server would cost more time than it saves space.
ALTER TABLE com_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- A file is listed only once its row and manifest are committed, together, at the end of its upload.
CREATE TABLE com_files (
    id          uuid PRIMARY KEY,
    category    text NOT NULL,
    owner       text NULL,
    name        text NOT NULL,
    length      bigint NOT NULL,
    sha256      bytea NOT NULL,
    chunk_count integer NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX com_files_owner ON com_files (owner, category, created_at DESC) WHERE owner IS NOT NULL;
CREATE INDEX com_files_category ON com_files (category, created_at DESC);

-- The foreign key to the chunk is the last guard of garbage collection: a manifest cannot commit naming a chunk that
-- is gone, and a referenced chunk cannot be deleted.
CREATE TABLE com_file_parts (
    file_id    uuid NOT NULL REFERENCES com_files (id) ON DELETE CASCADE,
    ordinal    integer NOT NULL,
    position   bigint NOT NULL,
    chunk_hash bytea NOT NULL REFERENCES com_file_chunks (hash),
    PRIMARY KEY (file_id, ordinal)
);
-- Garbage collection asks whether any part still names a chunk; so does the foreign key when a chunk is deleted.
CREATE INDEX com_file_parts_chunk ON com_file_parts (chunk_hash);
