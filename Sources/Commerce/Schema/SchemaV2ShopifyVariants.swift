/// Schema version 2: what real Shopify stores need.
///
/// - SKUs are an attribute, not an identity: Shopify lets several variants share one (or have none),
///   so `variants.sku` loses its UNIQUE constraint and keeps an index; a variant is identified by its
///   product handle and option values (`variants_options`) or its id.
/// - Handles may be in any script (`nhẫn-1`): the CHECK keeps refusing spaces, slashes and upper-case
///   ASCII; the catalog rules refuse the rest (controls, punctuation).
/// - Publication is kept apart from status (`published`: an active product may be hidden from the
///   shop), and the columns Shopify exports that Curio now models: SEO title and description,
///   barcodes, and a weight's fraction of a gram (`grams_milli`, thousandths of a gram, NULL when
///   `grams` is exact).
///
/// SQLite cannot drop a column constraint, so `products` and `variants` are rebuilt (create, copy,
/// drop, rename) with every row, index and trigger; ids are kept, so every foreign key and the
/// search index still point at the same rows. The migration runner turns foreign keys off around
/// it and checks `PRAGMA foreign_key_check` before committing.
let schemaV2ShopifyVariants = #"""
PRAGMA legacy_alter_table = ON;

CREATE TABLE products_v2 (
    id               INTEGER PRIMARY KEY,
    handle           TEXT NOT NULL UNIQUE CHECK (handle <> '' AND handle = lower(handle) AND handle NOT GLOB '*[ /\?#%]*'),
    title            TEXT NOT NULL CHECK (title <> ''),
    description      TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    vendor           TEXT NOT NULL DEFAULT '',
    product_type     TEXT NOT NULL DEFAULT '',
    category_id      INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    tags             TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'draft', 'archived')),
    published        INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    seo_title        TEXT NOT NULL DEFAULT '',
    seo_description  TEXT NOT NULL DEFAULT '',
    option1_name     TEXT,
    option2_name     TEXT,
    option3_name     TEXT,
    -- Caches kept by triggers; never written by services.
    price_min        INTEGER NOT NULL DEFAULT 0,
    price_max        INTEGER NOT NULL DEFAULT 0,
    stock_total      INTEGER NOT NULL DEFAULT 0 CHECK (stock_total >= 0),
    rating_sum       INTEGER NOT NULL DEFAULT 0,
    rating_count     INTEGER NOT NULL DEFAULT 0,
    units_sold       INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
INSERT INTO products_v2(id, handle, title, description, description_html, vendor, product_type, category_id, tags, status,
                        option1_name, option2_name, option3_name, price_min, price_max, stock_total, rating_sum,
                        rating_count, units_sold, created_at, updated_at)
SELECT id, handle, title, description, description_html, vendor, product_type, category_id, tags, status,
       option1_name, option2_name, option3_name, price_min, price_max, stock_total, rating_sum,
       rating_count, units_sold, created_at, updated_at
FROM products;
DROP TABLE products;
ALTER TABLE products_v2 RENAME TO products;

CREATE INDEX products_category ON products(category_id, status);
CREATE INDEX products_status_created ON products(status, created_at, id);
CREATE INDEX products_status_price ON products(status, price_min, id);
CREATE INDEX products_status_sold ON products(status, units_sold, id);
CREATE INDEX products_status_rating ON products(status,
    (CASE WHEN rating_count > 0 THEN (rating_sum * 1000000) / rating_count ELSE 0 END), rating_count, id);
CREATE INDEX products_vendor ON products(vendor);

CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_search(rowid, title, description, vendor, tags, product_type)
    VALUES (new.id, new.title, new.description, new.vendor, new.tags, new.product_type);
END;
CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
    INSERT INTO product_search(product_search, rowid, title, description, vendor, tags, product_type)
    VALUES ('delete', old.id, old.title, old.description, old.vendor, old.tags, old.product_type);
END;
CREATE TRIGGER products_search_update AFTER UPDATE OF title, description, vendor, tags, product_type ON products BEGIN
    INSERT INTO product_search(product_search, rowid, title, description, vendor, tags, product_type)
    VALUES ('delete', old.id, old.title, old.description, old.vendor, old.tags, old.product_type);
    INSERT INTO product_search(rowid, title, description, vendor, tags, product_type)
    VALUES (new.id, new.title, new.description, new.vendor, new.tags, new.product_type);
END;

CREATE TABLE variants_v2 (
    id                  INTEGER PRIMARY KEY,
    product_id          INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    sku                 TEXT CHECK (sku IS NULL OR sku <> ''),
    barcode             TEXT CHECK (barcode IS NULL OR barcode <> ''),
    option1             TEXT,
    option2             TEXT,
    option3             TEXT,
    position            INTEGER NOT NULL DEFAULT 1,
    price               INTEGER NOT NULL CHECK (price >= 0),
    compare_at_price    INTEGER CHECK (compare_at_price IS NULL OR compare_at_price >= 0),
    grams               INTEGER NOT NULL DEFAULT 0 CHECK (grams >= 0),
    -- The weight in thousandths of a gram when it was given with a fraction; NULL when `grams` is exact.
    grams_milli         INTEGER CHECK (grams_milli IS NULL OR grams_milli >= 0),
    -- Cache of the ledger sum; changed only by the ledger trigger.
    stock               INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
    low_stock_threshold INTEGER NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
    archived            INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
INSERT INTO variants_v2(id, product_id, sku, option1, option2, option3, position, price, compare_at_price, grams, stock,
                        low_stock_threshold, archived, created_at, updated_at)
SELECT id, product_id, sku, option1, option2, option3, position, price, compare_at_price, grams, stock,
       low_stock_threshold, archived, created_at, updated_at
FROM variants;
DROP TABLE variants;
ALTER TABLE variants_v2 RENAME TO variants;

CREATE INDEX variants_product ON variants(product_id, position);
CREATE UNIQUE INDEX variants_options ON variants(product_id, coalesce(option1, ''), coalesce(option2, ''), coalesce(option3, ''));
CREATE INDEX variants_sku ON variants(sku) WHERE sku IS NOT NULL;

CREATE TRIGGER variants_cache_insert AFTER INSERT ON variants BEGIN
    UPDATE products SET
        price_min   = coalesce((SELECT min(price) FROM variants WHERE product_id = new.product_id AND archived = 0), 0),
        price_max   = coalesce((SELECT max(price) FROM variants WHERE product_id = new.product_id AND archived = 0), 0),
        stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = new.product_id AND archived = 0), 0)
    WHERE id = new.product_id;
END;
CREATE TRIGGER variants_cache_update AFTER UPDATE OF price, stock, archived, product_id ON variants BEGIN
    UPDATE products SET
        price_min   = coalesce((SELECT min(price) FROM variants WHERE product_id = products.id AND archived = 0), 0),
        price_max   = coalesce((SELECT max(price) FROM variants WHERE product_id = products.id AND archived = 0), 0),
        stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = products.id AND archived = 0), 0)
    WHERE id IN (new.product_id, old.product_id);
END;
CREATE TRIGGER variants_cache_delete AFTER DELETE ON variants BEGIN
    UPDATE products SET
        price_min   = coalesce((SELECT min(price) FROM variants WHERE product_id = old.product_id AND archived = 0), 0),
        price_max   = coalesce((SELECT max(price) FROM variants WHERE product_id = old.product_id AND archived = 0), 0),
        stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = old.product_id AND archived = 0), 0)
    WHERE id = old.product_id;
END;

PRAGMA legacy_alter_table = OFF;
"""#
