-- The customer directory as rows (ADR 11). Names are unique through the primary key on their normalised form, so
-- reserving, releasing and moving a name is one statement and two silos can never hand the same name out.
CREATE TABLE com_customer_names (
    name_key    text PRIMARY KEY,
    customer_id text NOT NULL
);
CREATE INDEX com_customer_names_customer ON com_customer_names (customer_id);

-- One summary row per customer, written by the directory only when the row changed. The summary itself is the
-- serialised record the lists show; the columns beside it are what targeted queries filter on.
CREATE TABLE com_customer_rows (
    customer_id text PRIMARY KEY,
    link_silo   text NULL,
    link_id     uuid NULL,
    assigned    text[] NOT NULL,
    summary     bytea NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX com_customer_rows_link_silo ON com_customer_rows (link_silo) WHERE link_silo IS NOT NULL;
CREATE INDEX com_customer_rows_assigned ON com_customer_rows USING gin (assigned);
