-- 第三十六条: a new filing is checked against the petitioner's matters of the same category
-- and place that ended with a re-review. The petitioner index alone made that check read
-- every petition of the petitioner, so a filing cost more the more the petitioner had
-- filed. This index holds only the re-reviewed matters (few), by petitioner, category and
-- place, and the check reads just those.
CREATE INDEX petitions_re_reviewed_idx ON petitions (citizen_id, category_id, region_id, id)
    WHERE round = 're_review';
