-- The teacher's tokens with their top-k logprobs (CuratedSampleEvent.tokens as JSON), kept for top-k distillation.
-- Null when the sample has none: the teacher gave none, the curator redacted them, or the row predates this column.
alter table training_sample add column tokens_json text;
