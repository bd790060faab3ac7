/// Full-text search, the counterpart of FTS5's `product_search` (unicode61, diacritics removed) — a
/// contract the search queries are written against:
/// - `product_search(product_id, document)`: one weighted `tsvector` per product, kept by triggers on
///   `products` (and dropped with the product by its foreign key): title A, tags B, vendor and product
///   type C, description D, as `curio_search_document(title, tags, vendor, product_type, description)` builds it;
/// - the text search configuration `curio_search`: the `simple` dictionary (lower case, no stemming) after
///   `unaccent`, so `Crème` matches `creme`; a GIN index on `document`;
/// - `product_search_vocab(term, doc, cnt)`: the index's words, as FTS5's `fts5vocab` table of kind `row`.
let postgresSearchSchema = #"""
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION curio_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION curio_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
    WITH unaccent, simple;

CREATE FUNCTION curio_search_document(title TEXT, tags TEXT, vendor TEXT, product_type TEXT, description TEXT)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('curio_search', title), 'A')
        || setweight(to_tsvector('curio_search', tags), 'B')
        || setweight(to_tsvector('curio_search', vendor), 'C')
        || setweight(to_tsvector('curio_search', product_type), 'C')
        || setweight(to_tsvector('curio_search', description), 'D')
$$;

CREATE TABLE product_search (
    product_id BIGINT PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
    document   tsvector NOT NULL
);
CREATE INDEX product_search_document ON product_search USING gin (document);

CREATE VIEW product_search_vocab AS
SELECT word AS term, ndoc::BIGINT AS doc, nentry::BIGINT AS cnt FROM ts_stat('SELECT document FROM product_search');

-- SQLite's products_search_insert and products_search_update (products_search_delete: the foreign key's cascade).
CREATE FUNCTION curio_product_search_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO product_search AS s (product_id, document)
    VALUES (new.id, curio_search_document(new.title, new.tags, new.vendor, new.product_type, new.description))
    ON CONFLICT (product_id) DO UPDATE SET document = excluded.document;
    RETURN NULL;
END $$;
CREATE TRIGGER products_search_insert AFTER INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION curio_product_search_write();
CREATE TRIGGER products_search_update AFTER UPDATE OF title, description, vendor, tags, product_type ON products
    FOR EACH ROW EXECUTE FUNCTION curio_product_search_write();
"""#
