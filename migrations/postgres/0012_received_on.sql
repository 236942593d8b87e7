-- The day a petition arrived: the filing day online, and for a registered letter, visit or
-- call the day the clerk gives (a letter read on Monday that came on Friday). The
-- acceptance clock runs from it (条例 art. 22: 收到之日).
ALTER TABLE petitions ADD COLUMN received_on TEXT;
