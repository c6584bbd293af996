-- Cleanup previews, delete/restore jobs and their items.
-- A preview is stored so that confirming executes exactly what was shown: at confirm the plan is
-- computed again from the stored request and compared with the stored fingerprint.
CREATE TABLE cleanup_preview (
    id           VARCHAR(36) PRIMARY KEY,
    actor        VARCHAR NOT NULL,
    owner        VARCHAR NOT NULL,
    package_name VARCHAR NOT NULL,
    request      VARCHAR NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One background job. The lease (lease_owner, lease_until) is how instances agree who runs it:
-- a job is claimed by a conditional UPDATE and the lease is renewed while it runs.
-- encrypted_token holds the person's GitHub token (AES-GCM) only while the job is unfinished.
CREATE TABLE cleanup_job (
    id               VARCHAR(36) PRIMARY KEY,
    kind             VARCHAR(20) NOT NULL,
    actor            VARCHAR NOT NULL,
    owner            VARCHAR NOT NULL,
    owner_type       VARCHAR(20) NOT NULL,
    package_name     VARCHAR NOT NULL,
    status           VARCHAR(30) NOT NULL,
    cancel_requested BOOLEAN DEFAULT FALSE NOT NULL,
    encrypted_token  VARCHAR,
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE,
    report           VARCHAR
);

CREATE INDEX cleanup_job_status ON cleanup_job (status);
CREATE INDEX cleanup_job_package ON cleanup_job (owner, package_name);

-- One version of a job, in execution order. The state is written before (IN_FLIGHT) and after each
-- GitHub call, so a restarted job knows what is done and retries only the one in flight.
-- tags are the version's tags when it was planned: GitHub forgets them once a version is deleted.
CREATE TABLE cleanup_job_item (
    job_id      VARCHAR(36) NOT NULL,
    seq         INT NOT NULL,
    version_id  BIGINT NOT NULL,
    digest      VARCHAR NOT NULL,
    tags        VARCHAR NOT NULL,
    unit_digest VARCHAR NOT NULL,
    state       VARCHAR(20) NOT NULL,
    message     VARCHAR,
    finished_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (job_id, seq)
);

CREATE INDEX cleanup_job_item_version ON cleanup_job_item (version_id);
CREATE INDEX cleanup_job_item_unit ON cleanup_job_item (unit_digest);
