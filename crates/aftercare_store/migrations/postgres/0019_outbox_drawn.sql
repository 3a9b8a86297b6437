-- Documents an e-mail carries that the outbox draws from the e-mail's case when it delivers it
-- (the RMA slip of an approval), named by space-separated keys: the step that queues the e-mail
-- answers without drawing them, and the outbox row holds no PDF.
ALTER TABLE outbox ADD COLUMN drawn TEXT NOT NULL DEFAULT '';
