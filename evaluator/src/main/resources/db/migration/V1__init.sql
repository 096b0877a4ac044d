-- One row per checkpoint and suite; the event as published, so a redelivered checkpoint is not scored twice.
create table benchmark_result (
    benchmark_id  text primary key, -- the event's deterministic id
    checkpoint_id text not null,
    suite         text not null,
    student_id    text not null,
    prompts       int not null,
    accuracy      double precision not null,
    event_json    text not null,
    created_at    timestamptz not null
);
create index benchmark_result_student on benchmark_result (student_id, created_at desc);
