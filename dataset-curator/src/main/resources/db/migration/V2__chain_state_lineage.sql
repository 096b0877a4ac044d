-- Issue 5: one claim per response (so racing deliveries curate it once), lineage columns, and the dedup state
-- that must hold across restarts and replicas.

-- The first delivery of a response to commit its claim curates it; every later one (redelivery, or a delivery
-- racing on another replica) waits for that commit and answers from the stored outcome.
create table curation_claim (
    prompt_id       text        not null,
    teacher_name    text        not null,
    teacher_version text        not null,
    claimed_at      timestamptz not null default now(),
    primary key (prompt_id, teacher_name, teacher_version)
);
insert into curation_claim (prompt_id, teacher_name, teacher_version)
    select prompt_id, teacher_name, teacher_version from curated_samples
    union select prompt_id, teacher_name, teacher_version from rejected_samples;

-- Lineage: the filters a sample passed (JSON list, in order), what they changed (JSON object, e.g. redactions by
-- kind), and the prompt as curation saw it (redacted) for rejected samples, whose event does not carry it.
alter table curated_samples add column filters_passed text not null default '[]';
alter table curated_samples add column changes text not null default '{}';
alter table rejected_samples add column filters_passed text not null default '[]';
alter table rejected_samples add column changes text not null default '{}';
alter table rejected_samples add column prompt_json text;
create index curated_samples_prompt_idx on curated_samples (prompt_id);
create index rejected_samples_prompt_idx on rejected_samples (prompt_id);

-- Exact duplicates: the normalised prompt's hash, once per dataset version.
create table exact_dedup (
    dataset_version text        not null,
    prompt_hash     text        not null,
    prompt_id       text        not null,
    created_at      timestamptz not null default now(),
    primary key (dataset_version, prompt_hash)
);

-- Near duplicates: a MinHash signature per accepted sample and its LSH bucket keys (which fold in the dataset
-- version and the prompt's numbers), found through a GIN index on the keys. numbers_key identifies the prompt's numbers in order: prompts
-- that ask about other numbers are other questions however similar their words.
create table near_dedup (
    id              bigserial   primary key,
    dataset_version text        not null,
    prompt_id       text        not null,
    signature       integer[]   not null,
    buckets         bigint[]    not null,
    numbers_key     bigint      not null,
    created_at      timestamptz not null default now()
);
-- fastupdate off: a pending list would be scanned by every lookup, and this table is read once per insert anyway
create index near_dedup_buckets_idx on near_dedup using gin (buckets) with (fastupdate = off);
