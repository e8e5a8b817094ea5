-- ASP.NET Core data-protection key ring, shared by every silo and web front: sessions survive a move to another
-- process, and secrets one silo encrypted (service passwords) another can read.
CREATE TABLE com_data_protection_keys (
    id            serial PRIMARY KEY,
    friendly_name text NOT NULL UNIQUE,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
