-- The shop as customers meet it (its name, return warehouse, contact e-mail), as admins set it:
-- every change is a new row with who made it and when; the newest row is the profile.
CREATE TABLE shop_profile (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    data TEXT NOT NULL,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL
);
