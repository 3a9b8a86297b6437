-- The tracking number a case's parcel travels under (the order's last shipment, a return's or a
-- buyback's parcel back), upper-cased: staff search by it, so it is a column with an index.
ALTER TABLE cases ADD COLUMN tracking_number TEXT;
UPDATE cases SET tracking_number = UPPER(json_extract(data, '$.tracking_number'))
    WHERE kind IN ('return', 'buyback') AND json_extract(data, '$.tracking_number') IS NOT NULL;
UPDATE cases SET tracking_number = UPPER(json_extract(data, '$.shipments[#-1].tracking_number'))
    WHERE kind = 'order' AND json_array_length(data, '$.shipments') > 0;
CREATE INDEX cases_tracking_number ON cases (tracking_number);
