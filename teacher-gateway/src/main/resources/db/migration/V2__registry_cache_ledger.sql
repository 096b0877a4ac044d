-- The per-prompt call table is replaced by three things: a registry of teachers and their versions (with the
-- routing of new prompts), a response cache keyed by the request itself, and a cost ledger per teacher version.
drop table teacher_calls;

create table teachers (
    name                text primary key,
    base_url            text        not null,
    -- extra request headers as a JSON object; secrets belong in the API key, which is stored only as a reference
    headers_json        text        not null default '{}',
    api_key_ref         text,
    max_in_flight       integer     not null check (max_in_flight > 0),
    requests_per_minute integer     not null default 0 check (requests_per_minute >= 0),
    tokens_per_minute   integer     not null default 0 check (tokens_per_minute >= 0),
    timeout_ms          bigint      not null check (timeout_ms > 0),
    active_version      text,
    canary_version      text,
    canary_percent      integer     not null default 0 check (canary_percent between 0 and 100),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);

create table teacher_versions (
    teacher_name text        not null references teachers (name) on delete cascade,
    version      text        not null,
    model        text        not null,
    base_url     text,
    announced_at timestamptz not null,
    primary key (teacher_name, version)
);

-- key: SHA-256 of teacher, version, model, messages and sampling; the teacher is billed once per key
create table response_cache (
    cache_key       text primary key,
    teacher_name    text        not null,
    teacher_version text        not null,
    answer_json     text        not null,
    created_at      timestamptz not null default now()
);

create table cost_ledger (
    teacher_name      text             not null,
    teacher_version   text             not null,
    billed_requests   bigint           not null default 0,
    cached_requests   bigint           not null default 0,
    prompt_tokens     bigint           not null default 0,
    completion_tokens bigint           not null default 0,
    cost_usd          double precision not null default 0,
    updated_at        timestamptz      not null default now(),
    primary key (teacher_name, teacher_version)
);
