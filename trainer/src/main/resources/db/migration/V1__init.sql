-- Curated samples as received, in arrival order; seq lets the training loop pick up only what is new.
create table training_sample (
    seq             bigserial primary key,
    sample_id       text not null unique,
    prompt_id       text not null,
    teacher_version text not null,
    dataset_version text not null,
    prompt_json     text not null,
    answer          text not null,
    kafka_topic     text not null,
    kafka_partition int not null,
    kafka_offset    bigint not null,
    received_at     timestamptz not null default now()
);

create table checkpoint (
    checkpoint_id    text primary key,
    student_id       text not null,
    step             bigint not null,
    samples_seen     bigint not null,
    tokens_seen      bigint not null,
    train_loss       double precision not null,
    uri              text not null,
    parameter_count  bigint not null,
    teacher_versions text not null,
    last_sample_seq  bigint not null,
    created_at       timestamptz not null
);
create index checkpoint_student_step on checkpoint (student_id, step desc);
