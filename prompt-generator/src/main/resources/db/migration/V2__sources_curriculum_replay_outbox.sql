-- Issue 4: file sources, difficulty curricula, pause/cancel, exact dedup, replay to new teacher versions, and a
-- ledger that is written before publishing (an outbox), so a restart can tell what reached the broker.

-- Prompt files, imported line by line (uploaded or read from the configured directory).
create table prompt_source (
    id            varchar(64)  primary key,
    name          varchar(300) not null,
    origin        varchar(16)  not null check (origin in ('upload', 'path')),
    lines_total   bigint       not null default 0,
    lines_valid   bigint       not null default 0,
    lines_invalid bigint       not null default 0,
    created_at    timestamptz  not null
);

-- The valid lines in file order; ordinal is the position among valid lines (0..lines_valid-1).
create table source_line (
    source_id        varchar(64) not null references prompt_source (id),
    ordinal          bigint      not null,
    line_number      bigint      not null,
    messages_json    text        not null,
    reference_answer text,
    verifier         varchar(32),
    skill            varchar(64),
    primary key (source_id, ordinal)
);

-- Invalid lines with their reason (the first generator.sources.max-recorded-errors of each source).
create table source_error (
    source_id   varchar(64) not null references prompt_source (id),
    line_number bigint      not null,
    reason      text        not null,
    primary key (source_id, line_number)
);

alter table campaign drop constraint campaign_state_check;
alter table campaign add constraint campaign_state_check
    check (state in ('RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'));
alter table campaign add column source_id varchar(64) references prompt_source (id);
-- JSON list of {"difficulty": d, "share": s}: stages in prompt order (a single stage for a fixed difficulty)
alter table campaign add column curriculum text;
update campaign set curriculum = '[{"difficulty":' || difficulty || ',"share":1.0}]';
alter table campaign drop column difficulty;
alter table campaign alter column skills drop not null;
-- next candidate prompt to consider (a skill index or a source line ordinal); duplicates advance it without emitting
alter table campaign add column next_candidate bigint not null default 0;
update campaign set next_candidate = emitted_count;
alter table campaign add column staged_count bigint not null default 0;
update campaign set staged_count = emitted_count;
alter table campaign add column duplicate_count bigint not null default 0;
-- null: follow the policy the teacher version announces
alter table campaign add column replay_policy varchar(16) check (replay_policy in ('all', 'sample', 'none'));
alter table campaign add column replay_fraction double precision;
alter table campaign add column completion_note text;

-- The ledger becomes an outbox: a row is staged (acked = false) before its record is sent and acked after the broker
-- confirmed it. A replayed prompt is another row for the same promptId, with the teacher version set.
alter table prompt_ledger drop constraint prompt_ledger_pkey;
alter table prompt_ledger drop constraint prompt_ledger_campaign_id_prompt_index_key;
alter table prompt_ledger add column event_id varchar(300);
update prompt_ledger set event_id = 'prompt:' || prompt_id;
alter table prompt_ledger alter column event_id set not null;
alter table prompt_ledger add primary key (event_id);
alter table prompt_ledger add column job_id varchar(300);
update prompt_ledger set job_id = campaign_id;
alter table prompt_ledger alter column job_id set not null;
alter table prompt_ledger rename column prompt_index to position;
alter table prompt_ledger add column teacher_version varchar(100);
alter table prompt_ledger add column prompt_hash varchar(64);
alter table prompt_ledger add column acked boolean not null default true;
alter table prompt_ledger alter column acked drop default;
alter table prompt_ledger rename column emitted_at to staged_at;
alter table prompt_ledger alter column seed drop not null;
create index prompt_ledger_job_idx on prompt_ledger (job_id, position);
create index prompt_ledger_unacked_idx on prompt_ledger (job_id) where not acked;
-- exact duplicates (after normalisation) are emitted once per campaign
create unique index prompt_ledger_dedup_idx on prompt_ledger (campaign_id, prompt_hash) where teacher_version is null;

-- A campaign's training prompts re-emitted for a new teacher version.
create table replay (
    id              varchar(400)     primary key,
    campaign_id     varchar(64)      not null references campaign (id),
    teacher_name    varchar(200)     not null,
    teacher_version varchar(100)     not null,
    policy          varchar(16)      not null check (policy in ('all', 'sample')),
    fraction        double precision not null,
    upto_position   bigint           not null, -- the campaign's ledger as it stood when the version was announced
    next_position   bigint           not null default 0,
    considered      bigint           not null default 0,
    staged_count    bigint           not null default 0,
    emitted_count   bigint           not null default 0,
    state           varchar(16)      not null check (state in ('RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
    failure_reason  text,
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null
);
create index replay_campaign_idx on replay (campaign_id);
