-- Part of a customer's name, as staff type it in the search box, found through an index instead
-- of a scan of every order: FTS5's trigram tokenizer answers LIKE '%...%' of three characters or
-- more from its index. Kept by triggers, so every way an order is written keeps it.
CREATE VIRTUAL TABLE order_names USING fts5(customer_name, order_id UNINDEXED, tokenize = 'trigram');
INSERT INTO order_names (customer_name, order_id) SELECT customer_name, id FROM orders;
CREATE TRIGGER order_names_added AFTER INSERT ON orders BEGIN
    INSERT INTO order_names (customer_name, order_id) VALUES (new.customer_name, new.id);
END;
CREATE TRIGGER order_names_removed AFTER DELETE ON orders BEGIN
    DELETE FROM order_names WHERE order_id = old.id;
END;
CREATE TRIGGER order_names_renamed AFTER UPDATE OF customer_name ON orders BEGIN
    DELETE FROM order_names WHERE order_id = old.id;
    INSERT INTO order_names (customer_name, order_id) VALUES (new.customer_name, new.id);
END;
