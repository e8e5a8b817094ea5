-- The job registry (SPEC JOB-1): one row per job, written by its job grain after each save of its state, so the job
-- list and the dashboard query rows instead of waking every job. The grain's state stays the truth; a row only mirrors
-- it. status is JobStatus as a number; customers are the job's customer IDs, which scope the list to a user.
CREATE TABLE com_jobs (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    operation    text NOT NULL,
    status       smallint NOT NULL,
    creator      text NOT NULL,
    customers    text[] NOT NULL,
    is_immediate boolean NOT NULL,
    created_at   timestamptz NOT NULL,
    start_at     timestamptz NULL,
    started_at   timestamptz NULL,
    ended_at     timestamptz NULL,
    targets_total       integer NOT NULL,
    targets_completed   integer NOT NULL,
    targets_failed      integer NOT NULL,
    targets_in_progress integer NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX com_jobs_created_at ON com_jobs (created_at DESC);
CREATE INDEX com_jobs_status ON com_jobs (status);
CREATE INDEX com_jobs_customers ON com_jobs USING gin (customers);
