-- The language a customer chose in the portal, kept with their orders: the e-mails about an
-- order are written in it. NULL until they choose (English).
ALTER TABLE orders ADD COLUMN language TEXT;
