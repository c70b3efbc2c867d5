-- A sketch of group commit, to size it (not Banter's code): ten sends to ten
-- conversations in one transaction of three statements, duplicates resolved by
-- ON CONFLICT instead of a check first. 5 round trips and 1 commit for 10 messages.
-- Each pgbench client (-c 1 or 2) owns 25 conversations, as one batcher per node would.
\set base random(0, 24)
\set n random(1, 2000000000)
BEGIN;
UPDATE banter.conversations c SET last_seq = c.last_seq + 1, last_activity_at = now()
  FROM (VALUES ('c' || (:client_id * 25 + (:base + 0) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 1) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 2) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 3) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 4) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 5) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 6) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 7) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 8) % 25 + 1)), ('c' || (:client_id * 25 + (:base + 9) % 25 + 1))) v(id)
  WHERE c.id = v.id AND EXISTS (SELECT 1 FROM banter.participants p WHERE p.conversation_id = c.id AND p.user_id = 'u')
  RETURNING c.id, c.last_seq;
INSERT INTO banter.messages (id, conversation_id, seq, sender_id, client_id, kind, body, attachments, reply_to, created_at) VALUES
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 0) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 0) % 25 + 1)), 'u', 'x' || :n || '-0', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 1) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 1) % 25 + 1)), 'u', 'x' || :n || '-1', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 2) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 2) % 25 + 1)), 'u', 'x' || :n || '-2', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 3) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 3) % 25 + 1)), 'u', 'x' || :n || '-3', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 4) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 4) % 25 + 1)), 'u', 'x' || :n || '-4', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 5) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 5) % 25 + 1)), 'u', 'x' || :n || '-5', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 6) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 6) % 25 + 1)), 'u', 'x' || :n || '-6', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 7) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 7) % 25 + 1)), 'u', 'x' || :n || '-7', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 8) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 8) % 25 + 1)), 'u', 'x' || :n || '-8', 'text', 't=1234567890123', '[]'::jsonb, NULL, now()),
  (gen_random_uuid()::text, 'c' || (:client_id * 25 + (:base + 9) % 25 + 1), (SELECT last_seq FROM banter.conversations WHERE id = 'c' || (:client_id * 25 + (:base + 9) % 25 + 1)), 'u', 'x' || :n || '-9', 'text', 't=1234567890123', '[]'::jsonb, NULL, now())
  ON CONFLICT (conversation_id, sender_id, client_id) DO NOTHING RETURNING *;
UPDATE banter.participants p SET last_read_seq = c.last_seq, last_delivered_seq = c.last_seq
  FROM banter.conversations c
  WHERE c.id = p.conversation_id AND p.user_id = 'u' AND c.id IN ('c' || (:client_id * 25 + (:base + 0) % 25 + 1), 'c' || (:client_id * 25 + (:base + 1) % 25 + 1), 'c' || (:client_id * 25 + (:base + 2) % 25 + 1), 'c' || (:client_id * 25 + (:base + 3) % 25 + 1), 'c' || (:client_id * 25 + (:base + 4) % 25 + 1), 'c' || (:client_id * 25 + (:base + 5) % 25 + 1), 'c' || (:client_id * 25 + (:base + 6) % 25 + 1), 'c' || (:client_id * 25 + (:base + 7) % 25 + 1), 'c' || (:client_id * 25 + (:base + 8) % 25 + 1), 'c' || (:client_id * 25 + (:base + 9) % 25 + 1));
COMMIT;
