-- One message:send as Banter's storage runs it today (traced from a real send):
-- a duplicate check, then a transaction of five statements. 7 round trips, 2 commits.
\set conv random(1, 50)
\set n random(1, 2000000000)
SELECT m.* FROM banter.messages m WHERE m.conversation_id = 'c' || :conv AND m.sender_id = 'u' AND m.client_id = 'x' || :n;
BEGIN;
UPDATE banter.conversations c SET last_seq = c.last_seq + 1, last_activity_at = now() WHERE c.id = 'c' || :conv AND EXISTS (SELECT 1 FROM banter.participants p WHERE p.conversation_id = c.id AND p.user_id = 'u') RETURNING c.last_seq AS seq \gset
SELECT m.* FROM banter.messages m WHERE m.conversation_id = 'c' || :conv AND m.sender_id = 'u' AND m.client_id = 'x' || :n;
INSERT INTO banter.messages (id, conversation_id, seq, sender_id, client_id, kind, body, attachments, reply_to, created_at) VALUES (gen_random_uuid()::text, 'c' || :conv, :seq, 'u', 'x' || :n, 'text', 't=1234567890123', '[]', NULL, now()) RETURNING *;
UPDATE banter.participants SET last_read_seq = GREATEST(last_read_seq, :seq), last_delivered_seq = GREATEST(last_delivered_seq, :seq) WHERE conversation_id = 'c' || :conv AND user_id = 'u';
COMMIT;
