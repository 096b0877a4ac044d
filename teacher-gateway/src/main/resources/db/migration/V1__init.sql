-- One row per (prompt, teacher version): the cost ledger and the response cache that makes a redelivered
-- prompt re-publish the stored answer instead of calling (and paying) the teacher again.
create table teacher_calls (
    id                bigserial primary key,
    prompt_id         text             not null,
    teacher_name      text             not null,
    teacher_version   text             not null,
    model             text             not null,
    status            text             not null check (status in ('ok', 'failed')),
    attempts          integer          not null default 0,
    prompt_tokens     integer          not null default 0,
    completion_tokens integer          not null default 0,
    cost_usd          double precision not null default 0,
    latency_ms        bigint           not null default 0,
    error             text,
    response_json     text,
    created_at        timestamptz      not null default now(),
    updated_at        timestamptz      not null default now(),
    constraint teacher_calls_prompt_teacher_uq unique (prompt_id, teacher_name, teacher_version),
    constraint teacher_calls_ok_has_response check (status <> 'ok' or response_json is not null)
);

create index teacher_calls_teacher_idx on teacher_calls (teacher_name, teacher_version, status);
