-- The code printed on an application's receipt: with the registration number it shows the
-- application's status to anyone without logging in (and nothing else). NULL for applications
-- registered before codes existed and for those filed on the federal portal.
ALTER TABLE applications ADD COLUMN status_code TEXT;
