-- A campaign: what to generate and how fast; emitted_count moves in the same transaction as the ledger rows.
create table campaign (
    id              varchar(64)      primary key,
    name            varchar(200)     not null,
    skills          text             not null, -- JSON object: skill name -> weight
    requested_count bigint           not null check (requested_count > 0),
    emitted_count   bigint           not null default 0,
    seed            bigint           not null,
    rate_per_second double precision not null check (rate_per_second > 0),
    difficulty      integer          not null,
    split           varchar(8)       not null check (split in ('train', 'eval')),
    temperature     double precision not null,
    max_tokens      integer          not null,
    top_logprobs    integer          not null,
    state           varchar(16)      not null check (state in ('RUNNING', 'COMPLETED', 'FAILED')),
    failure_reason  text,
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null
);
create index campaign_state_idx on campaign (state);

-- Every prompt acknowledged by the broker, with the event as published: resume point now, replay source later.
create table prompt_ledger (
    prompt_id    varchar(128) primary key,
    campaign_id  varchar(64)  not null references campaign (id),
    prompt_index bigint       not null,
    skill        varchar(64),
    seed         bigint       not null,
    split        varchar(8)   not null,
    event_json   text         not null,
    emitted_at   timestamptz  not null,
    unique (campaign_id, prompt_index)
);

-- Teacher versions announced on distill.teacher-versions; the id is the event's deterministic id.
create table teacher_version (
    id              varchar(300)     primary key,
    teacher_name    varchar(200)     not null,
    model           varchar(200)     not null,
    version         varchar(100)     not null,
    announced_at    timestamptz      not null,
    replay_policy   varchar(32)      not null,
    replay_fraction double precision,
    received_at     timestamptz      not null
);
