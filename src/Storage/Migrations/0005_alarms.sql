-- One row per distinct alarm of a customer system (SPEC ALRM-2), written by the customer's grain before the device is
-- acknowledged, and queried by the alarm list. A row stays after its system clears it, until a user clears it too.
-- key_hash is SHA-256 of (server, category, description): descriptions reach 512 characters, too long for a btree key.
CREATE TABLE com_alarms (
    customer_id text NOT NULL,
    key_hash    bytea NOT NULL,
    server      text NOT NULL,
    category    smallint NOT NULL,
    description text NOT NULL,
    severity    smallint NOT NULL,
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL,
    occurrences integer NOT NULL,
    ongoing     boolean NOT NULL,
    PRIMARY KEY (customer_id, key_hash)
);
CREATE INDEX com_alarms_last_at ON com_alarms (last_at DESC);
