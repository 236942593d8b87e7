-- Each published reply keeps the petitioner's rating of it (评价), so a 复查 round, which
-- starts the petition's rating afresh, does not lose the rating of the answer before it; and
-- the figures (参评率, 满意率) can count ratings per round and per replying unit.
ALTER TABLE replies ADD COLUMN rating TEXT;
UPDATE replies SET rating = (
    SELECT p.rating FROM petitions p WHERE p.id = replies.petition_id AND p.round = replies.round
) WHERE state = 'approved';
