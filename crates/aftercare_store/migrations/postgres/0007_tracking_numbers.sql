-- The tracking number a case's parcel travels under (the order's last shipment, a return's or a
-- buyback's parcel back), upper-cased: staff search by it, so it is a column with an index.
ALTER TABLE cases ADD COLUMN tracking_number TEXT;
UPDATE cases SET tracking_number = UPPER(data::jsonb ->> 'tracking_number')
    WHERE kind IN ('return', 'buyback') AND data::jsonb ->> 'tracking_number' IS NOT NULL;
UPDATE cases SET tracking_number = UPPER(data::jsonb -> 'shipments' -> -1 ->> 'tracking_number')
    WHERE kind = 'order' AND jsonb_array_length(data::jsonb -> 'shipments') > 0;
CREATE INDEX cases_tracking_number ON cases (tracking_number);
