/// Schema version 5: a short log of the searchable text each product edit replaced and wrote, kept
/// by triggers beside the search index's own. A process's did-you-mean vocabulary applies the rows
/// written since it last looked, word counts down for the old text and up for the new, instead of
/// reading the whole index's vocabulary again after every catalog edit. Only the newest 1,000 rows
/// are kept; a process that fell further behind reads the whole vocabulary once.
let schemaV5SearchTextChanges = #"""
CREATE TABLE search_text_changes (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    old_text TEXT,
    new_text TEXT
);

CREATE TRIGGER products_search_text_insert AFTER INSERT ON products BEGIN
    INSERT INTO search_text_changes(new_text)
    VALUES (new.title || ' ' || new.description || ' ' || new.vendor || ' ' || new.tags || ' ' || new.product_type);
    DELETE FROM search_text_changes WHERE id <= (SELECT max(id) FROM search_text_changes) - 1000;
END;
CREATE TRIGGER products_search_text_delete AFTER DELETE ON products BEGIN
    INSERT INTO search_text_changes(old_text)
    VALUES (old.title || ' ' || old.description || ' ' || old.vendor || ' ' || old.tags || ' ' || old.product_type);
    DELETE FROM search_text_changes WHERE id <= (SELECT max(id) FROM search_text_changes) - 1000;
END;
CREATE TRIGGER products_search_text_update AFTER UPDATE OF title, description, vendor, tags, product_type ON products BEGIN
    INSERT INTO search_text_changes(old_text, new_text)
    VALUES (old.title || ' ' || old.description || ' ' || old.vendor || ' ' || old.tags || ' ' || old.product_type,
            new.title || ' ' || new.description || ' ' || new.vendor || ' ' || new.tags || ' ' || new.product_type);
    DELETE FROM search_text_changes WHERE id <= (SELECT max(id) FROM search_text_changes) - 1000;
END;
"""#
