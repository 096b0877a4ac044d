-- Curation outcomes, one per (prompt, teacher version) across both tables: a redelivered response finds its
-- outcome here and is neither curated twice nor counted twice. event_json is the published event, kept so it can
-- be re-published unchanged; published_at is set once the broker acknowledged it.
create table curated_samples (
    id              bigserial primary key,
    sample_id       text        not null unique,
    prompt_id       text        not null,
    teacher_name    text        not null,
    teacher_version text        not null,
    dataset_version text        not null,
    skill           text,
    split           text        not null,
    event_json      text        not null,
    created_at      timestamptz not null default now(),
    published_at    timestamptz,
    constraint curated_samples_prompt_teacher_uq unique (prompt_id, teacher_name, teacher_version)
);

create index curated_samples_dataset_idx on curated_samples (dataset_version);

create table rejected_samples (
    id              bigserial primary key,
    prompt_id       text        not null,
    teacher_name    text        not null,
    teacher_version text        not null,
    dataset_version text        not null,
    filter          text        not null,
    reason          text        not null,
    detail          text,
    skill           text,
    split           text        not null,
    event_json      text        not null,
    created_at      timestamptz not null default now(),
    published_at    timestamptz,
    constraint rejected_samples_prompt_teacher_uq unique (prompt_id, teacher_name, teacher_version)
);

create index rejected_samples_dataset_idx on rejected_samples (dataset_version, reason);
