-- A petitioner registered by staff (letter, visit, call) who later opens an account with
-- the same ID number and phone sees those matters in 我的信访: the offline petitioner's
-- keyed blind indexes, the same as an account's, let registration find them without
-- decrypting anyone.
ALTER TABLE petitions ADD COLUMN petitioner_id_idx BLOB;
ALTER TABLE petitions ADD COLUMN petitioner_phone_idx BLOB;
CREATE INDEX petitions_offline_person_idx ON petitions (petitioner_id_idx)
    WHERE petitioner_id_idx IS NOT NULL;
